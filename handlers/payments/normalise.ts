/**
 * `normalisePayment`'s core: the raw webhook body of a Payment Received, read the way its
 * provider (named by the event, never guessed from the shape) writes it.
 */
import { z } from 'zod';
import type { PaymentReceivedDetail, Provider } from '../../events/payments';
import { rejection, type ClaimedPayment, type PaymentStatus, type Rejection } from './payment';
import { CHECKOUT_PAYMENT_EVENTS, type CheckoutPaymentEvent } from './stripe-checkout';

export type Normalised = { verdict: 'normalised'; payment: ClaimedPayment } | Rejection;

const email = z.email();

/** Reads the claims of the webhook; a body that lacks what a payment needs is rejected as malformed. */
export function normalisePayment(detail: PaymentReceivedDetail): Normalised {
  const read = READERS[detail.provider];
  try {
    return { verdict: 'normalised', payment: read(detail.body) };
  } catch (error) {
    if (error instanceof MalformedPaymentError) return rejection('malformed', error.message);
    throw error;
  }
}

class MalformedPaymentError extends Error {}

const READERS: Record<Provider, (body: string) => ClaimedPayment> = {
  stripe: readStripe,
  paypal: readPayPal,
  gumroad: readGumroad,
};

const StripeCheckoutEvent = z.object({
  type: z.enum(CHECKOUT_PAYMENT_EVENTS),
  data: z.object({
    object: z.object({
      object: z.literal('checkout.session'),
      id: z.string().min(1),
      payment_intent: z.string().min(1).nullish(),
      amount_subtotal: z.number().int().nonnegative(),
      amount_total: z.number().int().nonnegative(),
      currency: z.string().length(3),
      payment_status: z.string(),
      customer_details: z.object({ email: z.string().nullish() }).nullish(),
      customer_email: z.string().nullish(),
      metadata: z.object({ price: z.string().min(1) }),
    }),
  }),
});

/** A Checkout Session event: the price is in the session's metadata (Lectern sets it). */
function readStripe(body: string): ClaimedPayment {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedPaymentError('The Stripe event is not JSON');
  }
  const parsed = StripeCheckoutEvent.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPaymentError(`The Stripe event's ${issue.path.join('.')}: ${issue.message}`);
  }
  const { type, data } = parsed.data;
  const session = data.object;
  // A Checkout with nothing to pay (a 100% coupon) names no PaymentIntent: the session stands for it.
  const transactionId =
    session.payment_intent ?? (session.payment_status === 'no_payment_required' ? session.id : undefined);
  if (!transactionId) {
    throw new MalformedPaymentError(`The Stripe event's session ${session.id} names no payment_intent`);
  }
  return {
    provider: 'stripe',
    transactionId,
    email: emailOf(session.customer_details?.email ?? session.customer_email, 'customer_details.email'),
    productKey: session.metadata.price,
    amount: session.amount_total,
    price: session.amount_subtotal,
    currency: session.currency.toUpperCase(),
    status: stripeStatus(type, session.payment_status),
  };
}

/** What a Checkout event says of its payment, as Stripe documents fulfilment. */
function stripeStatus(type: CheckoutPaymentEvent, paymentStatus: string): PaymentStatus {
  if (type === 'checkout.session.async_payment_failed') return 'failed';
  if (paymentStatus === 'paid' || paymentStatus === 'no_payment_required') return 'paid';
  // Completed but unpaid: a delayed method, whose async_payment_succeeded or _failed is to come.
  if (type === 'checkout.session.completed' && paymentStatus === 'unpaid') return 'pending';
  return 'unpaid';
}

/**
 * An IPN's payment_status as a payment status: `Pending` (an eCheck, a review) is followed by an
 * IPN of its own once PayPal settles it, `Completed` or one of the failures.
 */
const PAYPAL_STATUS = new Map<string, PaymentStatus>([
  ['Completed', 'paid'],
  ['Pending', 'pending'],
  ['Denied', 'failed'],
  ['Failed', 'failed'],
  ['Expired', 'failed'],
  ['Voided', 'failed'],
]);

/** An IPN message: major units in `mc_gross`, the product in `item_number`. */
function readPayPal(body: string): ClaimedPayment {
  const fields = new URLSearchParams(body);
  const field = (name: string) => {
    const value = fields.get(name);
    if (!value) throw new MalformedPaymentError(`The IPN has no ${name}`);
    return value;
  };
  const currency = field('mc_currency').toUpperCase();
  return {
    provider: 'paypal',
    transactionId: field('txn_id'),
    email: emailOf(fields.get('payer_email'), 'payer_email'),
    productKey: field('item_number'),
    amount: minorUnits(field('mc_gross'), currency),
    currency,
    status: PAYPAL_STATUS.get(field('payment_status')) ?? 'unpaid',
    receiver: field('receiver_email').toLowerCase(),
  };
}

/** A Gumroad ping: `permalink` is the short form (`product_permalink` is the product's URL). */
function readGumroad(body: string): ClaimedPayment {
  const fields = new URLSearchParams(body);
  const field = (name: string) => {
    const value = fields.get(name);
    if (!value) throw new MalformedPaymentError(`The ping has no ${name}`);
    return value;
  };
  const price = field('price');
  if (!/^\d+$/.test(price)) throw new MalformedPaymentError('The ping’s price is not whole cents');
  return {
    provider: 'gumroad',
    transactionId: field('sale_id'),
    email: emailOf(fields.get('email'), 'email'),
    productKey: fields.get('permalink') || field('short_product_id'),
    amount: Number(price),
    currency: field('currency').toUpperCase(),
    status: fields.get('refunded') === 'true' || fields.get('disputed') === 'true' ? 'unpaid' : 'paid',
    receiver: field('seller_id'),
  };
}

function emailOf(value: string | null | undefined, field: string): string {
  if (!value || !email.safeParse(value).success) {
    throw new MalformedPaymentError(`The payment's ${field} is not an e-mail address`);
  }
  return value;
}

/** `49.00` USD → 4900; more decimals than the currency has is malformed. */
export function minorUnits(major: string, currency: string): number {
  let digits: number;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits!;
  } catch {
    throw new MalformedPaymentError(`${currency} is not a currency`);
  }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(major);
  if (!match || (match[2] ?? '').length > digits) {
    throw new MalformedPaymentError(`The amount ${major} is not one of ${currency}`);
  }
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
}
