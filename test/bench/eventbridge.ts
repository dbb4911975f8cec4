import {
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../../infra/local/runtime';
import { eventBridgeClient } from '../support/eventbridge';
import { sqsClient } from '../support/sqs';
import { measureInterleaved, perSecond, type Row } from './measure';

/**
 * EventBridge delivery on a durable runtime, through the SDK over HTTP: PutEvents → rule → SQS
 * target, beside a plain SendMessage to the same queue (the floor: what any delivery to SQS
 * costs at least).
 * - latency: from sending the request until a ReceiveMessage long-polling the queue returns the
 *   message, over sequential single events (the two contenders alternate, event by event);
 * - throughput: events per second with requests of 10 entries, 16 in flight, while 4 receivers
 *   drain the queue; a repetition ends when the last message has been received.
 */

const LATENCY = { warmup: 50, samples: 1000 };
const THROUGHPUT = { events: 2000, inFlight: 16, receivers: 4, warmup: 1, repetitions: 5 };
const SOURCE = 'lectern.bench';

interface Setup {
  eb: EventBridgeClient;
  sqs: SQSClient;
  queueUrl: string;
}

export async function bench(): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-bench-eb-'));
  const runtime = await startLocalRuntime({ dataDir, port: 0, topology: { functions: [], workflows: [] } });
  const eb = eventBridgeClient(runtime);
  const sqs = sqsClient(runtime);
  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-target' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await eb.send(new PutRuleCommand({ Name: 'bench', EventPattern: JSON.stringify({ source: [SOURCE] }) }));
    await eb.send(
      new PutTargetsCommand({ Rule: 'bench', Targets: [{ Id: 'queue', Arn: Attributes!.QueueArn }] }),
    );
    const setup = { eb, sqs, queueUrl: QueueUrl! };
    return [...(await latency(setup)), ...(await throughput(setup))];
  } finally {
    eb.destroy();
    sqs.destroy();
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function latency({ eb, sqs, queueUrl }: Setup): Promise<Row[]> {
  const senders = {
    eventbridge: () =>
      eb.send(
        new PutEventsCommand({ Entries: [{ Source: SOURCE, DetailType: 'Measured', Detail: '{"n":1}' }] }),
      ),
    floor: () => sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"n":1}' })),
  };
  const ms: Record<keyof typeof senders, number[]> = { eventbridge: [], floor: [] };
  for (let i = 0; i < LATENCY.warmup + LATENCY.samples; i++) {
    for (const key of Object.keys(senders) as Array<keyof typeof senders>) {
      const received = sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 1 }),
      );
      const start = process.hrtime.bigint();
      await senders[key]();
      const { Messages = [] } = await received;
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (Messages.length !== 1) throw new Error(`${key}: the message did not arrive within 5 s`);
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: [{ Id: '0', ReceiptHandle: Messages[0].ReceiptHandle! }],
        }),
      );
      if (i >= LATENCY.warmup) ms[key].push(elapsed);
    }
  }
  const rows: Row[] = [];
  for (const p of [50, 99]) {
    const benchmark = `EventBridge: PutEvents → rule → SQS, latency until receivable, p${p} of ${LATENCY.samples}`;
    const floor = percentile(ms.floor, p);
    const value = percentile(ms.eventbridge, p);
    rows.push(
      { benchmark, subject: 'SendMessage (floor)', value: floor, unit: 'ms' },
      { benchmark, subject: 'PutEvents → SQS target', value, unit: 'ms', ratio: value / floor },
    );
  }
  return rows;
}

async function throughput({ eb, sqs, queueUrl }: Setup): Promise<Row[]> {
  const requests = THROUGHPUT.events / 10;
  const batch = (r: number) => Array.from({ length: 10 }, (_, i) => r * 10 + i);
  const contenders = {
    eventbridge: () =>
      deliverAll(sqs, queueUrl, requests, (r) =>
        eb.send(
          new PutEventsCommand({
            Entries: batch(r).map((n) => ({ Source: SOURCE, DetailType: 'Measured', Detail: `{"n":${n}}` })),
          }),
        ),
      ),
    floor: () =>
      deliverAll(sqs, queueUrl, requests, (r) =>
        sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: batch(r).map((n) => ({ Id: String(n % 10), MessageBody: `{"n":${n}}` })),
          }),
        ),
      ),
  };
  const samples = await measureInterleaved(contenders, THROUGHPUT);
  const benchmark = `EventBridge: ${THROUGHPUT.events} events, 10 per request, ${THROUGHPUT.inFlight} requests in flight`;
  const floor = perSecond(THROUGHPUT.events, samples.floor);
  const value = perSecond(THROUGHPUT.events, samples.eventbridge);
  return [
    { benchmark, subject: 'SendMessageBatch (floor)', value: floor, unit: 'events/s' },
    { benchmark, subject: 'PutEvents → SQS target', value, unit: 'events/s', ratio: value / floor },
  ];
}

/** Sends `requests` requests with a bounded number in flight while receivers drain every message. */
async function deliverAll(
  sqs: SQSClient,
  queueUrl: string,
  requests: number,
  send: (r: number) => Promise<unknown>,
): Promise<void> {
  const expected = requests * 10;
  let received = 0;
  const receiver = async () => {
    while (received < expected) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
      );
      if (!Messages.length) continue;
      received += Messages.length;
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
  };
  let next = 0;
  const sender = async () => {
    while (next < requests) await send(next++);
  };
  await Promise.all([
    ...Array.from({ length: THROUGHPUT.inFlight }, sender),
    ...Array.from({ length: THROUGHPUT.receivers }, receiver),
  ]);
  if (received !== expected) throw new Error(`received ${received} messages, expected ${expected}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
