/**
 * Webhook ingress end to end: real HTTP to the HTTP API of a runtime started with Lectern's
 * own topology; the bus observed through a rule into a queue and through its archive, the kept
 * payloads through DynamoDB.
 */
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import Stripe from 'stripe';
import { readSecrets } from '../../config/secrets';
import { MAX_WEBHOOK_BYTES } from '../../handlers/webhooks/notification';
import { WEBHOOKS_TABLE } from '../../handlers/webhooks/table';
import { ipnVariables } from '../../ops/trigger/paypal';
import { stripeWebhook } from '../../ops/trigger/stripe';
import { catalogue } from '../../config/catalogue';
import { credentials } from '../support/local';
import { ingressTopology, orderOf, startFlow, type Flow } from './support';

let flow: Flow;
let secrets: { STRIPE_WEBHOOK_SECRET: string; GUMROAD_WEBHOOK_KEY: string };

beforeAll(async () => {
  flow = await startFlow(undefined, ingressTopology);
  // The development values the runtime's handlers use (the runtime set LECTERN_LOCAL=1).
  secrets = readSecrets(['STRIPE_WEBHOOK_SECRET', 'GUMROAD_WEBHOOK_KEY']);
});
afterAll(() => flow.close());

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${flow.api}${path}`, { method: 'POST', headers, body });

/** Posts and reads the answer as `{ status, body }`. */
async function answer(response: Promise<Response>): Promise<{ status: number; body: unknown }> {
  const r = await response;
  return { status: r.status, body: await r.json() };
}

describe('Stripe', () => {
  let events = 0;
  /** A Stripe event of `type`, signed at `signedAt` (default: the runtime's now) with `secret`. */
  function stripeEvent(type: string, options: { signedAt?: number; secret?: string; body?: string } = {}) {
    const id = `evt_1Flow${++events}`;
    const body =
      options.body ?? JSON.stringify({ id, object: 'event', type, data: { object: { object: 'charge' } } });
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: options.secret ?? secrets.STRIPE_WEBHOOK_SECRET,
      timestamp: Math.floor((options.signedAt ?? flow.clock.now()) / 1000),
    });
    return { id, body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
  }
  const sendStripe = (webhook: { body: string; headers: Record<string, string> }) =>
    post('/webhooks/stripe', webhook.body, webhook.headers);

  it('answers a signed checkout.session.completed with 200 and puts one Payment Received on the bus', async () => {
    const webhook = stripeWebhook(orderOf('stripe'), secrets.STRIPE_WEBHOOK_SECRET, flow.clock.now());
    const webhookId = JSON.parse(webhook.body).id as string;

    expect(await answer(sendStripe(webhook))).toEqual({ status: 200, body: { received: true } });
    const event = await flow.nextEvent((e) => e.detail.webhookId === webhookId);
    expect(event).toMatchObject({
      source: 'lectern.payments',
      'detail-type': 'Payment Received',
      detail: {
        provider: 'stripe',
        webhookId,
        receivedAt: new Date(flow.clock.now()).toISOString(),
        body: webhook.body,
      },
    });
  });

  it('keeps the raw payload in the webhooks table, to expire in a week', async () => {
    const webhook = stripeWebhook(orderOf('stripe'), secrets.STRIPE_WEBHOOK_SECRET, flow.clock.now());
    await sendStripe(webhook);
    expect(await flow.webhook('stripe', JSON.parse(webhook.body).id)).toMatchObject({
      body: webhook.body,
      contentType: 'application/json; charset=utf-8',
      expiresAt: Math.floor(flow.clock.now() / 1000) + 7 * 24 * 3600,
      emittedAt: expect.any(String),
    });
  });

  it('emits one event for the same webhook delivered five times at once', async () => {
    const webhook = stripeWebhook(orderOf('stripe'), secrets.STRIPE_WEBHOOK_SECRET, flow.clock.now());
    const before = await flow.archived();

    const statuses = (await Promise.all(Array.from({ length: 5 }, () => sendStripe(webhook)))).map(
      (r) => r.status,
    );

    expect(await flow.archived()).toBe(before + 1);
    // Each delivery is accepted, or (while another is putting the event) refused with 409 so that Stripe retries.
    expect(statuses).toContain(200);
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
  });

  it('answers a later delivery of the same webhook 200 as a duplicate and emits nothing', async () => {
    const webhook = stripeWebhook(orderOf('stripe'), secrets.STRIPE_WEBHOOK_SECRET, flow.clock.now());
    await sendStripe(webhook);
    const before = await flow.archived();

    expect(await answer(sendStripe(webhook))).toEqual({
      status: 200,
      body: { received: true, duplicate: true },
    });
    expect(await flow.archived()).toBe(before);
  });

  it('puts Payment Refunded with its kind for charge.refunded', async () => {
    const webhook = stripeEvent('charge.refunded');
    await sendStripe(webhook);
    expect(await flow.nextEvent((e) => e.detail.webhookId === webhook.id)).toMatchObject({
      'detail-type': 'Payment Refunded',
      detail: { provider: 'stripe', kind: 'refund' },
    });
  });

  it('puts Payment Refunded as a dispute for charge.dispute.created', async () => {
    const webhook = stripeEvent('charge.dispute.created');
    await sendStripe(webhook);
    expect(await flow.nextEvent((e) => e.detail.webhookId === webhook.id)).toMatchObject({
      'detail-type': 'Payment Refunded',
      detail: { kind: 'dispute' },
    });
  });

  describe('refused, keeping and emitting nothing', () => {
    let before: number;
    beforeEach(async () => {
      before = await flow.archived();
    });
    afterEach(async () => {
      expect(await flow.archived()).toBe(before);
    });

    it('a forged signature: 400', async () => {
      const webhook = stripeEvent('checkout.session.completed', { secret: 'whsec_forged' });
      expect(await answer(sendStripe(webhook))).toEqual({
        status: 400,
        body: {
          message:
            'Stripe-Signature refused: No signatures found matching the expected signature for payload.',
        },
      });
      expect(await flow.webhook('stripe', webhook.id)).toBeUndefined();
    });

    it('a signature more than 300 s old when it arrives: 400', async () => {
      const webhook = stripeEvent('checkout.session.completed');
      flow.clock.advance(301_000);
      expect(await answer(sendStripe(webhook))).toEqual({
        status: 400,
        body: { message: 'Stripe-Signature refused: Timestamp outside the tolerance zone' },
      });
      expect(await flow.webhook('stripe', webhook.id)).toBeUndefined();
    });

    it('a signed body that is not JSON: 400', async () => {
      const webhook = stripeEvent('checkout.session.completed', { body: 'type=checkout.session.completed' });
      expect(await answer(sendStripe(webhook))).toEqual({
        status: 400,
        body: { message: 'The body is not JSON' },
      });
    });

    it('a body over 64 KiB: 413', async () => {
      const webhook = stripeEvent('checkout.session.completed', { body: ' '.repeat(MAX_WEBHOOK_BYTES + 1) });
      expect((await sendStripe(webhook)).status).toBe(413);
    });

    it('no body: 400', async () => {
      expect((await post('/webhooks/stripe', '', { 'stripe-signature': 't=1,v1=00' })).status).toBe(400);
    });

    it('an event type Lectern does not use: acknowledged with 200 all the same', async () => {
      const webhook = stripeEvent('customer.created');
      expect(await answer(sendStripe(webhook))).toEqual({
        status: 200,
        body: { received: true, ignored: 'Stripe sends customer.created, which Lectern does not use' },
      });
      expect(await flow.webhook('stripe', webhook.id)).toBeUndefined();
    });
  });
});

describe('PayPal', () => {
  /** An IPN message the runtime's PayPal simulator issued (so the workflow's postback will verify). */
  async function issuedIpn(variables: Record<string, string>): Promise<{ body: string; txnId: string }> {
    const response = await fetch(`${flow.runtime.endpoint}/simulators/paypal/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(variables),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { body: string; txnId: string };
  }
  const sendIpn = (body: string, contentType = 'application/x-www-form-urlencoded') =>
    post('/webhooks/paypal', body, { 'content-type': contentType });

  it('answers an IPN with 200 and puts Payment Received with the message byte for byte', async () => {
    const { body, txnId } = await issuedIpn(ipnVariables(orderOf('paypal'), catalogue.paypal.receiverEmail));

    expect(await answer(sendIpn(body))).toEqual({ status: 200, body: { received: true } });
    expect(await flow.nextEvent((e) => e.detail.webhookId === `${txnId}:Completed`)).toMatchObject({
      'detail-type': 'Payment Received',
      detail: { provider: 'paypal', body },
    });
  });

  it('puts Payment Refunded for a refund IPN', async () => {
    const refund = orderOf('paypal', { refund: { payment: '61E67681CH3238416' } });
    const { body, txnId } = await issuedIpn(ipnVariables(refund, catalogue.paypal.receiverEmail));

    await sendIpn(body);
    expect(await flow.nextEvent((e) => e.detail.webhookId === `${txnId}:Refunded`)).toMatchObject({
      'detail-type': 'Payment Refunded',
      detail: { provider: 'paypal', kind: 'refund' },
    });
  });

  it('refuses a body that is not form-encoded with 415, emitting nothing', async () => {
    const before = await flow.archived();
    expect((await sendIpn('{"txn_id":"1"}', 'application/json')).status).toBe(415);
    expect(await flow.archived()).toBe(before);
  });
});

describe('Gumroad', () => {
  async function issuedPing(path: string, payload: object): Promise<{ body: string; saleId: string }> {
    const response = await fetch(`${flow.runtime.endpoint}/simulators/gumroad/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { body: string; saleId: string };
  }
  const sale = () =>
    issuedPing('sales', { product_permalink: 'video-basics', email: 'ada@example.com', price: 4900 });
  const sendPing = (body: string, key = secrets.GUMROAD_WEBHOOK_KEY) =>
    post(`/webhooks/gumroad/${key}`, body, { 'content-type': 'application/x-www-form-urlencoded' });

  it('answers a sale ping at the keyed URL with 200 and puts Payment Received', async () => {
    const { body, saleId } = await sale();

    expect(await answer(sendPing(body))).toEqual({ status: 200, body: { received: true } });
    expect(await flow.nextEvent((e) => e.detail.webhookId === saleId)).toMatchObject({
      'detail-type': 'Payment Received',
      detail: { provider: 'gumroad', body },
    });
  });

  it('puts Payment Refunded for the refund ping', async () => {
    const { saleId } = await sale();
    const { body } = await issuedPing(`sales/${encodeURIComponent(saleId)}/refund`, {});

    await sendPing(body);
    expect(await flow.nextEvent((e) => e.detail.webhookId === `${saleId}:refunded`)).toMatchObject({
      'detail-type': 'Payment Refunded',
      detail: { provider: 'gumroad', kind: 'refund' },
    });
  });

  it('refuses a wrong key with 401, keeping and emitting nothing', async () => {
    const { body, saleId } = await sale();
    const before = await flow.archived();

    expect(await answer(sendPing(body, 'not-the-key-at-all'))).toEqual({
      status: 401,
      body: { message: 'The webhook key in the URL is not this endpoint’s' },
    });
    expect(await flow.webhook('gumroad', saleId)).toBeUndefined();
    expect(await flow.archived()).toBe(before);
  });
});

describe('when the webhook cannot be kept', () => {
  it('answers 500, so that the provider retries, and emits nothing', async () => {
    const dynamodb = new DynamoDBClient({
      endpoint: flow.runtime.endpoint,
      region: 'us-east-1',
      credentials,
    });
    await dynamodb.send(new DeleteTableCommand({ TableName: WEBHOOKS_TABLE }));
    dynamodb.destroy();
    const before = await flow.archived();
    const webhook = stripeWebhook(orderOf('stripe'), secrets.STRIPE_WEBHOOK_SECRET, flow.clock.now());

    expect((await post('/webhooks/stripe', webhook.body, webhook.headers)).status).toBe(500);
    expect(await flow.archived()).toBe(before);
  });
});
