import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { AwsError } from '../../../infra/local/http/aws-error';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { topology } from '../../fixtures/sqs-topology';
import { startTestRuntime } from '../../support/local';
import { sqsClient } from '../../support/sqs';

let runtime: LocalRuntime;
let sqs: SQSClient;

beforeAll(async () => {
  ({ runtime } = await startTestRuntime(topology));
  sqs = sqsClient(runtime);
});
afterAll(async () => {
  sqs.destroy();
  await runtime.close();
});

const outbox = () => `${runtime.endpoint}/000000000000/outbox`;
const receiveAll = async () =>
  (
    await sqs.send(
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
      runtime.sqs.send('outbox', { body: 'by name' }).messageId,
      runtime.sqs.send(runtime.sqs.arn('outbox'), { body: 'by arn' }).messageId,
      runtime.sqs.send(outbox(), { body: 'by url' }).messageId,
    ];
    const messages = await receiveAll();
    expect(messages.map((m) => [m.MessageId, m.Body])).toEqual([
      [ids[0], 'by name'],
      [ids[1], 'by arn'],
      [ids[2], 'by url'],
    ]);
  });

  it('sends message attributes and a delay', async () => {
    runtime.sqs.send('outbox', {
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
      runtime.sqs.send('nowhere', { body: 'x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({ code: 'QueueDoesNotExist' });
  });

  it('names queues by ARN', () => {
    expect(runtime.sqs.arn('failures')).toBe('arn:aws:sqs:us-east-1:000000000000:failures');
  });
});
