/**
 * Stripe Checkout payments end to end, from the signed webhook to the grant and its mail, on a
 * runtime of Lectern's own topology: a delayed payment method (the Checkout completes unpaid, its
 * payment succeeds or fails later) and a Checkout with nothing to pay.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import Stripe from 'stripe';
import { readSecrets } from '../../config/secrets';
import { PaymentDelayed, PaymentRejected } from '../../events/payments';
import { ENTITLEMENTS_TABLE } from '../../handlers/entitlements/tables';
import { LEDGER_TABLE } from '../../handlers/payments/ledger-table';
import type { OutgoingWebhook } from '../../ops/trigger/order';
import { delayedStripeWebhooks, stripeWebhook } from '../../ops/trigger/stripe';
import { credentials } from '../support/local';
import { orderOf, startFlow, type BusEvent, type Flow } from './support';

let flow: Flow;
let documents: DynamoDBDocumentClient;
let secret: string;

beforeAll(async () => {
  flow = await startFlow();
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: flow.runtime.endpoint, region: 'us-east-1', credentials }),
  );
  ({ STRIPE_WEBHOOK_SECRET: secret } = readSecrets(['STRIPE_WEBHOOK_SECRET']));
});
afterAll(async () => {
  documents.destroy();
  await flow.close();
});

/** Posts the webhook to the HTTP API: its status and answer. */
async function post(webhook: OutgoingWebhook): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${flow.api}${webhook.path}`, {
    method: 'POST',
    headers: webhook.headers,
    body: webhook.body,
  });
  return { status: response.status, body: await response.json() };
}

const eventId = (webhook: OutgoingWebhook) => (JSON.parse(webhook.body) as { id: string }).id;

/** The payment verification the webhook started, once finished. */
const verification = (webhook: OutgoingWebhook) =>
  flow.finished('paymentVerification', (detail) => detail.webhookId === eventId(webhook));

/** The entitlement granting of the transaction, once finished. */
const granting = (transactionId: string) =>
  flow.finished('entitlementGranting', (detail) => detail.transactionId === transactionId);

/** The next event on the bus of `detailType` about the transaction. */
const outcome = (detailType: string, transactionId: string) =>
  flow.nextEvent(
    (e) =>
      e['detail-type'] === detailType &&
      (e.detail as unknown as { transactionId?: string }).transactionId === transactionId,
  ) as Promise<BusEvent & { detail: Record<string, unknown> }>;

async function item(table: string, key: Record<string, string>) {
  return (await documents.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
}
const grantOf = (transactionId: string) =>
  item(ENTITLEMENTS_TABLE, { transaction: `stripe#${transactionId}` });
const ledgerOf = (transactionId: string) => item(LEDGER_TABLE, { pk: `stripe#${transactionId}` });

const subjects = (email: string) => flow.runtime.mailbox.list({ to: email }).map((mail) => mail.subject);

describe('a delayed payment method whose payment succeeds', () => {
  const email = 'bank-debit@example.com';
  let completed: OutgoingWebhook;
  let succeeded: OutgoingWebhook;
  let acknowledged: { status: number; body: unknown };
  let pendingRun: string;

  beforeAll(async () => {
    [completed, succeeded] = delayedStripeWebhooks(orderOf('stripe', { email }), secret, flow.clock.now());
    acknowledged = await post(completed);
    pendingRun = (await verification(completed)).executionArn!;
  });

  it('acknowledges the Checkout completed unpaid with 200', () => {
    expect(acknowledged).toEqual({ status: 200, body: { received: true } });
  });

  it('puts Payment Delayed for its transaction, as the catalogue defines it', async () => {
    const event = await outcome('Payment Delayed', completed.payment);
    expect(PaymentDelayed.parse(event).detail).toMatchObject({
      provider: 'stripe',
      webhookId: eventId(completed),
      email,
      courseId: 'video-basics',
      amount: 4900,
      currency: 'USD',
    });
  });

  it('ends its verification at Payment Delayed: not recorded, not rejected', async () => {
    const entered = await flow.entered(pendingRun);
    expect(entered.at(-1)).toBe('EmitPaymentDelayed');
    expect(entered).not.toContain('EmitPaymentRejected');
    expect(await ledgerOf(completed.payment)).toBeUndefined();
  });

  it('grants nothing while the payment is pending', async () => {
    expect(await grantOf(completed.payment)).toBeUndefined();
  });

  describe('then async_payment_succeeded, delivered twice', () => {
    let answers: Array<{ status: number; body: unknown }>;

    beforeAll(async () => {
      answers = [await post(succeeded), await post(succeeded)];
      await verification(succeeded);
      await granting(succeeded.payment);
      await flow.mailSettled();
    });

    it('acknowledges both deliveries, the second as a duplicate', () => {
      expect(answers).toEqual([
        { status: 200, body: { received: true } },
        { status: 200, body: { received: true, duplicate: true } },
      ]);
    });

    it('records the payment in the ledger under the same transaction', async () => {
      expect(await ledgerOf(completed.payment)).toMatchObject({
        webhookId: eventId(succeeded),
        amount: 4900,
        courseId: 'video-basics',
      });
    });

    it('grants the course once', async () => {
      expect(await grantOf(completed.payment)).toMatchObject({ status: 'granted', email });
      const grantings = await flow.executions(
        'entitlementGranting',
        (detail) => detail.transactionId === completed.payment,
      );
      expect(grantings).toHaveLength(1);
    });

    it('mails the access once', () => {
      expect(subjects(email).filter((s) => s.startsWith('You have access'))).toEqual([
        'You have access to Video Basics: Shoot, Cut, Publish',
      ]);
    });
  });
});

describe('a delayed payment method whose payment fails', () => {
  const email = 'bounced-debit@example.com';
  let failed: OutgoingWebhook;
  let answers: Array<{ status: number; body: unknown }>;
  let failedRun: string;

  beforeAll(async () => {
    let completed: OutgoingWebhook;
    [completed, failed] = delayedStripeWebhooks(
      orderOf('stripe', { email }),
      secret,
      flow.clock.now(),
      'failed',
    );
    answers = [await post(completed)];
    await verification(completed);
    answers.push(await post(failed));
    failedRun = (await verification(failed)).executionArn!;
    await flow.mailSettled();
  });

  it('acknowledges both webhooks with 200', () => {
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
  });

  it('puts Payment Rejected saying the payment failed', async () => {
    const event = await outcome('Payment Rejected', failed.payment);
    expect(PaymentRejected.parse(event).detail).toMatchObject({
      webhookId: eventId(failed),
      reason: 'payment-failed',
      message: `stripe reports that the payment ${failed.payment} failed`,
    });
  });

  it('records nothing, verifies nothing and grants nothing', async () => {
    expect(await flow.entered(failedRun)).not.toContain('RecordInLedger');
    expect([await ledgerOf(failed.payment), await grantOf(failed.payment)]).toEqual([undefined, undefined]);
    expect(subjects(email)).toEqual([]);
  });
});

describe('a Checkout with nothing to pay (a 100% coupon)', () => {
  const email = 'coupon@example.com';
  let session: string;

  beforeAll(async () => {
    const free = noPaymentRequired(stripeWebhook(orderOf('stripe', { email }), secret, flow.clock.now()));
    session = free.payment;
    expect((await post(free)).status).toBe(200);
    await verification(free);
    await granting(session);
    await flow.mailSettled();
  });

  it('grants the course, the session standing for the payment', async () => {
    expect(await grantOf(session)).toMatchObject({ status: 'granted', email, courseId: 'video-basics' });
  });

  it('records that nothing was paid', async () => {
    expect(await ledgerOf(session)).toMatchObject({ amount: 0, currency: 'USD' });
  });

  it('mails the access', () => {
    expect(subjects(email)).toContain('You have access to Video Basics: Shoot, Cut, Publish');
  });
});

/**
 * The Checkout of `webhook` as Stripe completes it when a coupon takes the whole price off: no
 * PaymentIntent, nothing charged, `no_payment_required`; signed again. `payment` is the session.
 */
function noPaymentRequired(webhook: OutgoingWebhook): OutgoingWebhook {
  const event = JSON.parse(webhook.body) as { created: number; data: { object: Record<string, unknown> } };
  const session = event.data.object;
  Object.assign(session, {
    amount_total: 0,
    payment_intent: null,
    payment_status: 'no_payment_required',
    total_details: { amount_discount: session.amount_subtotal, amount_shipping: 0, amount_tax: 0 },
  });
  const body = JSON.stringify(event, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret,
    timestamp: event.created,
  });
  return {
    ...webhook,
    headers: { ...webhook.headers, 'stripe-signature': signature },
    body,
    payment: session.id as string,
  };
}
