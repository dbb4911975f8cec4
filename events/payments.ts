/** The payment flow's events: a webhook came in, a payment was verified or rejected, money went back. */
import { z } from 'zod';
import { defineEvent } from './event';

export const PAYMENTS_SOURCE = 'lectern.payments';

export const PROVIDERS = ['stripe', 'paypal', 'gumroad'] as const;
export const Provider = z.enum(PROVIDERS);
export type Provider = z.infer<typeof Provider>;

/** ISO 4217, upper case (Stripe and Gumroad write it in lower case; normalise before comparing). */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an upper-case ISO 4217 code');

const timestamp = z.iso.datetime();

/** What ingress keeps of a webhook: enough for the workflow to normalise and verify it. */
const webhook = {
  provider: Provider,
  /**
   * The provider's id of this notification, the de-duplication key: Stripe's event id, PayPal's
   * `txn_id:payment_status` (or `case:case_id`), Gumroad's sale id (with `:refunded`/`:disputed`).
   */
  webhookId: z.string().min(1).max(256),
  /** When the HTTP API received it. */
  receivedAt: timestamp,
  /** The body exactly as received: PayPal's verification posts it back byte for byte. */
  body: z.string().min(1),
};

/**
 * A webhook reported a payment, or news of one (Stripe: a delayed payment succeeded or failed);
 * nothing about it is verified yet (Stripe's signature aside).
 */
export const PaymentReceived = defineEvent({
  source: PAYMENTS_SOURCE,
  detailType: 'Payment Received',
  schema: z.object(webhook),
});
export type PaymentReceivedDetail = z.infer<typeof PaymentReceived.schema>;

/** Money went back: a refund, or a dispute/chargeback the buyer opened. */
export const RefundKind = z.enum(['refund', 'dispute']);
export type RefundKind = z.infer<typeof RefundKind>;

/** A webhook reported a refund or dispute; like Payment Received, not verified yet. */
export const PaymentRefunded = defineEvent({
  source: PAYMENTS_SOURCE,
  detailType: 'Payment Refunded',
  schema: z.object({ ...webhook, kind: RefundKind }),
});
export type PaymentRefundedDetail = z.infer<typeof PaymentRefunded.schema>;

/** A payment in the provider's words, normalised: what the ledger records. */
const payment = {
  provider: Provider,
  /** The provider's id of the payment (Stripe PaymentIntent, PayPal txn_id, Gumroad sale id): the ledger key. */
  transactionId: z.string().min(1),
  /** The buyer's e-mail address. */
  email: z.email(),
  courseId: z.string().min(1),
  /** In the currency's minor units (cents). */
  amount: z.number().int().nonnegative(),
  currency: Currency,
};

/** The provider confirmed the payment and it matches the catalogue; recorded in the ledger. */
export const PaymentVerified = defineEvent({
  source: PAYMENTS_SOURCE,
  detailType: 'Payment Verified',
  schema: z.object({ ...payment, verifiedAt: timestamp }),
});
export type PaymentVerifiedDetail = z.infer<typeof PaymentVerified.schema>;

/**
 * A payment by a delayed method (a bank debit, a voucher) that matches the catalogue but is still
 * pending: nothing is recorded or granted until the provider reports it paid (then Payment
 * Verified) or failed (then Payment Rejected, `payment-failed`).
 */
export const PaymentDelayed = defineEvent({
  source: PAYMENTS_SOURCE,
  detailType: 'Payment Delayed',
  schema: z.object({ ...payment, webhookId: webhook.webhookId, delayedAt: timestamp }),
});
export type PaymentDelayedDetail = z.infer<typeof PaymentDelayed.schema>;

export const REJECTION_REASONS = [
  /** The provider does not confirm it (PayPal INVALID, no such Gumroad sale). */
  'not-verified',
  /** Not a completed payment: unpaid, denied, refunded (a delayed payment on its way is Payment Delayed). */
  'not-completed',
  /** The provider reports that the payment failed (a delayed payment method that did not go through). */
  'payment-failed',
  /** No course is sold under this product. */
  'unknown-product',
  /** The money went to someone else. */
  'wrong-receiver',
  'wrong-amount',
  'wrong-currency',
  /** The payload lacks what a payment needs. */
  'malformed',
] as const;
export const RejectionReason = z.enum(REJECTION_REASONS);
export type RejectionReason = z.infer<typeof RejectionReason>;

/** A received payment that will not grant anything, and why. */
export const PaymentRejected = defineEvent({
  source: PAYMENTS_SOURCE,
  detailType: 'Payment Rejected',
  schema: z.object({
    provider: Provider,
    webhookId: webhook.webhookId,
    /** When the payload got far enough to name one. */
    transactionId: z.string().min(1).optional(),
    reason: RejectionReason,
    /** For the operator: what did not match, e.g. `amount 100 USD, the catalogue says 4900 USD`. */
    message: z.string().min(1).max(1024),
    rejectedAt: timestamp,
  }),
});
export type PaymentRejectedDetail = z.infer<typeof PaymentRejected.schema>;
