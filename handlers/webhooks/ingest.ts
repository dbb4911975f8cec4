/**
 * The ingress core every provider shares: keep the webhook, emit its event once, and let a
 * failure surface so the provider retries (see `store.ts` for why a failed emission is retried).
 */
import { PaymentReceived, PaymentRefunded, type Provider } from '../../events/payments';
import { AlreadyInProgressError } from '../shared/errors';
import type { Publish } from '../shared/publish';
import type { Notification } from './notification';
import type { WebhookStore } from './store';

export interface IngestDeps {
  store: WebhookStore;
  publish: Publish;
  /** The `lectern` bus's name. */
  busName: string;
}

export interface Received {
  provider: Provider;
  notification: Exclude<Notification, { event: 'ignored' }>;
  /** When the HTTP API received it, epoch milliseconds. */
  receivedAt: number;
  contentType?: string;
}

/**
 * Emits Payment Received or Payment Refunded for a new notification; `duplicate` when its event
 * was emitted before. Throws AlreadyInProgressError while another delivery of it is being
 * handled, and the publish error (after giving the claim up) when the event could not be emitted.
 */
export async function ingest(received: Received, deps: IngestDeps): Promise<'emitted' | 'duplicate'> {
  const { provider, notification, receivedAt, contentType } = received;
  const { webhookId, body } = notification;
  const detail = { provider, webhookId, receivedAt: new Date(receivedAt).toISOString(), body };
  // Built (and checked) before anything is stored: an event that cannot be emitted is refused whole.
  const entry =
    notification.event === 'received'
      ? PaymentReceived.entry(detail, deps.busName)
      : PaymentRefunded.entry({ ...detail, kind: notification.kind }, deps.busName);

  const record = { provider, webhookId, receivedAt, body, contentType };
  const claim = await deps.store.claim(record, receivedAt);
  if (claim.state === 'emitted') return 'duplicate';
  if (claim.state === 'busy') {
    throw new AlreadyInProgressError(
      `The ${provider} webhook ${webhookId} is being handled by another delivery`,
    );
  }
  try {
    await deps.publish([entry]);
  } catch (error) {
    // Best effort: if the release fails too, the lease still expires; the publish error is the one to report.
    await deps.store.release(record, claim.lease).catch(() => undefined);
    throw error;
  }
  await deps.store.markEmitted(record, receivedAt);
  return 'emitted';
}
