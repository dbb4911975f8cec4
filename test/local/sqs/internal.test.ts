import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AwsError } from '../../../infra/local/http/aws-error';
import { topology } from '../../fixtures/sqs-topology';
import { useRuntime } from '../../support/local';

const local = useRuntime(topology, { sqs: SQSClient });

const outbox = () => `${local.runtime.endpoint}/000000000000/outbox`;
const receiveAll = async () =>
  (
    await local.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: outbox(),
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    )
  ).Messages ?? [];

describe('LocalSqs (the API other services use)', () => {
  it('sends to a queue given by name, ARN or URL', async () => {
    const ids = [
      local.runtime.sqs.send('outbox', { body: 'by name' }).messageId,
      local.runtime.sqs.send(local.runtime.sqs.arn('outbox'), { body: 'by arn' }).messageId,
      local.runtime.sqs.send(outbox(), { body: 'by url' }).messageId,
    ];
    const messages = await receiveAll();
    expect(messages.map((m) => [m.MessageId, m.Body])).toEqual([
      [ids[0], 'by name'],
      [ids[1], 'by arn'],
      [ids[2], 'by url'],
    ]);
  });

  it('sends message attributes and a delay', async () => {
    local.runtime.sqs.send('outbox', {
      body: 'x',
      delaySeconds: 0,
      attributes: { error: { DataType: 'String', StringValue: 'Boom' } },
    });
    const [message] = await receiveAll();
    expect(message.MessageAttributes).toEqual({ error: { DataType: 'String', StringValue: 'Boom' } });
  });

  it('throws QueueDoesNotExist for an unknown queue', () => {
    let error: unknown;
    try {
      local.runtime.sqs.send('nowhere', { body: 'x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({ code: 'QueueDoesNotExist' });
  });

  it('names queues by ARN', () => {
    expect(local.runtime.sqs.arn('failures')).toBe('arn:aws:sqs:us-east-1:000000000000:failures');
  });
});
