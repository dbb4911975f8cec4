import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { ManualClock } from '../../../infra/local/clock';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { startTestRuntime } from '../../support/local';
import { createQueue, sqsClient } from '../../support/sqs';

let runtime: LocalRuntime;
let clock: ManualClock;
let sqs: SQSClient;

beforeAll(async () => {
  ({ runtime, clock } = await startTestRuntime());
  sqs = sqsClient(runtime);
});
afterAll(async () => {
  sqs.destroy();
  await runtime.close();
});

const arnOf = (url: string) => runtime.sqs.arn(url.split('/').pop()!);
const receive = async (QueueUrl: string) =>
  (
    await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }),
    )
  ).Messages ?? [];
const visible = async (QueueUrl: string) =>
  Number(
    (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      )
    ).Attributes!.ApproximateNumberOfMessages,
  );

/** A source queue (visibility 0, so each receive counts) with a dead-letter queue after 2 receives. */
async function withDeadLetterQueue() {
  const dlq = await createQueue(sqs, {}, 'dlq');
  const source = await createQueue(sqs, {
    VisibilityTimeout: '0',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(dlq), maxReceiveCount: 2 }),
  });
  return { source, dlq };
}

/** Sends bodies and receives them past maxReceiveCount, so they end up in the dead-letter queue. */
async function deadLetter(source: string, dlq: string, bodies: string[]) {
  for (const MessageBody of bodies) await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody }));
  await receive(source);
  await receive(source);
  expect(await receive(source)).toEqual([]);
  expect(await visible(dlq)).toBe(bodies.length);
}

describe('redrive to a dead-letter queue', () => {
  it('moves a message received maxReceiveCount times, keeping its id and count', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'poison' }));
    expect(await receive(source)).toHaveLength(1);
    expect(await receive(source)).toHaveLength(1);
    expect(await receive(source)).toEqual([]);
    const [dead] = await receive(dlq);
    expect(dead).toMatchObject({
      MessageId,
      Body: 'poison',
      Attributes: { ApproximateReceiveCount: '3', DeadLetterQueueSourceArn: arnOf(source) },
    });
    expect(await visible(source)).toBe(0);
  });

  it('lists the queues that use a dead-letter queue', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    const { queueUrls } = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    expect(queueUrls).toEqual([source]);
  });
});

describe('message move tasks', () => {
  it('moves dead letters back to the queues they came from', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    await deadLetter(source, dlq, ['a', 'b']);
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq) }));
    expect(TaskHandle).toEqual(expect.any(String));
    const back = await receive(source);
    expect(back.map((m) => m.Body).sort()).toEqual(['a', 'b']);
    expect(back[0].Attributes!.ApproximateReceiveCount).toBe('1');
    expect(back[0].Attributes!.DeadLetterQueueSourceArn).toBeUndefined();
    const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(dlq) }));
    expect(Results).toEqual([
      {
        Status: 'COMPLETED',
        SourceArn: arnOf(dlq),
        ApproximateNumberOfMessagesMoved: 2,
        ApproximateNumberOfMessagesToMove: 2,
        StartedTimestamp: clock.now(),
      },
    ]);
  });

  it('moves dead letters to a given destination', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    const elsewhere = await createQueue(sqs);
    await deadLetter(source, dlq, ['a']);
    await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq), DestinationArn: arnOf(elsewhere) }),
    );
    expect((await receive(elsewhere)).map((m) => m.Body)).toEqual(['a']);
    expect(await visible(source)).toBe(0);
  });

  it('moves MaxNumberOfMessagesPerSecond a second, and can be cancelled', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    await deadLetter(source, dlq, ['a', 'b', 'c', 'd', 'e']);
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq), MaxNumberOfMessagesPerSecond: 2 }),
    );
    const running = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(dlq) }))).Results![0];
    expect(running).toMatchObject({
      TaskHandle,
      Status: 'RUNNING',
      MaxNumberOfMessagesPerSecond: 2,
      ApproximateNumberOfMessagesMoved: 2,
      ApproximateNumberOfMessagesToMove: 5,
    });
    clock.advance(1000);
    expect(await visible(dlq)).toBe(1);
    const { ApproximateNumberOfMessagesMoved } = await sqs.send(
      new CancelMessageMoveTaskCommand({ TaskHandle }),
    );
    expect(ApproximateNumberOfMessagesMoved).toBe(4);
    clock.advance(1000);
    expect(await visible(dlq)).toBe(1);
    const [cancelled] = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(dlq) }))).Results!;
    expect(cancelled).toMatchObject({ Status: 'CANCELLED', ApproximateNumberOfMessagesMoved: 4 });
    expect(cancelled.TaskHandle).toBeUndefined();
  });

  it('refuses a second task on the same source while one runs', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    await deadLetter(source, dlq, ['a', 'b']);
    await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq), MaxNumberOfMessagesPerSecond: 1 }),
    );
    await expect(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq) }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message:
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    });
  });

  it('refuses a source that is not a dead-letter queue, and a destination that does not exist', async () => {
    const plain = await createQueue(sqs);
    await expect(
      sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(plain) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Source queue must be configured as a Dead Letter Queue.',
    });
    const { dlq } = await withDeadLetterQueue();
    await expect(
      sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq), DestinationArn: arnOf('nowhere') })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('refuses a handle that is not one, and a task that does not exist', async () => {
    await expect(
      sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'nonsense' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Value for parameter TaskHandle is invalid.',
    });
    const { dlq } = await withDeadLetterQueue();
    const handle = Buffer.from(JSON.stringify({ taskId: 'nope', sourceArn: arnOf(dlq) })).toString('base64');
    await expect(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: handle }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Task does not exist.',
    });
  });

  it('fails the task when its destination is deleted', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    const elsewhere = await createQueue(sqs);
    await deadLetter(source, dlq, ['a', 'b']);
    await sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: arnOf(dlq),
        DestinationArn: arnOf(elsewhere),
        MaxNumberOfMessagesPerSecond: 1,
      }),
    );
    runtime.sqs.deleteQueue(runtime.sqs.require(elsewhere));
    clock.advance(1000);
    const [failed] = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(dlq) }))).Results!;
    expect(failed).toMatchObject({
      Status: 'FAILED',
      FailureReason: 'AWS.SimpleQueueService.NonExistentQueue',
      ApproximateNumberOfMessagesMoved: 1,
    });
  });

  it('keeps the redrive policy of the source intact', async () => {
    const { source } = await withDeadLetterQueue();
    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: source, Attributes: { VisibilityTimeout: '1' } }),
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ['RedrivePolicy'] }),
    );
    expect(JSON.parse(Attributes!.RedrivePolicy!).maxReceiveCount).toBe(2);
  });
});
