import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import { sqsClient } from '../support/sqs';
import { measureInterleaved, perSecond, type Row } from './measure';

/**
 * SQS through the SDK over HTTP, on an in-memory and a durable runtime: messages per second
 * through a full send → receive → delete cycle, with 16 workers in parallel,
 * - one message per call (SendMessage, ReceiveMessage of 1, DeleteMessage);
 * - ten per call (SendMessageBatch, ReceiveMessage of 10, DeleteMessageBatch).
 * A repetition ends when every message sent in it has been received and deleted.
 */

const MESSAGES = 2000;
const WORKERS = 16;
const OPTIONS = { warmup: 1, repetitions: 5 };
const BODY = JSON.stringify({ detail: { order: 'o-1', course: 'ts-101', amount: 4900, currency: 'EUR' } });

interface Contender {
  subject: string;
  sqs: SQSClient;
  queueUrl: string;
  close(): Promise<void>;
}

export async function bench(): Promise<Row[]> {
  const contenders = [await contender('memory'), await contender('durable')];
  try {
    const rows: Row[] = [];
    for (const [name, cycle] of [
      ['one message per call', single],
      ['10 messages per call', batched],
    ] as const) {
      const samples = await measureInterleaved(
        Object.fromEntries(contenders.map((c) => [c.subject, () => cycle(c)])),
        OPTIONS,
      );
      for (const c of contenders) {
        rows.push({
          benchmark: `SQS: send + receive + delete, ${name}, ${WORKERS} in parallel`,
          subject: c.subject,
          value: perSecond(MESSAGES, samples[c.subject]),
          unit: 'msg/s',
        });
      }
    }
    return rows;
  } finally {
    for (const c of contenders) await c.close();
  }
}

async function contender(mode: 'memory' | 'durable'): Promise<Contender> {
  const dataDir = mode === 'durable' ? mkdtempSync(join(tmpdir(), 'lectern-bench-sqs-')) : undefined;
  const runtime: LocalRuntime = await startLocalRuntime({
    memory: mode === 'memory',
    dataDir,
    port: 0,
    topology: { functions: [], workflows: [] },
  });
  const sqs = sqsClient(runtime);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench' }));
  return {
    subject: `lectern ${mode}`,
    sqs,
    queueUrl: QueueUrl!,
    async close() {
      sqs.destroy();
      await runtime.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Each worker sends one message, receives one and deletes it, until MESSAGES have gone through. */
async function single({ sqs, queueUrl: QueueUrl }: Contender): Promise<void> {
  let left = MESSAGES;
  const worker = async () => {
    while (left > 0) {
      left -= 1;
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: BODY }));
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages![0].ReceiptHandle }));
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
}

/** The same with ten messages per call. */
async function batched({ sqs, queueUrl: QueueUrl }: Contender): Promise<void> {
  let left = MESSAGES;
  const worker = async () => {
    while (left > 0) {
      left -= 10;
      const Entries = Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: BODY }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
      let received = 0;
      while (received < 10) {
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 - received, WaitTimeSeconds: 20 }),
        );
        received += Messages!.length;
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl,
            Entries: Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
          }),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
}
