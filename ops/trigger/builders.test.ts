/** What `lectern trigger` builds by itself is what ingress accepts. */
import { catalogue, productForCourse } from '../../config/catalogue';
import type { Provider } from '../../events/payments';
import { httpRequest } from '../../test/support/http-request';
import { readGumroad } from '../../handlers/webhooks/gumroad-notification';
import { readPayPal } from '../../handlers/webhooks/paypal-notification';
import { readStripe } from '../../handlers/webhooks/stripe-notification';
import { builtPing } from './gumroad';
import { majorUnits, type Order, type OutgoingWebhook } from './order';
import { builtIpn, ipnVariables } from './paypal';
import { delayedStripeWebhooks, stripeWebhook } from './stripe';

const NOW = Date.UTC(2026, 0, 1);
const SECRET = 'whsec_builders';
const KEY = 'lectern-builders-key';

const order = (provider: Provider, refund?: { payment?: string }): Order => ({
  provider,
  email: 'ada@example.com',
  courseId: 'hls-streaming',
  courseTitle: 'Streaming Video with HLS',
  product: productForCourse(catalogue, provider, 'hls-streaming')!,
  ...(refund ? { refund } : {}),
});

/** The webhook as the HTTP API hands it to the function. */
const received = (webhook: OutgoingWebhook, pathParameters?: Record<string, string>) =>
  httpRequest({ body: webhook.body, headers: webhook.headers, timeEpoch: NOW, pathParameters });

describe('Stripe', () => {
  it('signs a checkout.session.completed that ingress verifies as a payment', () => {
    const webhook = stripeWebhook(order('stripe'), SECRET, NOW);
    expect(readStripe(received(webhook), SECRET)).toMatchObject({ event: 'received' });
  });

  it('names the price and the buyer in the session, as Lectern creates it', () => {
    const session = JSON.parse(stripeWebhook(order('stripe'), SECRET, NOW).body).data.object;
    expect(session).toMatchObject({
      metadata: { price: 'price_1LecternHlsStreaming' },
      customer_details: { email: 'ada@example.com' },
      amount_total: 7900,
      currency: 'usd',
      payment_status: 'paid',
    });
  });

  describe('a purchase by a delayed payment method', () => {
    const [completed, succeeded] = delayedStripeWebhooks(order('stripe'), SECRET, NOW);
    const sessionOf = (webhook: OutgoingWebhook) => JSON.parse(webhook.body).data.object;

    it('completes the Checkout unpaid, then reports the payment succeeded, both signed for ingress', () => {
      expect([completed, succeeded].map((w) => readStripe(received(w), SECRET).event)).toEqual([
        'received',
        'received',
      ]);
      expect(
        [completed, succeeded].map((w) => [JSON.parse(w.body).type, sessionOf(w).payment_status]),
      ).toEqual([
        ['checkout.session.completed', 'unpaid'],
        ['checkout.session.async_payment_succeeded', 'paid'],
      ]);
    });

    it('is about one session and one PaymentIntent, in two events', () => {
      expect(sessionOf(succeeded)).toMatchObject({
        id: sessionOf(completed).id,
        payment_intent: completed.payment,
      });
      expect(succeeded.payment).toBe(completed.payment);
      expect(JSON.parse(succeeded.body).id).not.toBe(JSON.parse(completed.body).id);
    });

    it('reports a failed payment with async_payment_failed, still unpaid', () => {
      const [, failed] = delayedStripeWebhooks(order('stripe'), SECRET, NOW, 'failed');
      expect([JSON.parse(failed.body).type, sessionOf(failed).payment_status]).toEqual([
        'checkout.session.async_payment_failed',
        'unpaid',
      ]);
    });
  });

  it('refunds the payment it is given with charge.refunded', () => {
    const webhook = stripeWebhook(order('stripe', { payment: 'pi_3Given' }), SECRET, NOW);
    expect(readStripe(received(webhook), SECRET)).toMatchObject({ event: 'refunded', kind: 'refund' });
    expect([JSON.parse(webhook.body).data.object.payment_intent, webhook.payment]).toEqual([
      'pi_3Given',
      'pi_3Given',
    ]);
  });
});

describe('PayPal', () => {
  it('builds an IPN that ingress reads as a completed payment to the merchant', () => {
    const webhook = builtIpn(ipnVariables(order('paypal'), catalogue.paypal.receiverEmail));
    expect(readPayPal(received(webhook))).toMatchObject({
      event: 'received',
      webhookId: `${webhook.payment}:Completed`,
    });
    expect(Object.fromEntries(new URLSearchParams(webhook.body))).toMatchObject({
      mc_gross: '79.00',
      mc_currency: 'USD',
      receiver_email: 'sales@lectern.test',
      item_number: 'LECTERN-HLS-STREAMING',
    });
  });

  it('builds the refund of the payment it is given', () => {
    const webhook = builtIpn(
      ipnVariables(order('paypal', { payment: '61E67681CH3238416' }), 'sales@lectern.test'),
    );
    expect(readPayPal(received(webhook))).toMatchObject({ event: 'refunded', kind: 'refund' });
    expect(new URLSearchParams(webhook.body).get('parent_txn_id')).toBe('61E67681CH3238416');
    expect(new URLSearchParams(webhook.body).get('mc_gross')).toBe('-79.00');
  });
});

describe('Gumroad', () => {
  it('builds a ping for the keyed URL that ingress reads as a sale', () => {
    const webhook = builtPing(order('gumroad'), KEY, catalogue.gumroad.sellerId);
    expect(webhook.path).toBe(`/webhooks/gumroad/${KEY}`);
    expect(readGumroad(received(webhook, { key: KEY }), KEY)).toMatchObject({ event: 'received' });
  });

  it('shows the route without the key', () => {
    expect(builtPing(order('gumroad'), KEY, 'seller').route).toBe('/webhooks/gumroad/{key}');
  });
});

describe('majorUnits', () => {
  it.each([
    [4900, 'USD', '49.00'],
    [5, 'EUR', '0.05'],
    [500, 'JPY', '500'],
  ])('writes %i %s as %s', (amount, currency, text) => {
    expect(majorUnits(amount, currency)).toBe(text);
  });
});
