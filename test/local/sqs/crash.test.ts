import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kill, useChildRuntimes } from '../../support/child';
import { localClient } from '../../support/clients';
import { until } from '../../support/sqs';

const TOPOLOGY = resolve(__dirname, '../../fixtures/sqs-crash-topology.ts');
const HOUR = 3600_000;

describe('SQS and Lambda crash and resume (SIGKILL)', () => {
  const runtimes = useChildRuntimes(TOPOLOGY);

  it('keeps queued, delayed and in-flight messages and pending asynchronous invocations', async () => {
    const first = await runtimes.start();
    let sqs: SQSClient = localClient(SQSClient, first.endpoint);
    const url = (endpoint: string, name: string) => `${endpoint}/000000000000/${name}`;
    const marker = (name: string, stage: 'started' | 'done') => join(runtimes.dir, `${name}.${stage}`);

    await sqs.send(
      new SendMessageCommand({ QueueUrl: url(first.endpoint, 'waiting'), MessageBody: 'queued' }),
    );
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: url(first.endpoint, 'waiting'),
        MessageBody: 'later',
        DelaySeconds: 900,
      }),
    );
    await sqs.send(
      new SendMessageCommand({ QueueUrl: url(first.endpoint, 'held'), MessageBody: 'in flight' }),
    );
    const held = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url(first.endpoint, 'held') }));
    expect(held.Messages).toHaveLength(1);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: url(first.endpoint, 'work'),
        MessageBody: JSON.stringify({ dir: runtimes.dir, name: 'batch' }),
      }),
    );
    let sfn = localClient(SFNClient, first.endpoint);
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:fire',
        input: JSON.stringify({ dir: runtimes.dir, name: 'async' }),
      }),
    );
    // The consumer is stuck in its batch, the asynchronous event has failed once and waits to retry.
    await until(() => existsSync(marker('batch', 'started')) && existsSync(marker('async', 'started')), 20);
    await kill(first.child);
    sqs.destroy();
    sfn.destroy();

    // Ten minutes later: visibility timeouts (60 s) and the first retry (1 min) are due, the 15 min delay is not.
    const second = await runtimes.start(HOUR / 6);
    sqs = localClient(SQSClient, second.endpoint);
    sfn = localClient(SFNClient, second.endpoint);

    await until(() => existsSync(marker('batch', 'done')), 20);
    await until(() => existsSync(marker('async', 'done')), 20);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url(second.endpoint, 'waiting'), AttributeNames: ['All'] }),
    );
    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesDelayed: '1',
    });
    const queued = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url(second.endpoint, 'waiting') }));
    expect(queued.Messages!.map((m) => m.Body)).toEqual(['queued']);
    const again = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url(second.endpoint, 'held'),
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    expect(again.Messages![0]).toMatchObject({
      MessageId: held.Messages![0].MessageId,
      Body: 'in flight',
      Attributes: { ApproximateReceiveCount: '2' },
    });
    await until(async () => {
      const work = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url(second.endpoint, 'work'),
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return work.Attributes!.ApproximateNumberOfMessagesNotVisible === '0';
    }, 20);
    sqs.destroy();
    sfn.destroy();
  });
});
