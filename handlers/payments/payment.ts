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
  /** What was paid, in minor units. */
  amount: number;
  /**
   * The price before discounts and taxes, in minor units, when the provider reports it apart from
   * what was paid (Stripe's `amount_subtotal`: a coupon may take up to 100% off): the catalogue
   * price is compared with it. Absent: with `amount`.
   */
  price?: number;
  /** Upper case ISO 4217. */
  currency: string;
  status: PaymentStatus;
  /** Who got the money at the provider (PayPal receiver_email, Gumroad seller_id); Stripe: none. */
  receiver?: string;
}

/**
 * What the provider says of the money: `paid` (Stripe `paid` or `no_payment_required`, PayPal
 * `Completed`, a Gumroad sale not refunded); `pending`, paid by a delayed method and not settled
 * yet (a Stripe Checkout completed `unpaid`, a PayPal `Pending`); `failed`, that payment did not
 * go through (PayPal `Denied`, `Failed`, `Expired`, `Voided`); `unpaid`, anything else.
 */
export type PaymentStatus = 'paid' | 'pending' | 'failed' | 'unpaid';

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
