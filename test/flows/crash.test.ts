/**
 * Crash and resume across the whole payment flow: Lectern's topology in a durable runtime in a
 * child process, a signed Stripe purchase through its HTTP API, the child SIGKILLed at a point of
 * the flow, the runtime started again on the same data directory (in this process, so that its
 * mailbox can be read) with Lectern's own topology, and the outcome exactly as without the crash:
 * one ledger entry, one grant, one invitation and one access mail, every execution succeeded.
 *
 * The points are reached deterministically: the webhook's acceptance (the flow runs on freely
 * until the kill), or a step the first life holds by throttling its function (reserved
 * concurrency 0), seen in the execution history through the API.
 */
import '../support/quiet-logs';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_SWITCH, readSecrets } from '../../config/secrets';
import { ENTITLEMENTS_TABLE } from '../../handlers/entitlements/tables';
import { MAIL_OUTBOX_QUEUE } from '../../handlers/mail/outbox';
import { LEDGER_TABLE } from '../../handlers/payments/ledger-table';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import { stateMachineArn } from '../../infra/local/stepfunctions/arns';
import { topology } from '../../infra/topology';
import { stripeWebhook } from '../../ops/trigger/stripe';
import { THROTTLED_VARIABLE } from '../fixtures/lectern-throttled-topology';
import { kill, offsetClock, startChildRuntime } from '../support/child';
import { credentials, tempDataDir } from '../support/local';
import { orderOf } from './support';

const LECTERN_TOPOLOGY = resolve(__dirname, '../../infra/topology.ts');
const THROTTLED_TOPOLOGY = resolve(__dirname, '../fixtures/lectern-throttled-topology.ts');
/** The restart lands this much later: every retry back-off the first life armed is due at once. */
const RESTART_LATER_MS = 10 * 60_000;
const EMAIL = 'ada@example.com';
const { STRIPE_WEBHOOK_SECRET } = readSecrets(['STRIPE_WEBHOOK_SECRET'], { [LOCAL_SWITCH]: '1' });

const pause = () => new Promise((resolve) => setImmediate(resolve));

async function executionsOf(sfn: SFNClient, machine: string): Promise<DescribeExecutionCommandOutput[]> {
  const { executions = [] } = await sfn.send(
    new ListExecutionsCommand({ stateMachineArn: stateMachineArn(machine), maxResults: 1000 }),
  );
  return Promise.all(
    executions.map(({ executionArn }) => sfn.send(new DescribeExecutionCommand({ executionArn }))),
  );
}

const historyOf = async (sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> =>
  (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];

/** Resolves once some execution of `machine` has a history event that `matches`. */
async function untilExecution(
  sfn: SFNClient,
  machine: string,
  matches: (event: HistoryEvent) => boolean,
): Promise<void> {
  for (;;) {
    for (const { executionArn } of await executionsOf(sfn, machine)) {
      if ((await historyOf(sfn, executionArn!)).some(matches)) return;
    }
    await pause();
  }
}

const throttledTask = (event: HistoryEvent) =>
  event.taskFailedEventDetails?.error === 'Lambda.TooManyRequestsException';

interface CrashPoint {
  /** The functions the first life throttles, holding the flow before them. */
  throttled: string[];
  /** Resolves once the first life is at the point; the kill follows at once. */
  reached?: (sfn: SFNClient) => Promise<void>;
}

const CRASH_POINTS: Array<[string, CrashPoint]> = [
  // Nothing held: the flow runs on until the kill lands, wherever it is then (often the ledger write).
  ['once the webhook is accepted', { throttled: [] }],
  [
    'while verification retries the catalogue check',
    {
      throttled: ['checkPayment'],
      reached: (sfn) => untilExecution(sfn, 'paymentVerification', throttledTask),
    },
  ],
  [
    'while granting retries the grant, the invitation queued',
    {
      throttled: ['grantEntitlement', 'sendMail'],
      reached: (sfn) => untilExecution(sfn, 'entitlementGranting', throttledTask),
    },
  ],
  [
    'once granting is done, its mails queued',
    {
      throttled: ['sendMail'],
      reached: (sfn) => untilExecution(sfn, 'entitlementGranting', (e) => e.type === 'ExecutionSucceeded'),
    },
  ],
];

/** The first life: the purchase sent to a child runtime, killed at the point. */
async function crash(dataDir: string, point: CrashPoint): Promise<string> {
  const { child, endpoint, api } = point.throttled.length
    ? await startChildRuntime(dataDir, 0, THROTTLED_TOPOLOGY, {
        [THROTTLED_VARIABLE]: point.throttled.join(','),
      })
    : await startChildRuntime(dataDir, 0, LECTERN_TOPOLOGY);
  const sfn = new SFNClient({ endpoint, region: 'us-east-1', credentials });
  try {
    const webhook = stripeWebhook(orderOf('stripe', { email: EMAIL }), STRIPE_WEBHOOK_SECRET, Date.now());
    const response = await fetch(`${api}${webhook.path}`, {
      method: 'POST',
      headers: webhook.headers,
      body: webhook.body,
    });
    if (response.status !== 200)
      throw new Error(`The webhook got ${response.status}: ${await response.text()}`);
    await point.reached?.(sfn);
    return webhook.payment;
  } finally {
    await kill(child);
    sfn.destroy();
  }
}

interface Outcome {
  verification: DescribeExecutionCommandOutput[];
  granting: DescribeExecutionCommandOutput[];
  ledger: Record<string, unknown>[];
  grants: Record<string, unknown>[];
  subjects: string[];
}

/**
 * Waits until the restarted runtime has come to rest, and reads the outcome: every verification
 * finished, then (once one of them has put Payment Verified) every granting finished and the mail
 * outbox empty. Fails at once when no verification put Payment Verified, as nothing would follow.
 */
async function outcomeOf(runtime: LocalRuntime, sfn: SFNClient, payment: string): Promise<Outcome> {
  const done = (executions: DescribeExecutionCommandOutput[]) =>
    executions.length > 0 && executions.every((e) => e.status !== 'RUNNING');
  let verification: DescribeExecutionCommandOutput[];
  while (!done((verification = await executionsOf(sfn, 'paymentVerification')))) await pause();
  const ends = await Promise.all(
    verification.map(async ({ executionArn }) => {
      const states = (await historyOf(sfn, executionArn!)).flatMap((e) =>
        e.stateExitedEventDetails ? [e.stateExitedEventDetails.name!] : [],
      );
      return states.at(-1);
    }),
  );
  if (!ends.includes('EmitPaymentVerified')) {
    throw new Error(`No verification put Payment Verified: they ended at ${ends.join(', ')}`);
  }
  let granting: DescribeExecutionCommandOutput[];
  for (;;) {
    granting = await executionsOf(sfn, 'entitlementGranting');
    const { visible, inflight, delayed } = runtime.sqs.require(MAIL_OUTBOX_QUEUE).counts();
    if (done(granting) && visible + inflight + delayed === 0) break;
    await pause();
  }
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials }),
  );
  const itemsOf = async (TableName: string) =>
    (
      await documents.send(
        new ScanCommand({
          TableName,
          FilterExpression: 'transactionId = :payment',
          ExpressionAttributeValues: { ':payment': payment },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];
  try {
    return {
      verification,
      granting,
      ledger: await itemsOf(LEDGER_TABLE),
      grants: await itemsOf(ENTITLEMENTS_TABLE),
      subjects: runtime.mailbox.list({ to: EMAIL }).map((mail) => mail.subject),
    };
  } finally {
    documents.destroy();
  }
}

describe.each(CRASH_POINTS)('a Stripe purchase, the runtime killed %s and started again', (_, point) => {
  const data = tempDataDir();
  let runtime: LocalRuntime | undefined;
  let sfn: SFNClient | undefined;
  let outcome: Outcome;

  beforeAll(async () => {
    const payment = await crash(data.dir, point);
    // A new process loads the handlers afresh: their clients must not point at an earlier runtime of this file.
    jest.resetModules();
    runtime = await startLocalRuntime({
      dataDir: data.dir,
      port: 0,
      apiPort: 0,
      topology,
      clock: offsetClock(RESTART_LATER_MS),
    });
    sfn = new SFNClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials });
    outcome = await outcomeOf(runtime, sfn, payment);
  });
  afterAll(async () => {
    sfn?.destroy();
    await runtime?.close();
    data.remove();
  });

  it('runs every verification and granting to success', () => {
    const statuses = [...outcome.verification, ...outcome.granting].map((e) => e.status);
    expect(outcome.granting.length).toBeGreaterThan(0);
    expect(statuses).toEqual(statuses.map(() => 'SUCCEEDED'));
  });

  it('records the payment once in the ledger', () => {
    expect(outcome.ledger).toEqual([
      expect.objectContaining({ provider: 'stripe', email: EMAIL, courseId: 'video-basics', amount: 4900 }),
    ]);
  });

  it('grants the course once, announced by the one execution that granted it', () => {
    expect(outcome.grants).toEqual([
      expect.objectContaining({ status: 'granted', email: EMAIL, courseId: 'video-basics' }),
    ]);
    const granted = outcome.granting.filter((e) => JSON.parse(e.output!).outcome === 'granted');
    expect(granted.map((e) => e.executionArn)).toEqual([outcome.grants[0].grantedBy]);
  });

  it('mails the new buyer one invitation and one access mail', () => {
    expect([...outcome.subjects].sort()).toEqual([
      'You have access to Video Basics: Shoot, Cut, Publish',
      'Your Lectern account for Video Basics: Shoot, Cut, Publish',
    ]);
  });
});
