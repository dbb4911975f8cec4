/**
 * `verifyWithProvider`'s core: ask the provider whether the payment is real. PayPal: post the
 * IPN back byte for byte (`cmd=_notify-validate`). Gumroad: look the sale up; its record replaces
 * the ping's claims. Stripe: the signature was checked at ingress, nothing to ask.
 */
import { z } from 'zod';
import { PaymentNotVerifiedError, ProviderUnavailableError } from '../shared/errors';
import type { ClaimedPayment } from './payment';

export interface VerifyInput {
  payment: ClaimedPayment;
  /** The webhook body exactly as received. */
  body: string;
}

export interface VerifyDeps {
  /** PayPal's one-word answer to the postback of `body`. */
  payPalPostback(body: string): Promise<string>;
  /** Gumroad's `sale` for the id, or undefined when Gumroad knows no such sale. */
  gumroadSale(saleId: string): Promise<unknown>;
}

const GumroadSale = z.object({
  id: z.string(),
  email: z.string(),
  seller_id: z.string(),
  price: z.number().int().nonnegative(),
  currency: z.string().length(3),
  product_permalink: z.string(),
  refunded: z.boolean(),
  chargedback: z.boolean().optional(),
  disputed: z.boolean().optional(),
});

/**
 * Resolves when PayPal answers VERIFIED to the postback of the IPN `body` (`about` names it in
 * the error); throws PaymentNotVerifiedError for INVALID, ProviderUnavailableError otherwise.
 */
export async function verifyPayPalIpn(
  body: string,
  about: string,
  postback: VerifyDeps['payPalPostback'],
): Promise<void> {
  const answer = (await postback(body)).trim();
  if (answer === 'VERIFIED') return;
  if (answer === 'INVALID')
    throw new PaymentNotVerifiedError(`PayPal answers INVALID to the IPN of ${about}`);
  // Neither word: a page in the way (maintenance, a proxy), not PayPal's verdict.
  throw new ProviderUnavailableError(`PayPal answered neither VERIFIED nor INVALID: ${answer.slice(0, 80)}`);
}

/** The payment as the provider confirms it; throws PaymentNotVerifiedError or ProviderUnavailableError. */
export async function verifyWithProvider(input: VerifyInput, deps: VerifyDeps): Promise<ClaimedPayment> {
  const { payment, body } = input;
  if (payment.provider === 'stripe') return payment;
  if (payment.provider === 'paypal') {
    await verifyPayPalIpn(body, `txn_id ${payment.transactionId}`, deps.payPalPostback);
    return payment;
  }
  const found = await deps.gumroadSale(payment.transactionId);
  if (found === undefined) {
    throw new PaymentNotVerifiedError(`Gumroad knows no sale ${payment.transactionId}`);
  }
  const sale = GumroadSale.safeParse(found);
  if (!sale.success) throw new ProviderUnavailableError('Gumroad answered a sale Lectern cannot read');
  const record = sale.data;
  return {
    provider: 'gumroad',
    transactionId: record.id,
    email: record.email,
    productKey: record.product_permalink,
    amount: record.price,
    currency: record.currency.toUpperCase(),
    status: record.refunded || record.chargedback || record.disputed ? 'unpaid' : 'paid',
    receiver: record.seller_id,
  };
}
