/**
 * Stripe webhooks as Stripe sends them: a `checkout.session.completed` event for a purchase, a
 * `charge.refunded` for its refund, signed with the endpoint's secret (`Stripe-Signature`).
 * Checkout events carry no line items, so the session's metadata names the price, as Lectern
 * sets it when it creates the session. A purchase by a delayed payment method is two events.
 */
import Stripe from 'stripe';
import type { CheckoutPaymentEvent } from '../../handlers/payments/stripe-checkout';
import { randomId, type Order, type OutgoingWebhook } from './order';

export function stripeWebhook(order: Order, secret: string, now: number): OutgoingWebhook {
  const created = Math.floor(now / 1000);
  const payment = order.refund?.payment ?? `pi_3${randomId(23)}`;
  if (order.refund) {
    return signedEvent('charge.refunded', refundedCharge(order, payment, created), secret, created, payment);
  }
  const session = checkoutSession(order, payment, created);
  return signedEvent('checkout.session.completed', session, secret, created, payment);
}

/**
 * A purchase by a delayed payment method (a US bank account debit), as Stripe reports it: the
 * Checkout completes `unpaid`, then `checkout.session.async_payment_succeeded` (the session now
 * `paid`) or `checkout.session.async_payment_failed` (still `unpaid`) about the same session and
 * PaymentIntent, to be sent in this order.
 */
export function delayedStripeWebhooks(
  order: Order,
  secret: string,
  now: number,
  outcome: 'succeeded' | 'failed' = 'succeeded',
): [completed: OutgoingWebhook, settled: OutgoingWebhook] {
  const created = Math.floor(now / 1000);
  const payment = `pi_3${randomId(23)}`;
  const session = {
    ...checkoutSession(order, payment, created),
    payment_method_types: ['us_bank_account'],
    payment_status: 'unpaid',
  };
  const settled = { ...session, payment_status: outcome === 'succeeded' ? 'paid' : 'unpaid' };
  return [
    signedEvent('checkout.session.completed', session, secret, created, payment),
    signedEvent(`checkout.session.async_payment_${outcome}`, settled, secret, created, payment),
  ];
}

/** The event of `type` about `object`, signed as Stripe signs it. */
function signedEvent(
  type: CheckoutPaymentEvent | 'charge.refunded',
  object: object,
  secret: string,
  created: number,
  payment: string,
): OutgoingWebhook {
  const event = {
    id: `evt_1${randomId(23)}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  const body = JSON.stringify(event, null, 2);
  return {
    path: '/webhooks/stripe',
    route: '/webhooks/stripe',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({
        payload: body,
        secret,
        timestamp: created,
      }),
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    },
    body,
    description: `${type} ${event.id}`,
    payment,
  };
}

function checkoutSession(order: Order, payment: string, created: number) {
  const { product, email } = order;
  return {
    id: `cs_test_a1${randomId(56)}`,
    object: 'checkout.session',
    amount_subtotal: product.amount,
    amount_total: product.amount,
    client_reference_id: null,
    created,
    currency: product.currency.toLowerCase(),
    customer: null,
    customer_details: { email, name: null, phone: null, tax_exempt: 'none' },
    customer_email: email,
    expires_at: created + 24 * 3600,
    livemode: false,
    metadata: { price: product.key, course: order.courseId },
    mode: 'payment',
    payment_intent: payment,
    payment_method_types: ['card'],
    payment_status: 'paid',
    status: 'complete',
    success_url: 'http://localhost:5173/purchases/success',
  };
}

function refundedCharge(order: Order, payment: string, created: number) {
  const { product, email } = order;
  return {
    id: `ch_3${randomId(23)}`,
    object: 'charge',
    amount: product.amount,
    amount_captured: product.amount,
    amount_refunded: product.amount,
    billing_details: { email, name: null, phone: null },
    captured: true,
    created,
    currency: product.currency.toLowerCase(),
    livemode: false,
    metadata: { price: product.key, course: order.courseId },
    paid: true,
    payment_intent: payment,
    receipt_email: email,
    refunded: true,
    status: 'succeeded',
  };
}
