import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { batches } from '../../fixtures/handlers/sqs';
import { topology } from '../../fixtures/sqs-topology';
import { useRuntime } from '../../support/local';
import { until } from '../../support/sqs';

const local = useRuntime(topology, { sqs: SQSClient });
const url = (name: string) => `${local.runtime.endpoint}/000000000000/${name}`;

beforeEach(() => {
  batches.length = 0;
});

const sendBatch = (queue: string, bodies: string[]) =>
  local.sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: url(queue),
      Entries: bodies.map((MessageBody, i) => ({ Id: `m${i}`, MessageBody })),
    }),
  );
const counts = async (queue: string) => {
  const { Attributes } = await local.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url(queue),
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return [
    Number(Attributes!.ApproximateNumberOfMessages),
    Number(Attributes!.ApproximateNumberOfMessagesNotVisible),
  ];
};

describe('batching window', () => {
  it('waits for a full batch until the window ends', async () => {
    await local.sqs.send(new SendMessageCommand({ QueueUrl: url('windowed'), MessageBody: 'alone' }));
    await local.clock.timerAt(local.clock.now() + 20_000);
    expect(batches).toHaveLength(0);
    local.clock.advance(20_000);
    await until(() => batches.length === 1);
    expect(batches[0].map((r) => r.body)).toEqual(['alone']);
  });

  it('invokes at once when a full batch is there', async () => {
    await sendBatch('windowed', ['a', 'b', 'c']);
    await until(() => batches.length === 1);
    expect(batches[0].map((r) => r.body)).toEqual(['a', 'b', 'c']);
  });
});

describe('SQS event source mapping', () => {
  it('invokes with the aws:sqs event and deletes the messages that succeeded', async () => {
    const { MessageId } = await local.sqs.send(
      new SendMessageCommand({
        QueueUrl: url('jobs'),
        MessageBody: 'ok-1',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'thumbnail' } },
      }),
    );
    await until(() => batches.length === 1);
    const [record] = batches[0];
    expect(record).toEqual({
      messageId: MessageId,
      receiptHandle: expect.any(String),
      body: 'ok-1',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(local.clock.now()),
        SenderId: 'test',
        ApproximateFirstReceiveTimestamp: String(local.clock.now()),
      },
      messageAttributes: {
        kind: { stringValue: 'thumbnail', stringListValues: [], binaryListValues: [], dataType: 'String' },
      },
      md5OfBody: 'af0eade532c47784ad382d7506b94038',
      md5OfMessageAttributes: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jobs',
      awsRegion: 'us-east-1',
    });
    await until(async () => (await counts('jobs')).join() === '0,0');
  });

  it('deletes only the messages not reported in batchItemFailures, and redrives the failing one', async () => {
    await sendBatch('jobs', ['ok-2', 'fail-2']);
    await until(() => batches.length === 1);
    expect(batches[0].map((r) => r.body)).toEqual(['ok-2', 'fail-2']);
    await until(async () => (await counts('jobs')).join() === '0,1');

    local.clock.advance(60_000);
    await until(() => batches.length === 2);
    expect(batches[1].map((r) => [r.body, r.attributes.ApproximateReceiveCount])).toEqual([['fail-2', '2']]);
    await until(async () => (await counts('jobs')).join() === '0,1');

    // Received twice already (maxReceiveCount 2): the next receive moves it to the dead-letter queue.
    local.clock.advance(60_000);
    await until(async () => (await counts('jobs-dlq'))[0] === 1);
    expect(await counts('jobs')).toEqual([0, 0]);
    expect(batches).toHaveLength(2);
    const { Messages } = await local.sqs.send(new ReceiveMessageCommand({ QueueUrl: url('jobs-dlq') }));
    expect(Messages![0].Body).toBe('fail-2');
  });

  it('keeps the whole batch when the function fails', async () => {
    await sendBatch('jobs', ['ok-3', 'crash']);
    await until(() => batches.length === 1);
    await until(async () => (await counts('jobs')).join() === '0,2');
    local.clock.advance(60_000);
    await until(() => batches.length === 2);
    expect(batches[1].map((r) => r.body).sort()).toEqual(['crash', 'ok-3']);
  });

  it('keeps the whole batch when batchItemFailures names a message not in it', async () => {
    const [, before] = await counts('jobs');
    await sendBatch('jobs', ['ok-4', 'bogus']);
    await until(() => batches.length === 1);
    await until(async () => (await counts('jobs')).join() === `0,${before + 2}`);
  });
});
