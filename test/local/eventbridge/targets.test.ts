import {
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { unique } from '../../support/eventbridge';
import { EMPTY_TOPOLOGY, useRuntime } from '../../support/local';

const local = useRuntime(EMPTY_TOPOLOGY, { eb: EventBridgeClient });

const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:inbox';
const FUNCTION = 'arn:aws:lambda:us-east-1:000000000000:function:record';
const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:flow';

async function rule(): Promise<string> {
  const name = unique('rule');
  await local.eb.send(new PutRuleCommand({ Name: name, EventPattern: '{"source":["lectern.test"]}' }));
  return name;
}

const put = (Rule: string, Targets: Target[]) => local.eb.send(new PutTargetsCommand({ Rule, Targets }));

describe('PutTargets, ListTargetsByRule, RemoveTargets', () => {
  it('adds, lists and removes targets of the three kinds', async () => {
    const name = await rule();
    const targets: Target[] = [
      { Id: 'queue', Arn: QUEUE, InputPath: '$.detail', DeadLetterConfig: { Arn: `${QUEUE}-dlq` } },
      { Id: 'function', Arn: FUNCTION, Input: '{"fixed":true}', RetryPolicy: { MaximumRetryAttempts: 3 } },
      {
        Id: 'machine',
        Arn: MACHINE,
        InputTransformer: { InputPathsMap: { who: '$.detail.who' }, InputTemplate: '{"name": <who>}' },
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
      },
    ];
    expect(await put(name, targets)).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    expect((await local.eb.send(new ListTargetsByRuleCommand({ Rule: name }))).Targets).toEqual(targets);

    await local.eb.send(new RemoveTargetsCommand({ Rule: name, Ids: ['queue', 'machine'] }));
    expect(
      (await local.eb.send(new ListTargetsByRuleCommand({ Rule: name }))).Targets!.map((t) => t.Id),
    ).toEqual(['function']);
  });

  it('replaces a target with the same Id', async () => {
    const name = await rule();
    await put(name, [{ Id: 't', Arn: QUEUE }]);
    await put(name, [{ Id: 't', Arn: FUNCTION }]);
    expect((await local.eb.send(new ListTargetsByRuleCommand({ Rule: name }))).Targets).toEqual([
      { Id: 't', Arn: FUNCTION },
    ]);
  });

  it('pages through the targets', async () => {
    const name = await rule();
    await put(
      name,
      [1, 2, 3].map((n) => ({ Id: `t${n}`, Arn: QUEUE })),
    );
    const first = await local.eb.send(new ListTargetsByRuleCommand({ Rule: name, Limit: 2 }));
    const second = await local.eb.send(
      new ListTargetsByRuleCommand({ Rule: name, Limit: 2, NextToken: first.NextToken }),
    );
    expect([...first.Targets!, ...second.Targets!].map((t) => t.Id)).toEqual(['t1', 't2', 't3']);
  });

  it('reports targets of a service the local runtime cannot deliver to as failed entries', async () => {
    const name = await rule();
    const topic = 'arn:aws:sns:us-east-1:000000000000:topic';
    const answer = await put(name, [
      { Id: 'ok', Arn: QUEUE },
      { Id: 'sns', Arn: topic },
    ]);
    expect(answer.FailedEntryCount).toBe(1);
    expect(answer.FailedEntries).toEqual([
      expect.objectContaining({ TargetId: 'sns', ErrorCode: 'ValidationException' }),
    ]);
    expect(
      (await local.eb.send(new ListTargetsByRuleCommand({ Rule: name }))).Targets!.map((t) => t.Id),
    ).toEqual(['ok']);
  });

  it('allows five targets on a rule, no more', async () => {
    const name = await rule();
    await put(
      name,
      [1, 2, 3, 4, 5].map((n) => ({ Id: `t${n}`, Arn: QUEUE })),
    );
    // LimitExceededException is one the SDK retries; one attempt is enough to see it.
    const once = local.client(EventBridgeClient, { maxAttempts: 1 });
    await expect(
      once.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: 't6', Arn: QUEUE }] })),
    ).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'The requested resource exceeds the maximum number allowed.',
    });
  });

  it('answers ResourceNotFoundException for a rule that does not exist', async () => {
    await expect(put('missing', [{ Id: 't', Arn: QUEUE }])).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule missing does not exist on EventBus default.',
    });
  });
});

describe('target checks', () => {
  it('checks the Id as AWS does', async () => {
    const name = await rule();
    await expect(put(name, [{ Id: '!@#$@!#$', Arn: QUEUE }])).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    });
    await expect(put(name, [{ Id: 'x'.repeat(65), Arn: QUEUE }])).rejects.toMatchObject({
      message: `1 validation error detected: Value '${'x'.repeat(65)}' at 'targets.1.member.id' failed to satisfy constraint: Member must have length less than or equal to 64`,
    });
  });

  it('takes one of Input, InputPath and InputTransformer', async () => {
    const name = await rule();
    await expect(
      put(name, [
        {
          Id: 'both',
          Arn: QUEUE,
          InputPath: '$.detail',
          InputTransformer: { InputPathsMap: { a: '$.a' }, InputTemplate: '<a>' },
        },
      ]),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Only one of Input, InputPath, or InputTransformer must be provided for target both.',
    });
  });

  it('refuses a template placeholder that is not defined', async () => {
    const name = await rule();
    await expect(
      put(name, [
        {
          Id: 't',
          Arn: QUEUE,
          InputTransformer: {
            InputPathsMap: { 'detail-type': '$.detail-type' },
            InputTemplate: '"Event of <detail-type> type, with not defined key <notdefinedkey>"',
          },
        },
      ]),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'InputTemplate for target t contains invalid placeholder notdefinedkey.',
    });
  });

  it('accepts the predefined variables without a paths map', async () => {
    const name = await rule();
    const template = '{"rule": <aws.events.rule-arn>, "event": <aws.events.event.json>}';
    await expect(
      put(name, [{ Id: 't', Arn: QUEUE, InputTransformer: { InputTemplate: template } }]),
    ).resolves.toMatchObject({ FailedEntryCount: 0 });
  });

  it('bounds the retry policy', async () => {
    const name = await rule();
    await expect(
      put(name, [
        { Id: 't', Arn: QUEUE, RetryPolicy: { MaximumRetryAttempts: 186, MaximumEventAgeInSeconds: 59 } },
      ]),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "2 validation errors detected: Value '186' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185; Value '59' at 'targets.1.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
    });
  });

  it('needs constant input to be JSON', async () => {
    const name = await rule();
    await expect(put(name, [{ Id: 't', Arn: QUEUE, Input: 'not json' }])).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('needs a valid JSON path', async () => {
    const name = await rule();
    await expect(put(name, [{ Id: 't', Arn: QUEUE, InputPath: 'detail' }])).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('needs an ARN', async () => {
    const name = await rule();
    await expect(put(name, [{ Id: 't', Arn: 'inbox' }])).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter inbox is not valid. Reason: Provided Arn is not in correct format.',
    });
  });

  it('needs an SQS queue as dead-letter queue', async () => {
    const name = await rule();
    await expect(
      put(name, [{ Id: 't', Arn: QUEUE, DeadLetterConfig: { Arn: FUNCTION } }]),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('changes nothing when a request is refused', async () => {
    const name = await rule();
    await expect(
      put(name, [
        { Id: 'fine', Arn: QUEUE },
        { Id: 'bad', Arn: QUEUE, Input: 'not json' },
      ]),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    expect((await local.eb.send(new ListTargetsByRuleCommand({ Rule: name }))).Targets).toEqual([]);
  });
});
