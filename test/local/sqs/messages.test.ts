import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  MessageNotInflight,
  PurgeQueueCommand,
  PurgeQueueInProgress,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  type ReceiveMessageCommandInput,
} from '@aws-sdk/client-sqs';
import { topology } from '../../fixtures/sqs-topology';
import { useRuntime } from '../../support/local';
import { createQueue, until } from '../../support/sqs';

const local = useRuntime(topology, { sqs: SQSClient });

const receive = async (QueueUrl: string, extra: Partial<ReceiveMessageCommandInput> = {}) =>
  (await local.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, ...extra })))
    .Messages ?? [];
const send = (QueueUrl: string, MessageBody: string, extra: object = {}) =>
  local.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody, ...extra }));
const counts = async (QueueUrl: string) => {
  const { Attributes } = await local.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return {
    visible: Number(Attributes!.ApproximateNumberOfMessages),
    inFlight: Number(Attributes!.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(Attributes!.ApproximateNumberOfMessagesDelayed),
  };
};

describe('SendMessage and ReceiveMessage', () => {
  it('answers the MD5s of the body and of the attributes (the published vectors)', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const sent = await send(QueueUrl, 'hello', {
      MessageAttributes: {
        attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
        customNumberTypeAttrib: {
          DataType: 'Number.float',
          StringValue: '4563442423554324324264524243.32543234',
        },
        binaryAttribute: { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') },
      },
    });
    expect(sent.MD5OfMessageBody).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(sent.MD5OfMessageAttributes).toBe('c932db14a896c663f83c260297d594ff');
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('delivers the body, the attributes asked for and the system attributes', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const sent = await send(QueueUrl, 'course bought', {
      MessageAttributes: {
        attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
        'trace.id': { DataType: 'String', StringValue: 'abc' },
        blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) },
      },
    });
    const [message] = await receive(QueueUrl, {
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['attribName1'],
    });
    expect(message).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'course bought',
      MD5OfBody: sent.MD5OfMessageBody,
      MessageAttributes: { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } },
      // The digest covers the attributes returned.
      MD5OfMessageAttributes: '19e27d4e946b072f3f58da80d94fd778',
      Attributes: {
        SenderId: 'test',
        SentTimestamp: String(local.clock.now()),
        ApproximateReceiveCount: '1',
        ApproximateFirstReceiveTimestamp: String(local.clock.now()),
      },
    });
    expect(Object.keys(message.MessageAttributes!)).toEqual(['attribName1']);
  });

  it('selects attributes by All and by prefix, and the legacy AttributeNames member', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await send(QueueUrl, 'x', {
      MessageAttributes: {
        'order.id': { DataType: 'String', StringValue: '1' },
        'order.total': { DataType: 'Number', StringValue: '20' },
        other: { DataType: 'Binary', BinaryValue: Buffer.from([7]) },
      },
    });
    const [message] = await receive(QueueUrl, {
      AttributeNames: ['ApproximateReceiveCount' as never],
      MessageAttributeNames: ['order.*'],
      VisibilityTimeout: 0,
    });
    expect(Object.keys(message.MessageAttributes!).sort()).toEqual(['order.id', 'order.total']);
    expect(message.Attributes).toEqual({ ApproximateReceiveCount: '1' });
    const [again] = await receive(QueueUrl, { MessageAttributeNames: ['All'] });
    expect(again.MessageAttributes!.other.BinaryValue).toEqual(new Uint8Array([7]));
    expect(again.Attributes).toBeUndefined();
  });

  it('answers no messages from an empty queue at once', async () => {
    const QueueUrl = await createQueue(local.sqs);
    expect(await receive(QueueUrl)).toEqual([]);
  });

  it('receives at most MaxNumberOfMessages, oldest first', async () => {
    const QueueUrl = await createQueue(local.sqs);
    for (const body of ['a', 'b', 'c']) await send(QueueUrl, body);
    expect((await receive(QueueUrl, { MaxNumberOfMessages: 2 })).map((m) => m.Body)).toEqual(['a', 'b']);
    expect((await receive(QueueUrl)).map((m) => m.Body)).toEqual(['c']);
  });

  it('refuses a body over 256 KiB, counting the attributes', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await send(QueueUrl, 'x'.repeat(262144));
    await expect(
      send(QueueUrl, 'x'.repeat(262140), {
        MessageAttributes: { ab: { DataType: 'String', StringValue: 'c' } },
      }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.',
    });
    expect((await counts(QueueUrl)).visible).toBe(1);
  });

  it('refuses invalid characters, an empty body and bad attributes', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await expect(send(QueueUrl, 'bell \u0007')).rejects.toMatchObject({ name: 'InvalidMessageContents' });
    await expect(send(QueueUrl, '')).rejects.toMatchObject({ name: 'MissingParameter' });
    await expect(
      send(QueueUrl, 'x', { MessageAttributes: { n: { DataType: 'Number', StringValue: 'ten' } } }),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(send(QueueUrl, 'x', { MessageDeduplicationId: 'd' })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    expect(await counts(QueueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('refuses MaxNumberOfMessages, WaitTimeSeconds and VisibilityTimeout out of range', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await expect(receive(QueueUrl, { MaxNumberOfMessages: 11 })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message:
        'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
    await expect(receive(QueueUrl, { WaitTimeSeconds: 21 })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(receive(QueueUrl, { VisibilityTimeout: 43201 })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });

  it('keeps AWSTraceHeader and MessageGroupId as system attributes', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const sent = await send(QueueUrl, 'x', {
      MessageGroupId: 'tenant-1',
      MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } },
    });
    expect(sent.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    const [message] = await receive(QueueUrl, {
      MessageSystemAttributeNames: ['AWSTraceHeader', 'MessageGroupId'],
    });
    expect(message.Attributes).toEqual({ AWSTraceHeader: 'Root=1-abc', MessageGroupId: 'tenant-1' });
  });
});

describe('visibility timeout', () => {
  it('hides a received message until its visibility timeout ends', async () => {
    const QueueUrl = await createQueue(local.sqs, { VisibilityTimeout: '30' });
    await send(QueueUrl, 'once');
    expect(await receive(QueueUrl)).toHaveLength(1);
    expect(await counts(QueueUrl)).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    expect(await receive(QueueUrl)).toEqual([]);
    local.clock.advance(29_999);
    expect(await receive(QueueUrl)).toEqual([]);
    local.clock.advance(1);
    const [again] = await receive(QueueUrl, { MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
    expect(again).toMatchObject({ Body: 'once', Attributes: { ApproximateReceiveCount: '2' } });
  });

  it('uses the VisibilityTimeout of the receive over the queue’s', async () => {
    const QueueUrl = await createQueue(local.sqs, { VisibilityTimeout: '300' });
    await send(QueueUrl, 'x');
    await receive(QueueUrl, { VisibilityTimeout: 5 });
    local.clock.advance(5000);
    expect(await receive(QueueUrl)).toHaveLength(1);
  });

  it('makes a message visible at once with ChangeMessageVisibility 0', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await send(QueueUrl, 'x');
    const [message] = await receive(QueueUrl);
    await local.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: message.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    expect(await receive(QueueUrl)).toHaveLength(1);
  });

  it('extends the visibility from now', async () => {
    const QueueUrl = await createQueue(local.sqs, { VisibilityTimeout: '10' });
    await send(QueueUrl, 'x');
    const [message] = await receive(QueueUrl);
    local.clock.advance(5000);
    await local.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: message.ReceiptHandle,
        VisibilityTimeout: 60,
      }),
    );
    local.clock.advance(59_999);
    expect(await receive(QueueUrl)).toEqual([]);
    local.clock.advance(1);
    expect(await receive(QueueUrl)).toHaveLength(1);
  });

  it('refuses to change a message that is not in flight, or beyond 12 hours', async () => {
    const QueueUrl = await createQueue(local.sqs, { VisibilityTimeout: '10' });
    await send(QueueUrl, 'x');
    const [message] = await receive(QueueUrl);
    const change = (VisibilityTimeout: number) =>
      local.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout,
        }),
      );
    local.clock.advance(5000);
    await expect(change(43200)).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringMatching(/Total VisibilityTimeout for the message is beyond the limit/),
    });
    local.clock.advance(5000);
    await expect(change(30)).rejects.toBeInstanceOf(MessageNotInflight);
  });

  it('changes visibility in batches, failing the entries with bad handles', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await send(QueueUrl, 'x');
    const [message] = await receive(QueueUrl);
    const result = await local.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'good', ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'bad', ReceiptHandle: 'nonsense', VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(result.Successful).toEqual([{ Id: 'good' }]);
    expect(result.Failed).toEqual([
      { Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: expect.any(String) },
    ]);
    expect(await receive(QueueUrl)).toHaveLength(1);
  });
});

describe('DeleteMessage', () => {
  it('deletes with the latest receipt handle', async () => {
    const QueueUrl = await createQueue(local.sqs, { VisibilityTimeout: '0' });
    await send(QueueUrl, 'x');
    const [message] = await receive(QueueUrl);
    await local.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    expect(await receive(QueueUrl)).toEqual([]);
  });

  it('accepts a stale handle without deleting the message, as SQS does', async () => {
    const QueueUrl = await createQueue(local.sqs, { VisibilityTimeout: '0' });
    await send(QueueUrl, 'x');
    const [first] = await receive(QueueUrl);
    const [second] = await receive(QueueUrl);
    await local.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.ReceiptHandle }));
    expect((await counts(QueueUrl)).visible).toBe(1);
    await local.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second.ReceiptHandle }));
    expect((await counts(QueueUrl)).visible).toBe(0);
  });

  it('refuses a handle that is not one, or that belongs to another queue', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const other = await createQueue(local.sqs);
    await send(QueueUrl, 'x');
    const [message] = await receive(QueueUrl);
    const error = await local.sqs
      .send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'nonsense' }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(ReceiptHandleIsInvalid);
    expect(error.$metadata.httpStatusCode).toBe(404);
    await expect(
      local.sqs.send(new DeleteMessageCommand({ QueueUrl: other, ReceiptHandle: message.ReceiptHandle })),
    ).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
  });

  it('deletes in batches, failing the entries with bad handles', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await send(QueueUrl, 'a');
    await send(QueueUrl, 'b');
    const messages = await receive(QueueUrl);
    const result = await local.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [
          ...messages.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle })),
          { Id: 'bad', ReceiptHandle: 'nonsense' },
        ],
      }),
    );
    expect(result.Successful).toEqual([{ Id: 'm0' }, { Id: 'm1' }]);
    expect(result.Failed![0]).toMatchObject({ Id: 'bad', Code: 'ReceiptHandleIsInvalid', SenderFault: true });
    expect(await counts(QueueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });
});

describe('SendMessageBatch', () => {
  it('sends each entry, answering per entry MD5s and failures', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const result = await local.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'one', MessageBody: 'hello' },
          { Id: 'late', MessageBody: 'x', DelaySeconds: 901 },
          { Id: 'two', MessageBody: 'world' },
        ],
      }),
    );
    expect(result.Successful!.map((s) => [s.Id, s.MD5OfMessageBody])).toEqual([
      ['one', '5d41402abc4b2a76b9719d911017c592'],
      ['two', '7d793037a0760186574b0282f2f435e7'],
    ]);
    expect(result.Failed).toEqual([
      {
        Id: 'late',
        SenderFault: true,
        Code: 'InvalidParameterValue',
        Message:
          'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.',
      },
    ]);
    expect((await counts(QueueUrl)).visible).toBe(2);
  });

  it.each([
    ['no entries', [], 'EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest'],
    [
      'eleven entries',
      Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' })),
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    ],
    [
      'repeated ids',
      [
        { Id: 'a', MessageBody: 'x' },
        { Id: 'a', MessageBody: 'y' },
      ],
      'BatchEntryIdsNotDistinct',
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    ],
    [
      'an invalid id',
      [{ Id: 'no spaces', MessageBody: 'x' }],
      'InvalidBatchEntryId',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
    ],
    [
      'over 256 KiB in all',
      [
        { Id: 'a', MessageBody: 'x'.repeat(200_000) },
        { Id: 'b', MessageBody: 'x'.repeat(100_000) },
      ],
      'BatchRequestTooLong',
      'AWS.SimpleQueueService.BatchRequestTooLong',
    ],
  ])('refuses %s and sends nothing', async (_what, Entries, name, Code) => {
    const QueueUrl = await createQueue(local.sqs);
    await expect(local.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }))).rejects.toMatchObject({
      name,
      Code,
    });
    expect((await counts(QueueUrl)).visible).toBe(0);
  });
});

describe('delays', () => {
  it('delays a message by its DelaySeconds, counted as delayed meanwhile', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await send(QueueUrl, 'later', { DelaySeconds: 60 });
    expect(await counts(QueueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 1 });
    expect(await receive(QueueUrl)).toEqual([]);
    local.clock.advance(60_000);
    expect(await counts(QueueUrl)).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    expect((await receive(QueueUrl))[0].Body).toBe('later');
  });

  it('applies the queue’s DelaySeconds unless the message has its own', async () => {
    const QueueUrl = `${local.runtime.endpoint}/000000000000/slow`;
    await send(QueueUrl, 'queue delay');
    await send(QueueUrl, 'no delay', { DelaySeconds: 0 });
    const [first] = await receive(QueueUrl);
    expect(first.Body).toBe('no delay');
    await local.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.ReceiptHandle }));
    local.clock.advance(30_000);
    expect((await receive(QueueUrl)).map((m) => m.Body)).toEqual(['queue delay']);
  });
});

describe('long polling', () => {
  it('answers a waiting receive as soon as a message is sent', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const waiting = receive(QueueUrl, { WaitTimeSeconds: 20 });
    await until(() => local.runtime.sqs.pollsWaiting() === 1);
    await send(QueueUrl, 'arrived');
    expect((await waiting).map((m) => m.Body)).toEqual(['arrived']);
    expect(local.runtime.sqs.pollsWaiting()).toBe(0);
  });

  it('answers when a delayed message becomes visible', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await send(QueueUrl, 'delayed', { DelaySeconds: 10 });
    const waiting = receive(QueueUrl, { WaitTimeSeconds: 20 });
    await until(() => local.runtime.sqs.pollsWaiting() === 1);
    local.clock.advance(10_000);
    expect((await waiting).map((m) => m.Body)).toEqual(['delayed']);
  });

  it('answers no messages once WaitTimeSeconds have passed', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const waiting = receive(QueueUrl, { WaitTimeSeconds: 5 });
    await until(() => local.runtime.sqs.pollsWaiting() === 1);
    local.clock.advance(5000);
    expect(await waiting).toEqual([]);
  });

  it('waits the queue’s ReceiveMessageWaitTimeSeconds by default', async () => {
    const QueueUrl = await createQueue(local.sqs, { ReceiveMessageWaitTimeSeconds: '20' });
    const waiting = receive(QueueUrl);
    await until(() => local.runtime.sqs.pollsWaiting() === 1);
    await send(QueueUrl, 'x');
    expect(await waiting).toHaveLength(1);
  });
});

describe('PurgeQueue and retention', () => {
  it('purges every message, once per 60 seconds', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await send(QueueUrl, 'a');
    await send(QueueUrl, 'b', { DelaySeconds: 5 });
    await send(QueueUrl, 'c');
    await receive(QueueUrl, { MaxNumberOfMessages: 1 });
    await local.sqs.send(new PurgeQueueCommand({ QueueUrl }));
    expect(await counts(QueueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    await expect(local.sqs.send(new PurgeQueueCommand({ QueueUrl }))).rejects.toBeInstanceOf(
      PurgeQueueInProgress,
    );
    local.clock.advance(60_000);
    await local.sqs.send(new PurgeQueueCommand({ QueueUrl }));
  });

  it('drops messages older than the retention period', async () => {
    const QueueUrl = await createQueue(local.sqs, { MessageRetentionPeriod: '60' });
    await send(QueueUrl, 'old');
    local.clock.advance(30_000);
    await send(QueueUrl, 'new');
    local.clock.advance(30_000);
    expect((await counts(QueueUrl)).visible).toBe(1);
    expect((await receive(QueueUrl)).map((m) => m.Body)).toEqual(['new']);
  });
});
