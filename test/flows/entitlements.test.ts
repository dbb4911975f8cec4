/**
 * Entitlement granting and revocation end to end: `Payment Verified` and `Payment Refunded` put
 * on the `lectern` bus through EventBridge (as the payment flow does), Lectern's own topology on a
 * test runtime, the outcome read through DynamoDB, the bus and the runtime's mailbox.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { catalogue } from '../../config/catalogue';
import { readSecrets } from '../../config/secrets';
import { LECTERN_BUS } from '../../events/catalogue';
import {
  PaymentRefunded,
  PaymentVerified,
  type PaymentRefundedDetail,
  type Provider,
  type RefundKind,
} from '../../events/payments';
import { ENTITLEMENTS_TABLE, USERS_TABLE } from '../../handlers/entitlements/tables';
import { MAIL_FROM, MAIL_OUTBOX_QUEUE } from '../../handlers/mail/outbox';
import type { PaymentIpnInput } from '../../infra/local/simulators/paypal-ipn';
import { stateMachineArn } from '../../infra/local/stepfunctions/arns';
import { simulatedPing } from '../../ops/trigger/gumroad';
import type { OutgoingWebhook } from '../../ops/trigger/order';
import { builtIpn, ipnVariables, simulatedIpn } from '../../ops/trigger/paypal';
import { stripeWebhook } from '../../ops/trigger/stripe';
import { eventBridgeClient } from '../support/eventbridge';
import { credentials } from '../support/local';
import { orderOf, startFlow, type Flow } from './support';

let flow: Flow;
let eb: EventBridgeClient;
let sfn: SFNClient;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  flow = await startFlow();
  eb = eventBridgeClient(flow.runtime);
  const client = { endpoint: flow.runtime.endpoint, region: 'us-east-1', credentials };
  sfn = new SFNClient(client);
  documents = DynamoDBDocumentClient.from(new DynamoDBClient(client));
});
afterAll(async () => {
  eb.destroy();
  sfn.destroy();
  documents.destroy();
  await flow.close();
});

let purchases = 0;
/** A verified Stripe purchase of video-basics by a new buyer (unless `email` is given). */
function payment(email = `buyer${++purchases}@example.com`) {
  return {
    provider: 'stripe' as const,
    transactionId: `pi_3Flow${++purchases}`,
    email,
    courseId: 'video-basics',
    amount: 4900,
    currency: 'USD',
    verifiedAt: new Date(flow.clock.now()).toISOString(),
  };
}
type Payment = Omit<ReturnType<typeof payment>, 'provider'> & { provider: Provider };

/** The Stripe refund (or dispute) of `paid`, as ingress emits it: the raw webhook body. */
function refundOf(paid: Payment, kind: RefundKind = 'refund') {
  const body = JSON.stringify({
    id: `evt_1Refund${++purchases}`,
    type: kind === 'refund' ? 'charge.refunded' : 'charge.dispute.created',
    data: { object: { object: 'charge', payment_intent: paid.transactionId } },
  });
  return {
    provider: 'stripe' as const,
    webhookId: `evt_1Refund${purchases}`,
    receivedAt: new Date(flow.clock.now()).toISOString(),
    body,
    kind,
  };
}

const started = { granting: 0, revocation: 0 };

async function verified(...payments: Payment[]) {
  const entries = payments.map((p) => PaymentVerified.entry(p, LECTERN_BUS));
  await eb.send(new PutEventsCommand({ Entries: entries }));
  started.granting += payments.length;
  await settled();
}

async function refunded(refund: PaymentRefundedDetail) {
  await eb.send(new PutEventsCommand({ Entries: [PaymentRefunded.entry(refund, LECTERN_BUS)] }));
  started.revocation += 1;
  await settled();
}

/** Every execution started so far has finished and the mail outbox is empty. */
async function settled(): Promise<void> {
  for (;;) {
    const finished = await Promise.all([
      finishedAll('entitlementGranting', started.granting),
      finishedAll('entitlementRevocation', started.revocation),
    ]);
    const { visible, inflight, delayed } = flow.runtime.sqs.require(MAIL_OUTBOX_QUEUE).counts();
    if (finished.every(Boolean) && visible + inflight + delayed === 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function finishedAll(machine: string, expected: number): Promise<boolean> {
  const { executions = [] } = await sfn.send(
    new ListExecutionsCommand({ stateMachineArn: stateMachineArn(machine), maxResults: 1000 }),
  );
  const failed = executions.filter((e) => e.status !== 'RUNNING' && e.status !== 'SUCCEEDED');
  if (failed.length) {
    const { error, cause } = await sfn.send(
      new DescribeExecutionCommand({ executionArn: failed[0].executionArn }),
    );
    throw new Error(`${machine} ${failed[0].status}: ${error}: ${cause}`);
  }
  return executions.length >= expected && executions.every((e) => e.status === 'SUCCEEDED');
}

const grantOf = async (paid: Payment) =>
  (
    await documents.send(
      new GetCommand({
        TableName: ENTITLEMENTS_TABLE,
        Key: { transaction: `${paid.provider}#${paid.transactionId}` },
        ConsistentRead: true,
      }),
    )
  ).Item;

const userOf = async (email: string) =>
  (await documents.send(new GetCommand({ TableName: USERS_TABLE, Key: { email }, ConsistentRead: true })))
    .Item;

const subjects = (email: string) => flow.runtime.mailbox.list({ to: email }).map((mail) => mail.subject);

describe('a verified payment', () => {
  it('grants the course once, keyed by the provider transaction', async () => {
    const paid = payment();
    await verified(paid);
    expect(await grantOf(paid)).toMatchObject({
      status: 'granted',
      email: paid.email,
      courseId: 'video-basics',
      userId: expect.any(String),
    });
  });

  it('emits Entitlement Granted', async () => {
    const paid = payment();
    await verified(paid);
    const event = await flow.nextEvent(
      (e) =>
        e['detail-type'] === 'Entitlement Granted' &&
        (e.detail as { transactionId?: string }).transactionId === paid.transactionId,
    );
    expect(event).toMatchObject({
      source: 'lectern.entitlements',
      detail: {
        email: paid.email,
        courseId: 'video-basics',
        provider: 'stripe',
        userId: (await grantOf(paid))!.userId,
      },
    });
  });

  it('mails the buyer their access from the topology identity', async () => {
    const paid = payment();
    await verified(paid);
    const [mail] = flow.runtime.mailbox
      .list({ to: paid.email })
      .filter((m) => m.subject.startsWith('You have access'));
    expect(mail).toMatchObject({
      from: MAIL_FROM,
      subject: 'You have access to Video Basics: Shoot, Cut, Publish',
    });
  });

  it('creates a pending account for a new e-mail and invites its owner with a set-password link', async () => {
    const paid = payment();
    await verified(paid);
    expect(await userOf(paid.email)).toMatchObject({
      status: 'invited',
      invitationDigest: expect.any(String),
    });
    const invitation = flow.runtime.mailbox
      .list({ to: paid.email })
      .find((m) => m.subject.startsWith('Your Lectern account'))!;
    expect(flow.runtime.mailbox.read(invitation.id).text).toMatch(/\/set-password\?token=[\w-]{43}\b/);
  });

  it('emits User Invited for a new e-mail', async () => {
    const paid = payment();
    await verified(paid);
    const event = await flow.nextEvent(
      (e) => e['detail-type'] === 'User Invited' && (e.detail as { email?: string }).email === paid.email,
    );
    expect(event.detail).toMatchObject({
      courseId: 'video-basics',
      userId: (await userOf(paid.email))!.userId,
    });
  });

  it('neither invites nor re-creates a buyer who has an account', async () => {
    const first = payment();
    await verified(first);
    const before = await userOf(first.email);
    await verified({ ...payment(first.email), courseId: 'hls-streaming' });
    expect(await userOf(first.email)).toEqual(before);
    expect(subjects(first.email).filter((s) => s.startsWith('Your Lectern account'))).toHaveLength(1);
  });

  it('delivered five times at once gives one grant and one access mail', async () => {
    const paid = payment();
    await verified(paid, paid, paid, paid, paid);
    expect(await grantOf(paid)).toMatchObject({ status: 'granted' });
    expect(subjects(paid.email).filter((s) => s.startsWith('You have access'))).toHaveLength(1);
    expect(subjects(paid.email).filter((s) => s.startsWith('Your Lectern account'))).toHaveLength(1);
  });
});

describe('a refund', () => {
  it('revokes the grant and mails the buyer', async () => {
    const paid = payment();
    await verified(paid);
    await refunded(refundOf(paid));
    expect(await grantOf(paid)).toMatchObject({
      status: 'revoked',
      kind: 'refund',
      userId: expect.any(String),
    });
    expect(subjects(paid.email)).toContain('Your access to Video Basics: Shoot, Cut, Publish has ended');
  });

  it('emits Entitlement Revoked', async () => {
    const paid = payment();
    await verified(paid);
    await refunded(refundOf(paid, 'dispute'));
    const event = await flow.nextEvent(
      (e) =>
        e['detail-type'] === 'Entitlement Revoked' &&
        (e.detail as { transactionId?: string }).transactionId === paid.transactionId,
    );
    expect(event.detail).toMatchObject({ kind: 'dispute', email: paid.email, courseId: 'video-basics' });
  });

  it('that arrives before its payment leaves no access, and mails no access', async () => {
    const paid = payment();
    await refunded(refundOf(paid));
    await verified(paid);
    expect(await grantOf(paid)).toMatchObject({ status: 'revoked' });
    expect((await grantOf(paid))!.grantedAt).toBeUndefined();
    expect(subjects(paid.email).filter((s) => s.startsWith('You have access'))).toEqual([]);
  });

  it('that arrives before its payment leaves no account behind, before the payment or after it', async () => {
    const paid = payment();
    await refunded(refundOf(paid));
    const afterRefund = await userOf(paid.email);
    await verified(paid);
    expect([afterRefund, await userOf(paid.email)]).toEqual([undefined, undefined]);
  });

  it('that arrives before its payment leaves nothing to mail: no invitation, no access', async () => {
    const paid = payment();
    await refunded(refundOf(paid));
    await verified(paid);
    expect(subjects(paid.email)).toEqual([]);
  });
});

describe('a PayPal refund IPN', () => {
  const { receiverEmail } = catalogue.paypal;

  /** A verified PayPal purchase of video-basics by a new buyer. */
  function payPalPayment(): Payment {
    return { ...payment(), provider: 'paypal', transactionId: `9PAYPAL${++purchases}` };
  }

  /** The refund IPN of `paid` with `body`, as ingress emits it. */
  function payPalRefund(body: string): PaymentRefundedDetail {
    const txnId = new URLSearchParams(body).get('txn_id')!;
    return {
      provider: 'paypal',
      webhookId: `${txnId}:Refunded`,
      receivedAt: new Date(flow.clock.now()).toISOString(),
      body,
      kind: 'refund',
    };
  }

  const refundVariables = (paid: Payment) =>
    ipnVariables(
      orderOf('paypal', { email: paid.email, refund: { payment: paid.transactionId } }),
      receiverEmail,
    );

  it('that PayPal did not send leaves the grant in place and announces nothing', async () => {
    const paid = payPalPayment();
    await verified(paid);
    await refunded(payPalRefund(builtIpn(refundVariables(paid)).body));

    expect(await grantOf(paid)).toMatchObject({ status: 'granted' });
    expect(subjects(paid.email).filter((s) => s.startsWith('Your access'))).toEqual([]);
    const { executions = [] } = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn('entitlementRevocation'),
        maxResults: 1000,
      }),
    );
    const outputs = await Promise.all(
      executions.map(
        async (e) => (await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }))).output,
      ),
    );
    expect(outputs.map((o) => JSON.parse(o ?? 'null'))).toContainEqual({
      outcome: 'not-verified',
      transactionId: paid.transactionId,
      message: expect.stringContaining('INVALID'),
    });
  });

  it('that PayPal sent revokes the grant', async () => {
    const paid = payPalPayment();
    await verified(paid);
    const { body } = flow.runtime.simulators.paypal.issue(refundVariables(paid) as PaymentIpnInput);
    await refunded(payPalRefund(body));

    expect(await grantOf(paid)).toMatchObject({ status: 'revoked', kind: 'refund' });
  });
});

describe('from the webhook', () => {
  /** Resolves once the mailbox holds a mail to `email` whose subject starts with `subject`. */
  async function mailed(email: string, subject: string): Promise<void> {
    while (!subjects(email).some((s) => s.startsWith(subject))) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('a signed Stripe checkout, then its refund, end in an access mail and then a revocation mail', async () => {
    const { STRIPE_WEBHOOK_SECRET } = readSecrets(['STRIPE_WEBHOOK_SECRET']);
    const email = 'webhook-buyer@example.com';
    const post = (webhook: ReturnType<typeof stripeWebhook>) =>
      fetch(`${flow.api}${webhook.path}`, { method: 'POST', headers: webhook.headers, body: webhook.body });

    const bought = stripeWebhook(orderOf('stripe', { email }), STRIPE_WEBHOOK_SECRET, flow.clock.now());
    expect((await post(bought)).status).toBe(200);
    await mailed(email, 'You have access');
    const refund = orderOf('stripe', { email, refund: { payment: bought.payment } });
    expect((await post(stripeWebhook(refund, STRIPE_WEBHOOK_SECRET, flow.clock.now()))).status).toBe(200);
    await mailed(email, 'Your access');

    expect(await grantOf({ ...payment(email), transactionId: bought.payment })).toMatchObject({
      status: 'revoked',
      email,
    });
  });

  const sent = (webhook: OutgoingWebhook) =>
    fetch(`${flow.api}${webhook.path}`, { method: 'POST', headers: webhook.headers, body: webhook.body });

  it('a PayPal payment the simulator issued ends in one grant and an access mail', async () => {
    const email = 'paypal-buyer@example.com';
    const ipn = await simulatedIpn(
      flow.runtime.endpoint,
      ipnVariables(orderOf('paypal', { email }), catalogue.paypal.receiverEmail),
    );
    expect((await sent(ipn)).status).toBe(200);
    await mailed(email, 'You have access');
    expect(subjects(email).filter((s) => s.startsWith('You have access'))).toHaveLength(1);
    expect(
      await grantOf({ ...payment(email), provider: 'paypal', transactionId: ipn.payment }),
    ).toMatchObject({
      status: 'granted',
      email,
    });
  });

  describe('a signed Stripe refund that overtakes its checkout', () => {
    const email = 'refunded-first@example.com';
    let bought: OutgoingWebhook;
    let userAfterRefund: unknown;

    beforeAll(async () => {
      const { STRIPE_WEBHOOK_SECRET } = readSecrets(['STRIPE_WEBHOOK_SECRET']);
      bought = stripeWebhook(orderOf('stripe', { email }), STRIPE_WEBHOOK_SECRET, flow.clock.now());
      const refund = orderOf('stripe', { email, refund: { payment: bought.payment } });
      expect((await sent(stripeWebhook(refund, STRIPE_WEBHOOK_SECRET, flow.clock.now()))).status).toBe(200);
      await flow.finished('entitlementRevocation', (detail) => String(detail.body).includes(bought.payment));
      userAfterRefund = await userOf(email);

      expect((await sent(bought)).status).toBe(200);
      await flow.finished('entitlementGranting', (detail) => detail.transactionId === bought.payment);
      await flow.mailSettled();
    });

    it('creates no account for the unknown buyer', () => {
      expect(userAfterRefund).toBeUndefined();
    });

    it('leaves the checkout that follows without access', async () => {
      const grant = await grantOf({ ...payment(email), transactionId: bought.payment });
      expect(grant).toMatchObject({ status: 'revoked', kind: 'refund' });
      expect(grant!.grantedAt).toBeUndefined();
    });

    it('creates no account for the checkout that follows either', async () => {
      expect(await userOf(email)).toBeUndefined();
    });

    it('mails the buyer nothing', () => {
      expect(subjects(email)).toEqual([]);
    });
  });

  it('a Gumroad sale ends in one grant and an access mail', async () => {
    const email = 'gumroad-buyer@example.com';
    const { GUMROAD_WEBHOOK_KEY } = readSecrets(['GUMROAD_WEBHOOK_KEY']);
    const ping = await simulatedPing(
      flow.runtime.endpoint,
      orderOf('gumroad', { email }),
      GUMROAD_WEBHOOK_KEY,
    );
    expect((await sent(ping)).status).toBe(200);
    await mailed(email, 'You have access');
    expect(subjects(email).filter((s) => s.startsWith('You have access'))).toHaveLength(1);
    expect(
      await grantOf({ ...payment(email), provider: 'gumroad', transactionId: ping.payment }),
    ).toMatchObject({
      status: 'granted',
      email,
    });
  });
});
