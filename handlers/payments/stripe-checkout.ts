/**
 * The Stripe Checkout events that tell of a payment: ingress hands them on as Payment Received,
 * `normalisePayment` reads what each says. With a delayed payment method (a bank debit, a voucher)
 * Stripe completes the Checkout `unpaid` and later reports the payment succeeded or failed.
 */
export const CHECKOUT_PAYMENT_EVENTS = [
  /** The buyer completed the Checkout: paid, nothing to pay, or (a delayed method) unpaid for now. */
  'checkout.session.completed',
  /** The delayed payment of a completed Checkout went through: the session is now paid. */
  'checkout.session.async_payment_succeeded',
  /** The delayed payment of a completed Checkout did not go through. */
  'checkout.session.async_payment_failed',
] as const;
export type CheckoutPaymentEvent = (typeof CHECKOUT_PAYMENT_EVENTS)[number];
