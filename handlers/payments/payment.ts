/**
 * A payment as the workflow's steps pass it along: the provider's claims, normalised, before
 * anything is checked. `verifyWithProvider` may replace the claims with the provider's own record.
 */
import type { Provider, RejectionReason } from '../../events/payments';

export interface ClaimedPayment {
  provider: Provider;
  /** The provider's id of the payment: the ledger key. */
  transactionId: string;
  email: string;
  /** The provider's key of the product (Stripe price, PayPal item_number, Gumroad short permalink). */
  productKey: string;
  /** Minor units. */
  amount: number;
  /** Upper case ISO 4217. */
  currency: string;
  /** Whether the provider says the money was paid (Stripe `paid`, PayPal `Completed`, Gumroad not refunded). */
  completed: boolean;
  /** Who got the money at the provider (PayPal receiver_email, Gumroad seller_id); Stripe: none. */
  receiver?: string;
}

/** A step's answer when the payment must not grant anything. */
export interface Rejection {
  verdict: 'rejected';
  reason: RejectionReason;
  message: string;
  transactionId?: string;
}

export const rejection = (reason: RejectionReason, message: string, transactionId?: string): Rejection => ({
  verdict: 'rejected',
  reason,
  message: message.slice(0, 1024),
  ...(transactionId ? { transactionId } : {}),
});
