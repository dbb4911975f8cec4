import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import type { DeliveryRecord } from '../../../infra/local/eventbridge/records';
import { topology } from '../../fixtures/eventbridge-topology';
import { received } from '../../fixtures/handlers/eventbridge';
import { receive, receiveBodies, unique } from '../../support/eventbridge';
import { useRuntime } from '../../support/local';
import { until } from '../../support/sqs';

const local = useRuntime(topology, { eb: EventBridgeClient, sqs: SQSClient });

const ARN = 'arn:aws:%s:us-east-1:000000000000:%s';
const queueArn = (name: string) => ARN.replace('%s', 'sqs').replace('%s', name);
const DLQ = queueArn('eb-dlq');
const ECHO = 'arn:aws:states:us-east-1:000000000000:stateMachine:ebEcho';

/** A rule for a fresh source with one target; returns the source and the rule ARN. */
async function route(target: Omit<Target, 'Id'>): Promise<{ source: string; ruleArn: string }> {
  const source = unique('lectern.delivery');
  const { RuleArn } = await local.eb.send(
    new PutRuleCommand({ Name: unique('rule'), EventPattern: JSON.stringify({ source: [source] }) }),
  );
  await local.eb.send(
    new PutTargetsCommand({ Rule: RuleArn!.split('/').pop(), Targets: [{ Id: 't', ...target }] }),
  );
  return { source, ruleArn: RuleArn! };
}

async function put(source: string, detail: object = { n: 1 }): Promise<string> {
  const { Entries } = await local.eb.send(
    new PutEventsCommand({
      Entries: [{ Source: source, DetailType: 'Thing Happened', Detail: JSON.stringify(detail) }],
    }),
  );
  return Entries![0].EventId!;
}

const pendingFor = (targetArn: string): DeliveryRecord | undefined =>
  local.runtime.events.dispatcher.pending().find((d) => d.targetArn === targetArn);

/** Waits until the delivery to `targetArn` has failed `attempts` times and waits for its retry. */
async function failed(targetArn: string, attempts: number): Promise<DeliveryRecord> {
  let delivery: DeliveryRecord | undefined;
  await until(() => {
    delivery = pendingFor(targetArn);
    return delivery !== undefined && delivery.attempts === attempts && delivery.due > local.clock.now();
  });
  return delivery!;
}

const dlqUrl = () => local.runtime.sqs.url('eb-dlq');

describe('targets', () => {
  it('sends the event to an SQS queue', async () => {
    const { source } = await route({ Arn: queueArn('eb-inbox') });
    const id = await put(source, { to: 'sqs' });
    expect(await receiveBodies(local.sqs, local.runtime.sqs.url('eb-inbox'), 1)).toEqual([
      expect.objectContaining({ id, source, detail: { to: 'sqs' } }),
    ]);
  });

  it('invokes a Lambda function asynchronously with the event', async () => {
    const { source } = await route({ Arn: 'arn:aws:lambda:us-east-1:000000000000:function:ebRecord' });
    const id = await put(source, { to: 'lambda' });
    await until(() => received.some((e) => (e as { id: string }).id === id));
    expect(received.find((e) => (e as { id: string }).id === id)).toMatchObject({ detail: { to: 'lambda' } });
  });

  it('starts a Step Functions execution with the event as input', async () => {
    const { source } = await route({ Arn: ECHO });
    const id = await put(source, { to: 'states' });
    let input: unknown;
    await until(async () => {
      const { executions } = await local.sfn.send(new ListExecutionsCommand({ stateMachineArn: ECHO }));
      for (const { executionArn } of executions ?? []) {
        const execution = await local.sfn.send(new DescribeExecutionCommand({ executionArn }));
        const parsed = JSON.parse(execution.input!) as { id?: string };
        if (parsed.id === id) input = parsed;
      }
      return input !== undefined;
    });
    expect(input).toMatchObject({ id, detail: { to: 'states' } });
  });

  it('sends what the rule of the topology says (InputPath $.detail on the orders bus)', async () => {
    await local.eb.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'lectern.orders',
            DetailType: 'Order Placed',
            Detail: '{"order":42}',
            EventBusName: 'orders',
          },
        ],
      }),
    );
    expect(await receiveBodies(local.sqs, local.runtime.sqs.url('eb-orders'), 1)).toEqual([{ order: 42 }]);
  });

  it('renders an input transformer for the target', async () => {
    const { source, ruleArn } = await route({
      Arn: queueArn('eb-inbox'),
      InputTransformer: {
        InputPathsMap: { n: '$.detail.n', type: '$.detail-type' },
        InputTemplate: '{"n": <n>, "type": <type>, "rule": <aws.events.rule-arn>}',
      },
    });
    await put(source, { n: 3 });
    expect(await receiveBodies(local.sqs, local.runtime.sqs.url('eb-inbox'), 1)).toEqual([
      { n: 3, type: 'Thing Happened', rule: ruleArn },
    ]);
  });

  it('sends constant input', async () => {
    const { source } = await route({ Arn: queueArn('eb-inbox'), Input: '{"constant":true}' });
    await put(source);
    expect(await receiveBodies(local.sqs, local.runtime.sqs.url('eb-inbox'), 1)).toEqual([
      { constant: true },
    ]);
  });
});

describe('retries and dead letters', () => {
  it('retries with exponential back-off on the clock until the target exists', async () => {
    const missing = unique('later');
    const { source } = await route({ Arn: queueArn(missing) });
    const id = await put(source);
    const first = await failed(queueArn(missing), 1);
    expect(first.due - local.clock.now()).toBeGreaterThanOrEqual(500);
    expect(first.due - local.clock.now()).toBeLessThanOrEqual(1000);

    local.clock.advance(first.due - local.clock.now());
    const second = await failed(queueArn(missing), 2);
    expect(second.due - local.clock.now()).toBeGreaterThanOrEqual(1000);
    expect(second.due - local.clock.now()).toBeLessThanOrEqual(2000);

    const { QueueUrl } = await local.sqs.send(new CreateQueueCommand({ QueueName: missing }));
    local.clock.advance(second.due - local.clock.now());
    expect(await receiveBodies(local.sqs, QueueUrl!, 1)).toEqual([expect.objectContaining({ id })]);
    expect(pendingFor(queueArn(missing))).toBeUndefined();
  });

  it('sends the event to the dead-letter queue with AWS attributes once the retries are spent', async () => {
    const missing = queueArn(unique('never'));
    const { source, ruleArn } = await route({
      Arn: missing,
      RetryPolicy: { MaximumRetryAttempts: 2 },
      DeadLetterConfig: { Arn: DLQ },
    });
    const id = await put(source, { lost: true });
    for (const attempts of [1, 2]) {
      const delivery = await failed(missing, attempts);
      local.clock.advance(delivery.due - local.clock.now());
    }
    const [message] = await receive(local.sqs, dlqUrl(), 1);
    expect(JSON.parse(message.Body!)).toMatchObject({ id, detail: { lost: true } });
    const attribute = (name: string) => message.MessageAttributes![name]?.StringValue;
    expect({
      RULE_ARN: attribute('RULE_ARN'),
      TARGET_ARN: attribute('TARGET_ARN'),
      ERROR_CODE: attribute('ERROR_CODE'),
      ERROR_MESSAGE: attribute('ERROR_MESSAGE'),
      EXHAUSTED_RETRY_CONDITION: attribute('EXHAUSTED_RETRY_CONDITION'),
      RETRY_ATTEMPTS: attribute('RETRY_ATTEMPTS'),
    }).toEqual({
      RULE_ARN: ruleArn,
      TARGET_ARN: missing,
      ERROR_CODE: 'NO_RESOURCE',
      ERROR_MESSAGE: 'The specified queue does not exist.',
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
      RETRY_ATTEMPTS: '2',
    });
  });

  it('stops retrying when the event is older than MaximumEventAgeInSeconds', async () => {
    const missing = queueArn(unique('never'));
    const { source } = await route({
      Arn: missing,
      RetryPolicy: { MaximumEventAgeInSeconds: 60 },
      DeadLetterConfig: { Arn: DLQ },
    });
    await put(source);
    await failed(missing, 1);
    local.clock.advance(61_000);
    const [message] = await receive(local.sqs, dlqUrl(), 1);
    expect(message.MessageAttributes!.EXHAUSTED_RETRY_CONDITION.StringValue).toBe('MaximumEventAgeInSeconds');
    expect(message.MessageAttributes!.RETRY_ATTEMPTS.StringValue).toBe('1');
  });

  it('reports a missing state machine as NO_RESOURCE', async () => {
    const machine = 'arn:aws:states:us-east-1:000000000000:stateMachine:notThere';
    const { source } = await route({
      Arn: machine,
      RetryPolicy: { MaximumRetryAttempts: 0 },
      DeadLetterConfig: { Arn: DLQ },
    });
    await put(source);
    const [message] = await receive(local.sqs, dlqUrl(), 1);
    expect(message.MessageAttributes!.ERROR_CODE.StringValue).toBe('NO_RESOURCE');
    expect(message.MessageAttributes!.ERROR_MESSAGE.StringValue).toBe(
      `State Machine Does Not Exist: '${machine}'`,
    );
  });

  it('sends an input that cannot be rendered straight to the dead-letter queue', async () => {
    const { source } = await route({
      Arn: queueArn('eb-inbox'),
      InputTransformer: { InputPathsMap: { d: '$.detail' }, InputTemplate: '{"detail": "<d>"}' },
      DeadLetterConfig: { Arn: DLQ },
    });
    await put(source);
    const [message] = await receive(local.sqs, dlqUrl(), 1);
    expect(message.MessageAttributes!.ERROR_CODE.StringValue).toBe('INVALID_JSON');
    expect(message.MessageAttributes!.EXHAUSTED_RETRY_CONDITION).toBeUndefined();
  });

  it('drops the event when the retries are spent and there is no dead-letter queue', async () => {
    const missing = queueArn(unique('never'));
    const { source } = await route({ Arn: missing, RetryPolicy: { MaximumRetryAttempts: 0 } });
    await put(source);
    await until(() => pendingFor(missing) === undefined);
    expect(local.runtime.events.store.deliveries().filter((d) => d.targetArn === missing)).toEqual([]);
  });
});
