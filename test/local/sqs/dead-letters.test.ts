import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { EMPTY_TOPOLOGY, useRuntime } from '../../support/local';
import { createQueue } from '../../support/sqs';

const local = useRuntime(EMPTY_TOPOLOGY, { sqs: SQSClient });

const arnOf = (url: string) => local.runtime.sqs.arn(url.split('/').pop()!);
const receive = async (QueueUrl: string) =>
  (
    await local.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }),
    )
  ).Messages ?? [];
const visible = async (QueueUrl: string) =>
  Number(
    (
      await local.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      )
    ).Attributes!.ApproximateNumberOfMessages,
  );

/** A source queue (visibility 0, so each receive counts) with a dead-letter queue after 2 receives. */
async function withDeadLetterQueue() {
  const dlq = await createQueue(local.sqs, {}, 'dlq');
  const source = await createQueue(local.sqs, {
    VisibilityTimeout: '0',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(dlq), maxReceiveCount: 2 }),
  });
  return { source, dlq };
}

/** Sends bodies and receives them past maxReceiveCount, so they end up in the dead-letter queue. */
async function deadLetter(source: string, dlq: string, bodies: string[]) {
  for (const MessageBody of bodies)
    await local.sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody }));
  await receive(source);
  await receive(source);
  expect(await receive(source)).toEqual([]);
  expect(await visible(dlq)).toBe(bodies.length);
}

describe('redrive to a dead-letter queue', () => {
  it('moves a message received maxReceiveCount times, keeping its id and count', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    const { MessageId } = await local.sqs.send(
      new SendMessageCommand({ QueueUrl: source, MessageBody: 'poison' }),
    );
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
    const { queueUrls } = await local.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    expect(queueUrls).toEqual([source]);
  });
});

describe('message move tasks', () => {
  it('moves dead letters back to the queues they came from', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    await deadLetter(source, dlq, ['a', 'b']);
    const { TaskHandle } = await local.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq) }));
    expect(TaskHandle).toEqual(expect.any(String));
    const back = await receive(source);
    expect(back.map((m) => m.Body).sort()).toEqual(['a', 'b']);
    expect(back[0].Attributes!.ApproximateReceiveCount).toBe('1');
    expect(back[0].Attributes!.DeadLetterQueueSourceArn).toBeUndefined();
    const { Results } = await local.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(dlq) }));
    expect(Results).toEqual([
      {
        Status: 'COMPLETED',
        SourceArn: arnOf(dlq),
        ApproximateNumberOfMessagesMoved: 2,
        ApproximateNumberOfMessagesToMove: 2,
        StartedTimestamp: local.clock.now(),
      },
    ]);
  });

  it('moves dead letters to a given destination', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    const elsewhere = await createQueue(local.sqs);
    await deadLetter(source, dlq, ['a']);
    await local.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq), DestinationArn: arnOf(elsewhere) }),
    );
    expect((await receive(elsewhere)).map((m) => m.Body)).toEqual(['a']);
    expect(await visible(source)).toBe(0);
  });

  it('moves MaxNumberOfMessagesPerSecond a second, and can be cancelled', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    await deadLetter(source, dlq, ['a', 'b', 'c', 'd', 'e']);
    const { TaskHandle } = await local.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq), MaxNumberOfMessagesPerSecond: 2 }),
    );
    const running = (await local.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(dlq) })))
      .Results![0];
    expect(running).toMatchObject({
      TaskHandle,
      Status: 'RUNNING',
      MaxNumberOfMessagesPerSecond: 2,
      ApproximateNumberOfMessagesMoved: 2,
      ApproximateNumberOfMessagesToMove: 5,
    });
    local.clock.advance(1000);
    expect(await visible(dlq)).toBe(1);
    const { ApproximateNumberOfMessagesMoved } = await local.sqs.send(
      new CancelMessageMoveTaskCommand({ TaskHandle }),
    );
    expect(ApproximateNumberOfMessagesMoved).toBe(4);
    local.clock.advance(1000);
    expect(await visible(dlq)).toBe(1);
    const [cancelled] = (await local.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(dlq) })))
      .Results!;
    expect(cancelled).toMatchObject({ Status: 'CANCELLED', ApproximateNumberOfMessagesMoved: 4 });
    expect(cancelled.TaskHandle).toBeUndefined();
  });

  it('refuses a second task on the same source while one runs', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    await deadLetter(source, dlq, ['a', 'b']);
    await local.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq), MaxNumberOfMessagesPerSecond: 1 }),
    );
    await expect(
      local.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message:
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    });
  });

  it('refuses a source that is not a dead-letter queue, and a destination that does not exist', async () => {
    const plain = await createQueue(local.sqs);
    await expect(
      local.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(plain) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Source queue must be configured as a Dead Letter Queue.',
    });
    const { dlq } = await withDeadLetterQueue();
    await expect(
      local.sqs.send(
        new StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq), DestinationArn: arnOf('nowhere') }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('refuses a handle that is not one, and a task that does not exist', async () => {
    await expect(
      local.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'nonsense' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Value for parameter TaskHandle is invalid.',
    });
    const { dlq } = await withDeadLetterQueue();
    const handle = Buffer.from(JSON.stringify({ taskId: 'nope', sourceArn: arnOf(dlq) })).toString('base64');
    await expect(
      local.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: handle })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Task does not exist.',
    });
  });

  it('fails the task when its destination is deleted', async () => {
    const { source, dlq } = await withDeadLetterQueue();
    const elsewhere = await createQueue(local.sqs);
    await deadLetter(source, dlq, ['a', 'b']);
    await local.sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: arnOf(dlq),
        DestinationArn: arnOf(elsewhere),
        MaxNumberOfMessagesPerSecond: 1,
      }),
    );
    local.runtime.sqs.deleteQueue(local.runtime.sqs.require(elsewhere));
    local.clock.advance(1000);
    const [failed] = (await local.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(dlq) })))
      .Results!;
    expect(failed).toMatchObject({
      Status: 'FAILED',
      FailureReason: 'AWS.SimpleQueueService.NonExistentQueue',
      ApproximateNumberOfMessagesMoved: 1,
    });
  });

  it('keeps the redrive policy of the source intact', async () => {
    const { source } = await withDeadLetterQueue();
    await local.sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: source, Attributes: { VisibilityTimeout: '1' } }),
    );
    const { Attributes } = await local.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ['RedrivePolicy'] }),
    );
    expect(JSON.parse(Attributes!.RedrivePolicy!).maxReceiveCount).toBe(2);
  });
});
