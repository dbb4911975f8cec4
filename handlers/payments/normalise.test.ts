import { catalogue, productForCourse } from '../../config/catalogue';
import type { Provider } from '../../events/payments';
import { builtPing } from '../../ops/trigger/gumroad';
import type { Order } from '../../ops/trigger/order';
import { builtIpn, ipnVariables } from '../../ops/trigger/paypal';
import { delayedStripeWebhooks, stripeWebhook } from '../../ops/trigger/stripe';
import { minorUnits, normalisePayment } from './normalise';

const order = (provider: Provider): Order => ({
  provider,
  email: 'ada@example.com',
  courseId: 'video-basics',
  courseTitle: catalogue.courses['video-basics'].title,
  product: productForCourse(catalogue, provider, 'video-basics')!,
});
const detail = (provider: Provider, body: string) => ({
  provider,
  webhookId: 'w-1',
  receivedAt: '2026-11-21T10:00:00.000Z',
  body,
});

describe('normalisePayment', () => {
  it('reads a Stripe checkout session: payment intent, metadata price, amount_total, upper-case currency', () => {
    const webhook = stripeWebhook(order('stripe'), 'whsec_test', Date.now());
    expect(normalisePayment(detail('stripe', webhook.body))).toEqual({
      verdict: 'normalised',
      payment: {
        provider: 'stripe',
        transactionId: webhook.payment,
        email: 'ada@example.com',
        productKey: 'price_1LecternVideoBasics',
        amount: 4900,
        price: 4900,
        currency: 'USD',
        status: 'paid',
      },
    });
  });

  it('reads a PayPal IPN: txn_id, item_number, mc_gross in minor units, receiver_email', () => {
    const ipn = builtIpn(ipnVariables(order('paypal'), 'Sales@Lectern.test'));
    expect(normalisePayment(detail('paypal', ipn.body))).toEqual({
      verdict: 'normalised',
      payment: {
        provider: 'paypal',
        transactionId: ipn.payment,
        email: 'ada@example.com',
        productKey: 'LECTERN-VIDEO-BASICS',
        amount: 4900,
        currency: 'USD',
        status: 'paid',
        receiver: 'sales@lectern.test',
      },
    });
  });

  it('reads a Gumroad ping by its short permalink, not the product URL', () => {
    const ping = builtPing(order('gumroad'), 'key', 'seller-1');
    expect(normalisePayment(detail('gumroad', ping.body))).toEqual({
      verdict: 'normalised',
      payment: {
        provider: 'gumroad',
        transactionId: ping.payment,
        email: 'ada@example.com',
        productKey: 'video-basics',
        amount: 4900,
        currency: 'USD',
        status: 'paid',
        receiver: 'seller-1',
      },
    });
  });

  it('reads the body as the provider the event names, whatever its shape', () => {
    const ipn = builtIpn(ipnVariables(order('paypal'), 'sales@lectern.test'));
    expect(normalisePayment(detail('stripe', ipn.body))).toMatchObject({
      verdict: 'rejected',
      reason: 'malformed',
      message: 'The Stripe event is not JSON',
    });
  });

  it.each([
    ['Pending', 'pending'],
    ['Denied', 'failed'],
    ['Voided', 'failed'],
    ['Canceled_Reversal', 'unpaid'],
    ['constructor', 'unpaid'],
  ])('reads an IPN with payment_status %s as %s', (paymentStatus, status) => {
    const variables = {
      ...ipnVariables(order('paypal'), 'sales@lectern.test'),
      payment_status: paymentStatus,
    };
    expect(normalisePayment(detail('paypal', builtIpn(variables).body))).toMatchObject({
      payment: { status },
    });
  });

  it('rejects an IPN without its currency as malformed', () => {
    expect(normalisePayment(detail('paypal', 'payment_status=Completed'))).toMatchObject({
      verdict: 'rejected',
      reason: 'malformed',
      message: 'The IPN has no mc_currency',
    });
  });
});

describe('normalisePayment of a Stripe Checkout by a delayed payment method', () => {
  const [completed, succeeded] = delayedStripeWebhooks(order('stripe'), 'whsec_test', Date.now());
  const [, failed] = delayedStripeWebhooks(order('stripe'), 'whsec_test', Date.now(), 'failed');
  const normalised = (body: string) => normalisePayment(detail('stripe', body));

  it('reads the Checkout completed unpaid as pending, for its PaymentIntent', () => {
    expect(normalised(completed.body)).toMatchObject({
      verdict: 'normalised',
      payment: { transactionId: completed.payment, status: 'pending', amount: 4900 },
    });
  });

  it('reads async_payment_succeeded as paid, for the same PaymentIntent', () => {
    expect(normalised(succeeded.body)).toMatchObject({
      verdict: 'normalised',
      payment: { transactionId: completed.payment, status: 'paid' },
    });
  });

  it('reads async_payment_failed as failed', () => {
    expect(normalised(failed.body)).toMatchObject({
      verdict: 'normalised',
      payment: { transactionId: failed.payment, status: 'failed' },
    });
  });

  it('reads an async_payment_succeeded that still says unpaid as unpaid', () => {
    const event = JSON.parse(succeeded.body);
    event.data.object.payment_status = 'unpaid';
    expect(normalised(JSON.stringify(event))).toMatchObject({ payment: { status: 'unpaid' } });
  });
});

describe('normalisePayment of a Stripe Checkout with nothing to pay (a 100% coupon)', () => {
  const webhook = stripeWebhook(order('stripe'), 'whsec_test', Date.now());
  const event = JSON.parse(webhook.body);
  const session = event.data.object;
  /** As Stripe sends it: no PaymentIntent, nothing charged, the price in the subtotal. */
  const free = (changes: object) =>
    JSON.stringify({
      ...event,
      data: {
        object: {
          ...session,
          amount_total: 0,
          payment_intent: null,
          payment_status: 'no_payment_required',
          total_details: { amount_discount: 4900, amount_shipping: 0, amount_tax: 0 },
          ...changes,
        },
      },
    });

  it('reads it as paid, nothing paid at the full price, for the session (there is no PaymentIntent)', () => {
    expect(normalisePayment(detail('stripe', free({})))).toMatchObject({
      verdict: 'normalised',
      payment: { transactionId: session.id, status: 'paid', amount: 0, price: 4900 },
    });
  });

  it('keeps the PaymentIntent as the transaction when the session names one', () => {
    expect(normalisePayment(detail('stripe', free({ payment_intent: webhook.payment })))).toMatchObject({
      payment: { transactionId: webhook.payment, status: 'paid' },
    });
  });

  it('rejects a session to be paid that names no PaymentIntent as malformed', () => {
    expect(
      normalisePayment(detail('stripe', free({ payment_status: 'paid', payment_intent: null }))),
    ).toEqual({
      verdict: 'rejected',
      reason: 'malformed',
      message: `The Stripe event's session ${session.id} names no payment_intent`,
    });
  });
});

it('rejects a Stripe event that is not about a Checkout payment as malformed', () => {
  const event = JSON.parse(stripeWebhook(order('stripe'), 'whsec_test', Date.now()).body);
  expect(
    normalisePayment(detail('stripe', JSON.stringify({ ...event, type: 'checkout.session.expired' }))),
  ).toMatchObject({
    verdict: 'rejected',
    reason: 'malformed',
    message: expect.stringMatching(/^The Stripe event's type: /),
  });
});

describe('minorUnits', () => {
  it('turns major units into minor ones by the currency’s digits', () => {
    expect([minorUnits('49.00', 'USD'), minorUnits('49.5', 'EUR'), minorUnits('500', 'JPY')]).toEqual([
      4900, 4950, 500,
    ]);
  });

  it('refuses more decimals than the currency has', () => {
    expect(() => minorUnits('49.001', 'USD')).toThrow('The amount 49.001 is not one of USD');
  });
});
