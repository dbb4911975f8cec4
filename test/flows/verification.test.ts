/**
 * Payment verification end to end: webhooks through the HTTP API of a runtime of Lectern's own
 * topology, the workflow started by its rule, verified against the PayPal and Gumroad simulators,
 * observed on the bus, in the ledger and in the execution history.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { catalogue } from '../../config/catalogue';
import { readSecrets } from '../../config/secrets';
import { LECTERN_BUS } from '../../events/catalogue';
import {
  PaymentReceived,
  PaymentRejected,
  PaymentVerified,
  type PaymentReceivedDetail,
  type Provider,
} from '../../events/payments';
import { LEDGER_TABLE } from '../../handlers/payments/ledger-table';
import { stateMachineArn } from '../../infra/local/stepfunctions/arns';
import { simulatedPing } from '../../ops/trigger/gumroad';
import type { OutgoingWebhook } from '../../ops/trigger/order';
import { builtIpn, ipnVariables, simulatedIpn } from '../../ops/trigger/paypal';
import { stripeWebhook } from '../../ops/trigger/stripe';
import { eventBridgeClient } from '../support/eventbridge';
import { credentials } from '../support/local';
import { orderOf, startFlow, type BusEvent, type Flow } from './support';

let flow: Flow;
let sfn: SFNClient;
let documents: DynamoDBDocumentClient;
let secrets: { STRIPE_WEBHOOK_SECRET: string; GUMROAD_WEBHOOK_KEY: string };

beforeAll(async () => {
  flow = await startFlow();
  const client = { endpoint: flow.runtime.endpoint, region: 'us-east-1', credentials };
  sfn = new SFNClient(client);
  documents = DynamoDBDocumentClient.from(new DynamoDBClient(client));
  secrets = readSecrets(['STRIPE_WEBHOOK_SECRET', 'GUMROAD_WEBHOOK_KEY']);
});
afterAll(async () => {
  sfn.destroy();
  documents.destroy();
  await flow.close();
});

const WORKFLOW = stateMachineArn('paymentVerification');

/** A purchase of video-basics as the provider (or its simulator) sends it. */
async function purchase(provider: Provider): Promise<OutgoingWebhook> {
  const order = orderOf(provider);
  if (provider === 'stripe') return stripeWebhook(order, secrets.STRIPE_WEBHOOK_SECRET, flow.clock.now());
  if (provider === 'paypal') return paypalIpn(ipnVariables(order, catalogue.paypal.receiverEmail));
  return simulatedPing(flow.runtime.endpoint, order, secrets.GUMROAD_WEBHOOK_KEY);
}

const paypalIpn = (variables: Record<string, string>) => simulatedIpn(flow.runtime.endpoint, variables);

async function send(webhook: OutgoingWebhook): Promise<void> {
  const response = await fetch(`${flow.api}${webhook.path}`, {
    method: 'POST',
    headers: webhook.headers,
    body: webhook.body,
  });
  expect(response.status).toBe(200);
}

/** The Payment Received the webhook about `payment` put on the bus. */
const received = (payment: string) =>
  flow.nextEvent(
    (e) =>
      e['detail-type'] === 'Payment Received' &&
      (e.detail.body.includes(payment) || e.detail.body.includes(encodeURIComponent(payment))),
  );

const outcome = (detailType: string, payment: string) =>
  flow.nextEvent(
    (e) =>
      e['detail-type'] === detailType &&
      (e.detail as unknown as { transactionId?: string }).transactionId === payment,
  ) as Promise<BusEvent & { detail: Record<string, unknown> }>;

/** The execution the rule started for the event of `webhookId`. */
async function executionFor(webhookId: string): Promise<string> {
  for (;;) {
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: WORKFLOW }));
    for (const { executionArn } of executions ?? []) {
      const { input } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if ((JSON.parse(input!) as { detail: { webhookId: string } }).detail.webhookId === webhookId) {
        return executionArn!;
      }
    }
    await new Promise(setImmediate);
  }
}

const history = async (executionArn: string): Promise<HistoryEvent[]> =>
  (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];

/**
 * Waits for the execution to stop running. While it waits out a retry's back-off (its last event
 * a failed task) the clock moves on by more than the longest back-off (8 s), never while a
 * function runs (its 10 s timeout is on the same clock).
 */
async function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') return execution;
    const events = await history(executionArn);
    if (events.at(-1)?.type === 'TaskFailed') flow.clock.advance(9_000);
    await new Promise(setImmediate);
  }
}

const faults = (provider: 'paypal' | 'gumroad', setting: object) =>
  fetch(`${flow.runtime.endpoint}/simulators/${provider}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(setting),
  }).then((r) => expect(r.status).toBe(200));

/** Sends the webhook; its Payment Received event and the execution it started. */
async function deliver(webhook: OutgoingWebhook) {
  await send(webhook);
  const event = await received(webhook.payment);
  return { event, executionArn: await executionFor(event.detail.webhookId) };
}

describe.each<Provider>(['stripe', 'paypal', 'gumroad'])('a %s purchase', (provider) => {
  let webhook: OutgoingWebhook;
  let execution: DescribeExecutionCommandOutput;

  beforeAll(async () => {
    webhook = await purchase(provider);
    execution = await finished((await deliver(webhook)).executionArn);
  });

  it('runs the workflow to success', () => {
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('puts Payment Verified on the bus, for the course at its catalogue price', async () => {
    const event = await outcome('Payment Verified', webhook.payment);
    // Consumers read it with the catalogue's definition: the detail the workflow built must pass it.
    expect(PaymentVerified.parse(event).detail.transactionId).toBe(webhook.payment);
    expect(event).toMatchObject({
      source: 'lectern.payments',
      detail: {
        provider,
        transactionId: webhook.payment,
        email: 'ada@example.com',
        courseId: 'video-basics',
        amount: 4900,
        currency: 'USD',
        verifiedAt: expect.any(String),
      },
    });
  });

  it('records it in the ledger by provider transaction id', async () => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: LEDGER_TABLE, Key: { pk: `${provider}#${webhook.payment}` } }),
    );
    expect(Item).toMatchObject({ courseId: 'video-basics', amount: 4900, currency: 'USD' });
  });
});

/** The events the execution put (its `events:putEvents` tasks). */
const putEventsOf = async (executionArn: string) =>
  (await history(executionArn)).filter(
    (e) =>
      e.taskScheduledEventDetails?.resourceType === 'events' &&
      e.taskScheduledEventDetails.resource === 'putEvents',
  );

describe('the same payment delivered twice', () => {
  let first: string;
  let second: string;
  let paymentIntent: string;

  beforeAll(async () => {
    const { event, executionArn } = await deliver(await purchase('stripe'));
    first = executionArn;
    await finished(first);
    // EventBridge delivers at least once: the same Payment Received again, as a new execution.
    const detail = event.detail as PaymentReceivedDetail;
    const again = { ...detail, webhookId: `${detail.webhookId}-again` };
    const eb = eventBridgeClient(flow.runtime);
    await eb.send(new PutEventsCommand({ Entries: [PaymentReceived.entry(again, LECTERN_BUS)] }));
    eb.destroy();
    paymentIntent = JSON.parse(detail.body).data.object.payment_intent;
    await received(paymentIntent);
    second = await executionFor(again.webhookId);
  });

  it('ends the second execution as already recorded', async () => {
    expect((await finished(second)).status).toBe('SUCCEEDED');
    const entered = (await history(second)).map((e) => e.stateEnteredEventDetails?.name).filter(Boolean);
    expect(entered.at(-1)).toBe('AlreadyRecorded');
  });

  it('puts no second Payment Verified', async () => {
    await finished(second);
    expect([(await putEventsOf(first)).length, (await putEventsOf(second)).length]).toEqual([1, 0]);
  });

  it('lets the execution that recorded it record it again and go on to emit, as a task run again after a crash does', async () => {
    const { input } = await sfn.send(new DescribeExecutionCommand({ executionArn: first }));
    const rerun = first.replace(/:[^:]+$/, ':recorded-before-the-crash');
    // The ledger entry as this execution's write left it, before the crash lost the task's result.
    await documents.send(
      new UpdateCommand({
        TableName: LEDGER_TABLE,
        Key: { pk: `stripe#${paymentIntent}` },
        UpdateExpression: 'SET recordedBy = :rerun',
        ExpressionAttributeValues: { ':rerun': rerun },
      }),
    );
    await sfn.send(
      new StartExecutionCommand({ stateMachineArn: WORKFLOW, name: 'recorded-before-the-crash', input }),
    );
    expect((await finished(rerun)).status).toBe('SUCCEEDED');
    expect(await putEventsOf(rerun)).toHaveLength(1);
  });
});

describe('a payment at the wrong amount', () => {
  let webhook: OutgoingWebhook;
  let executionArn: string;

  beforeAll(async () => {
    webhook = await paypalIpn({
      ...ipnVariables(orderOf('paypal'), catalogue.paypal.receiverEmail),
      mc_gross: '1.00',
    });
    ({ executionArn } = await deliver(webhook));
  });

  it('succeeds in putting Payment Rejected with the reason', async () => {
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
    const event = await outcome('Payment Rejected', webhook.payment);
    expect(PaymentRejected.parse(event).detail.reason).toBe('wrong-amount');
    expect(event).toMatchObject({
      detail: {
        provider: 'paypal',
        reason: 'wrong-amount',
        message: 'paid 100 USD, the catalogue says 4900 USD',
      },
    });
  });

  it('shows the reason in the execution history', async () => {
    await finished(executionArn);
    const text = JSON.stringify(await history(executionArn));
    expect(text).toContain('wrong-amount');
    expect(text).toContain('paid 100 USD, the catalogue says 4900 USD');
  });

  it('records nothing in the ledger', async () => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: LEDGER_TABLE, Key: { pk: `paypal#${webhook.payment}` } }),
    );
    expect(Item).toBeUndefined();
  });
});

it('rejects a Gumroad sale in the wrong currency, as Gumroad reports the sale', async () => {
  const order = orderOf('gumroad');
  const euros = { ...order, product: { ...order.product, currency: 'EUR' } };
  const webhook = await simulatedPing(flow.runtime.endpoint, euros, secrets.GUMROAD_WEBHOOK_KEY);
  const { executionArn } = await deliver(webhook);
  expect((await finished(executionArn)).status).toBe('SUCCEEDED');
  expect(await outcome('Payment Rejected', webhook.payment)).toMatchObject({
    detail: {
      provider: 'gumroad',
      reason: 'wrong-currency',
      message: 'paid 4900 EUR, the catalogue says 4900 USD',
    },
  });
});

it('rejects an IPN PayPal never sent as not verified', async () => {
  const webhook = builtIpn(ipnVariables(orderOf('paypal'), catalogue.paypal.receiverEmail));
  const { executionArn } = await deliver(webhook);
  expect((await finished(executionArn)).status).toBe('SUCCEEDED');
  expect(await outcome('Payment Rejected', webhook.payment)).toMatchObject({
    detail: { reason: 'not-verified', message: expect.stringContaining('INVALID') },
  });
});

describe('PayPal down', () => {
  afterEach(() => faults('paypal', { mode: 'up' }));

  it('for two calls: the postback is retried on the clock and the payment is verified', async () => {
    await faults('paypal', { mode: 'down', failNext: 2 });
    const webhook = await purchase('paypal');
    const { executionArn } = await deliver(webhook);

    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
    const failures = (await history(executionArn)).filter((e) => e.type === 'TaskFailed');
    expect(failures.map((e) => e.taskFailedEventDetails?.error)).toEqual([
      'ProviderUnavailableError',
      'ProviderUnavailableError',
    ]);
    await outcome('Payment Verified', webhook.payment);
  });

  it('for good: the execution fails with the error, and a redrive after recovery verifies it', async () => {
    await faults('paypal', { mode: 'down' });
    const webhook = await purchase('paypal');
    const { executionArn } = await deliver(webhook);

    expect(await finished(executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'ProviderUnavailableError',
    });
    await faults('paypal', { mode: 'up' });
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
    expect(await outcome('Payment Verified', webhook.payment)).toMatchObject({
      detail: { transactionId: webhook.payment },
    });
  });
});
