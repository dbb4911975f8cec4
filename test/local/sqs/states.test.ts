import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { StateDefinition } from '../../../workflows/asl';
import { topology } from '../../fixtures/sqs-topology';
import { useRuntime, waitForEvent } from '../../support/local';
import { createMachine, finished, run, startExecution } from '../../support/run';

const local = useRuntime(topology, { sqs: SQSClient });
const outbox = () => `${local.runtime.endpoint}/000000000000/outbox`;

const sendTask = (
  parameters: Record<string, unknown>,
  extra: Partial<StateDefinition> = {},
): StateDefinition => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::sqs:sendMessage',
  Parameters: { QueueUrl: outbox(), ...parameters },
  End: true,
  ...extra,
});

/** Receives (and deletes) the next message of the outbox. */
async function nextMessage() {
  const { Messages } = await local.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: outbox(), WaitTimeSeconds: 20, MessageAttributeNames: ['All'] }),
  );
  const [message] = Messages!;
  await local.sqs.send(
    new DeleteMessageCommand({ QueueUrl: outbox(), ReceiptHandle: message.ReceiptHandle }),
  );
  return message;
}

describe('sqs:sendMessage', () => {
  it('sends an object body as JSON and answers the message id, MD5 and SDK metadata', async () => {
    const e = await run(
      local.runtime,
      local.sfn,
      { StartAt: 'Send', States: { Send: sendTask({ 'MessageBody.$': '$' }) } },
      {
        course: 'ts-101',
      },
    );
    expect(e.status).toBe('SUCCEEDED');
    const message = await nextMessage();
    expect(JSON.parse(message.Body!)).toEqual({ course: 'ts-101' });
    expect(e.result).toEqual({
      MessageId: message.MessageId,
      MD5OfMessageBody: message.MD5OfBody,
      SdkHttpMetadata: expect.objectContaining({ HttpStatusCode: 200 }),
      SdkResponseMetadata: { RequestId: expect.any(String) },
    });
    const scheduled = e.events.find((ev) => ev.type === 'TaskScheduled')!.taskScheduledEventDetails!;
    expect(scheduled).toMatchObject({ resourceType: 'sqs', resource: 'sendMessage' });
  });

  it('sends a string body as it is, with message attributes', async () => {
    const e = await run(local.runtime, local.sfn, {
      StartAt: 'Send',
      States: {
        Send: sendTask({
          MessageBody: 'plain text',
          MessageAttributes: { kind: { DataType: 'String', StringValue: 'welcome' } },
        }),
      },
    });
    const message = await nextMessage();
    expect(message).toMatchObject({
      Body: 'plain text',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'welcome' } },
    });
    expect(e.result.MD5OfMessageAttributes).toBe(message.MD5OfMessageAttributes);
  });

  it('fails with SQS.QueueDoesNotExistException for a queue that does not exist', async () => {
    const e = await run(local.runtime, local.sfn, {
      StartAt: 'Send',
      States: {
        Send: sendTask({ QueueUrl: `${local.runtime.endpoint}/000000000000/nowhere`, MessageBody: 'x' }),
      },
    });
    expect(e).toMatchObject({ status: 'FAILED', error: 'SQS.QueueDoesNotExistException' });
    expect(e.cause).toMatch(/Error Code: AWS\.SimpleQueueService\.NonExistentQueue/);
  });

  it('fails with SQS.AmazonSQSException for an invalid parameter, which a Catch can handle', async () => {
    const e = await run(local.runtime, local.sfn, {
      StartAt: 'Send',
      States: {
        Send: sendTask(
          { MessageBody: 'x', DelaySeconds: 901 },
          { Catch: [{ ErrorEquals: ['SQS.AmazonSQSException'], Next: 'Caught' }] },
        ),
        Caught: { Type: 'Pass', End: true },
      },
    });
    expect(e.status).toBe('SUCCEEDED');
    expect(e.result.Error).toBe('SQS.AmazonSQSException');
    expect(e.result.Cause).toMatch(/DelaySeconds/);
  });
});

describe('sqs:sendMessage.waitForTaskToken', () => {
  it('waits until the receiver of the message answers its token', async () => {
    const arn = await createMachine(local.sfn, {
      StartAt: 'Mail',
      States: {
        Mail: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl: outbox(), MessageBody: { 'to.$': '$.to', 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    });
    const executionArn = await startExecution(local.sfn, arn, { to: 'ada@example.com' });
    const submitted = await waitForEvent(local.sfn, executionArn, 'TaskSubmitted');
    const message = await nextMessage();
    const body = JSON.parse(message.Body!);
    expect(body.to).toBe('ada@example.com');
    expect(JSON.parse(submitted.taskSubmittedEventDetails!.output!).MessageId).toBe(message.MessageId);
    await local.sfn.send(new SendTaskSuccessCommand({ taskToken: body.token, output: '{"verified":true}' }));
    const e = await finished(local.runtime, local.sfn, executionArn);
    expect(e).toMatchObject({ status: 'SUCCEEDED', result: { verified: true } });
  });
});
