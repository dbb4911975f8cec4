/**
 * `checkPayment`'s core: the confirmed payment against the catalogue — completed, paid to
 * Lectern, for a product it sells, at its price and in its currency.
 */
import { findProduct, type Catalogue } from '../../config/catalogue';
import { rejection, type ClaimedPayment, type Rejection } from './payment';

/** What Payment Verified and the ledger carry. */
export interface CheckedPayment {
  provider: ClaimedPayment['provider'];
  transactionId: string;
  email: string;
  courseId: string;
  amount: number;
  currency: string;
}

export type Checked = { verdict: 'verified'; payment: CheckedPayment } | Rejection;

export function checkPayment(payment: ClaimedPayment, catalogue: Catalogue): Checked {
  const { provider, transactionId: id } = payment;
  if (!payment.completed) return rejection('not-completed', `${provider} does not report ${id} as paid`, id);
  const receiver = expectedReceiver(catalogue, payment);
  if (receiver !== undefined && payment.receiver !== receiver) {
    return rejection('wrong-receiver', `paid to ${payment.receiver ?? '(nobody)'}, not to ${receiver}`, id);
  }
  const product = findProduct(catalogue, provider, payment.productKey);
  if (!product) {
    return rejection('unknown-product', `no course is sold as ${provider} product ${payment.productKey}`, id);
  }
  const paid = `${payment.amount} ${payment.currency}`;
  const price = `${product.amount} ${product.currency}`;
  if (payment.currency !== product.currency) {
    return rejection('wrong-currency', `paid ${paid}, the catalogue says ${price}`, id);
  }
  if (payment.amount !== product.amount) {
    return rejection('wrong-amount', `paid ${paid}, the catalogue says ${price}`, id);
  }
  return {
    verdict: 'verified',
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
