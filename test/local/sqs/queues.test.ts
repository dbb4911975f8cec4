import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  QueueDeletedRecently,
  QueueDoesNotExist,
  QueueNameExists,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  TagQueueCommand,
  UntagQueueCommand,
  type SQSServiceException,
} from '@aws-sdk/client-sqs';
import { topology } from '../../fixtures/sqs-topology';
import { useRuntime } from '../../support/local';
import { createQueue } from '../../support/sqs';

const local = useRuntime(topology, { sqs: SQSClient });

const attributes = async (QueueUrl: string, names: string[] = ['All']) =>
  (await local.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: names as never })))
    .Attributes ?? {};

describe('topology queues', () => {
  it('exist at start with their settings and redrive policy', async () => {
    const { QueueUrl } = await local.sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    expect(QueueUrl).toBe(`${local.runtime.endpoint}/000000000000/orders`);
    const orders = await attributes(QueueUrl!);
    expect(orders).toMatchObject({
      VisibilityTimeout: '20',
      MessageRetentionPeriod: '345600',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:orders',
    });
    expect(JSON.parse(orders.RedrivePolicy!)).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq',
      maxReceiveCount: 2,
    });
    expect(local.runtime.sqs.arn('orders')).toBe(orders.QueueArn);
  });
});

describe('CreateQueue, GetQueueUrl, ListQueues, DeleteQueue', () => {
  it('creates a queue whose URL is built from the Host header the client used', async () => {
    const viaLocalhost = local.client(SQSClient, {
      endpoint: local.runtime.endpoint.replace('127.0.0.1', 'localhost'),
    });
    const { QueueUrl } = await viaLocalhost.send(new CreateQueueCommand({ QueueName: 'host-check' }));
    expect(QueueUrl).toBe(`http://localhost:${local.runtime.port}/000000000000/host-check`);
  });

  it('answers the same URL for the same name and attributes, and refuses other attributes', async () => {
    const create = (VisibilityTimeout: string) =>
      local.sqs.send(new CreateQueueCommand({ QueueName: 'twice', Attributes: { VisibilityTimeout } }));
    const first = await create('40');
    expect((await create('40')).QueueUrl).toBe(first.QueueUrl);
    const error = await create('41').catch((e: SQSServiceException) => e);
    expect(error).toBeInstanceOf(QueueNameExists);
    expect(error).toMatchObject({ Code: 'QueueAlreadyExists', Type: 'Sender' });
  });

  it('refuses invalid queue names and FIFO queues', async () => {
    await expect(local.sqs.send(new CreateQueueCommand({ QueueName: 'has space' }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(local.sqs.send(new CreateQueueCommand({ QueueName: 'x'.repeat(81) }))).rejects.toMatchObject(
      {
        name: 'InvalidParameterValue',
      },
    );
    await expect(local.sqs.send(new CreateQueueCommand({ QueueName: 'orders.fifo' }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });

  it('refuses unknown attributes and values out of range', async () => {
    await expect(
      local.sqs.send(
        new CreateQueueCommand({ QueueName: 'bad-attr', Attributes: { Colour: 'red' } as never }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAttributeName' });
    await expect(
      local.sqs.send(new CreateQueueCommand({ QueueName: 'bad-attr', Attributes: { DelaySeconds: '901' } })),
    ).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
    await expect(local.sqs.send(new GetQueueUrlCommand({ QueueName: 'bad-attr' }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
  });

  it('fails with QueueDoesNotExist and the legacy code for an unknown queue', async () => {
    const error = await local.sqs
      .send(new GetQueueUrlCommand({ QueueName: 'nowhere' }))
      .catch((e: SQSServiceException & { Code?: string }) => e);
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect(error).toMatchObject({
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      Type: 'Sender',
      message: 'The specified queue does not exist.',
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
  });

  it('lists queues by prefix, in pages when MaxResults is given', async () => {
    for (const n of [1, 2, 3]) await local.sqs.send(new CreateQueueCommand({ QueueName: `listed-${n}` }));
    const all = await local.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'listed-' }));
    expect(all.QueueUrls).toEqual([1, 2, 3].map((n) => `${local.runtime.endpoint}/000000000000/listed-${n}`));
    expect(all.NextToken).toBeUndefined();
    const first = await local.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'listed-', MaxResults: 2 }));
    expect(first.QueueUrls).toHaveLength(2);
    const second = await local.sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: 'listed-', MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.QueueUrls).toEqual([`${local.runtime.endpoint}/000000000000/listed-3`]);
    expect(second.NextToken).toBeUndefined();
    expect(
      (await local.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'none-such' }))).QueueUrls,
    ).toBeUndefined();
  });

  it('deletes a queue, and refuses its name for 60 seconds', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const QueueName = QueueUrl.split('/').pop()!;
    await local.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'gone with it' }));
    await local.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    await expect(local.sqs.send(new GetQueueUrlCommand({ QueueName }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
    await expect(
      local.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' })),
    ).rejects.toBeInstanceOf(QueueDoesNotExist);
    await expect(local.sqs.send(new CreateQueueCommand({ QueueName }))).rejects.toBeInstanceOf(
      QueueDeletedRecently,
    );
    local.clock.advance(60_000);
    await local.sqs.send(new CreateQueueCommand({ QueueName }));
    expect((await attributes(QueueUrl)).ApproximateNumberOfMessages).toBe('0');
  });
});

describe('GetQueueAttributes, SetQueueAttributes', () => {
  it('answers the defaults, the ARN and the timestamps', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const all = await attributes(QueueUrl);
    expect(all).toMatchObject({
      VisibilityTimeout: '30',
      MaximumMessageSize: '262144',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      CreatedTimestamp: String(local.clock.now() / 1000),
      QueueArn: `arn:aws:sqs:us-east-1:000000000000:${QueueUrl.split('/').pop()}`,
    });
  });

  it('answers only the attributes asked for', async () => {
    const QueueUrl = await createQueue(local.sqs);
    expect(await attributes(QueueUrl, ['VisibilityTimeout', 'DelaySeconds'])).toEqual({
      VisibilityTimeout: '30',
      DelaySeconds: '0',
    });
    expect(await attributes(QueueUrl, [])).toEqual({});
  });

  it('refuses an unknown attribute name', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await expect(attributes(QueueUrl, ['Colour'])).rejects.toMatchObject({
      name: 'InvalidAttributeName',
      message: 'Unknown Attribute Colour.',
    });
  });

  it('sets attributes, and removes the redrive policy with an empty value', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const dlq = await attributes(await createQueue(local.sqs), ['QueueArn']);
    const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: dlq.QueueArn, maxReceiveCount: '5' });
    await local.sqs.send(
      new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '5', RedrivePolicy } }),
    );
    const set = await attributes(QueueUrl);
    expect(set.VisibilityTimeout).toBe('5');
    expect(JSON.parse(set.RedrivePolicy!)).toEqual({ deadLetterTargetArn: dlq.QueueArn, maxReceiveCount: 5 });
    await local.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { RedrivePolicy: '' } }));
    expect((await attributes(QueueUrl)).RedrivePolicy).toBeUndefined();
  });

  it('refuses a redrive policy to a queue that does not exist, and changes nothing', async () => {
    const QueueUrl = await createQueue(local.sqs);
    const RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:nowhere',
      maxReceiveCount: 3,
    });
    await expect(
      local.sqs.send(
        new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '5', RedrivePolicy } }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringMatching(/Dead letter target/),
    });
    expect((await attributes(QueueUrl)).VisibilityTimeout).toBe('30');
  });

  it('refuses to set a read-only attribute', async () => {
    const QueueUrl = await createQueue(local.sqs);
    await expect(
      local.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { QueueArn: 'arn:x' } as never })),
    ).rejects.toMatchObject({ name: 'InvalidAttributeName' });
  });
});

describe('tags', () => {
  it('tags at creation, adds, lists and removes tags', async () => {
    const { QueueUrl } = await local.sqs.send(
      new CreateQueueCommand({ QueueName: 'tagged', tags: { team: 'video' } }),
    );
    await local.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'local' } }));
    expect((await local.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({
      team: 'video',
      env: 'local',
    });
    await local.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['team'] }));
    expect((await local.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ env: 'local' });
  });
});
