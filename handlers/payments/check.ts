/**
 * `checkPayment`'s core: the confirmed payment against the catalogue — paid (or on its way by a
 * delayed method), to Lectern, for a product it sells, at its price and in its currency.
 */
import { findProduct, type Catalogue } from '../../config/catalogue';
import { rejection, type ClaimedPayment, type Rejection } from './payment';

/** What Payment Verified (or Delayed) and the ledger carry. */
export interface CheckedPayment {
  provider: ClaimedPayment['provider'];
  transactionId: string;
  email: string;
  courseId: string;
  /** What was paid, minor units: below the catalogue price when a coupon took some off. */
  amount: number;
  currency: string;
}

export type Checked =
  | { verdict: 'verified'; payment: CheckedPayment }
  /** It matches the catalogue, but its delayed payment method has not paid yet: grant nothing for now. */
  | { verdict: 'pending'; payment: CheckedPayment }
  | Rejection;

export function checkPayment(payment: ClaimedPayment, catalogue: Catalogue): Checked {
  const { provider, transactionId: id } = payment;
  if (payment.status === 'failed') {
    return rejection('payment-failed', `${provider} reports that the payment ${id} failed`, id);
  }
  if (payment.status === 'unpaid') {
    return rejection('not-completed', `${provider} does not report ${id} as paid`, id);
  }
  const receiver = expectedReceiver(catalogue, payment);
  if (receiver !== undefined && payment.receiver !== receiver) {
    return rejection('wrong-receiver', `paid to ${payment.receiver ?? '(nobody)'}, not to ${receiver}`, id);
  }
  const product = findProduct(catalogue, provider, payment.productKey);
  if (!product) {
    return rejection('unknown-product', `no course is sold as ${provider} product ${payment.productKey}`, id);
  }
  const charged =
    payment.price === undefined
      ? `paid ${payment.amount} ${payment.currency}`
      : `priced ${payment.price} ${payment.currency}`;
  const price = `${product.amount} ${product.currency}`;
  if (payment.currency !== product.currency) {
    return rejection('wrong-currency', `${charged}, the catalogue says ${price}`, id);
  }
  if ((payment.price ?? payment.amount) !== product.amount) {
    return rejection('wrong-amount', `${charged}, the catalogue says ${price}`, id);
  }
  return {
    verdict: payment.status === 'pending' ? 'pending' : 'verified',
    payment: {
      provider,
      transactionId: id,
      email: payment.email,
      courseId: product.course,
      amount: payment.amount,
      currency: payment.currency,
    },
  };
}

/** Stripe pays the account whose key signed the webhook: there is no receiver to compare. */
function expectedReceiver(catalogue: Catalogue, payment: ClaimedPayment): string | undefined {
  if (payment.provider === 'paypal') return catalogue.paypal.receiverEmail.toLowerCase();
  if (payment.provider === 'gumroad') return catalogue.gumroad.sellerId;
  return undefined;
}
