/** What a provider's webhook says once it is authenticated and read, before anything is stored. */
import type { RefundKind } from '../../events/payments';

/**
 * Webhook bodies are a few kilobytes; the cap keeps one raw body well inside a DynamoDB item
 * (400 KB) and, JSON-escaped in the event detail, inside an EventBridge entry (256 KiB).
 */
export const MAX_WEBHOOK_BYTES = 64 * 1024;

export type Notification =
  /** A payment to verify: becomes Payment Received. */
  | { event: 'received'; webhookId: string; body: string }
  /** A refund or dispute: becomes Payment Refunded. */
  | { event: 'refunded'; kind: RefundKind; webhookId: string; body: string }
  /** Acknowledged, kept nowhere: a kind of notification the flow has no use for. */
  | { event: 'ignored'; reason: string };
