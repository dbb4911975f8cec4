import { catalogue, productForCourse } from '../../config/catalogue';
import type { Provider } from '../../events/payments';
import { builtPing } from '../../ops/trigger/gumroad';
import type { Order } from '../../ops/trigger/order';
import { builtIpn, ipnVariables } from '../../ops/trigger/paypal';
import { stripeWebhook } from '../../ops/trigger/stripe';
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
        currency: 'USD',
        completed: true,
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
        completed: true,
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
        completed: true,
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

  it('rejects an IPN without its currency as malformed', () => {
    expect(normalisePayment(detail('paypal', 'payment_status=Completed'))).toMatchObject({
      verdict: 'rejected',
      reason: 'malformed',
      message: 'The IPN has no mc_currency',
    });
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
