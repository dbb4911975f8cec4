import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  PutRuleCommand,
  PutTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { unique } from '../../support/eventbridge';
import { EMPTY_TOPOLOGY, useRuntime } from '../../support/local';

const local = useRuntime(EMPTY_TOPOLOGY, { eb: EventBridgeClient });

const ARN = 'arn:aws:events:us-east-1:000000000000';
const pattern = JSON.stringify({ source: ['lectern.test'] });

describe('event buses', () => {
  it('creates, describes, lists and deletes a bus', async () => {
    const name = unique('bus');
    const created = await local.eb.send(new CreateEventBusCommand({ Name: name, Description: 'for tests' }));
    expect(created).toMatchObject({ EventBusArn: `${ARN}:event-bus/${name}`, Description: 'for tests' });

    const described = await local.eb.send(new DescribeEventBusCommand({ Name: name }));
    expect(described).toMatchObject({
      Name: name,
      Arn: `${ARN}:event-bus/${name}`,
      Description: 'for tests',
    });
    expect(described.CreationTime).toBeInstanceOf(Date);

    const { EventBuses } = await local.eb.send(new ListEventBusesCommand({ NamePrefix: name }));
    expect(EventBuses!.map((b) => b.Name)).toEqual([name]);

    await local.eb.send(new DeleteEventBusCommand({ Name: name }));
    await expect(local.eb.send(new DescribeEventBusCommand({ Name: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Event bus ${name} does not exist.`,
    });
  });

  it('always has the default bus, described when no name is given', async () => {
    expect(await local.eb.send(new DescribeEventBusCommand({}))).toMatchObject({
      Name: 'default',
      Arn: `${ARN}:event-bus/default`,
    });
  });

  it('describes a bus given by ARN', async () => {
    expect(
      (await local.eb.send(new DescribeEventBusCommand({ Name: `${ARN}:event-bus/default` }))).Name,
    ).toBe('default');
  });

  it('pages through the buses', async () => {
    const prefix = unique('paged');
    for (const n of [1, 2, 3]) await local.eb.send(new CreateEventBusCommand({ Name: `${prefix}-${n}` }));
    const first = await local.eb.send(new ListEventBusesCommand({ NamePrefix: prefix, Limit: 2 }));
    const second = await local.eb.send(
      new ListEventBusesCommand({ NamePrefix: prefix, Limit: 2, NextToken: first.NextToken }),
    );
    expect([...first.EventBuses!, ...second.EventBuses!].map((b) => b.Name)).toEqual(
      [1, 2, 3].map((n) => `${prefix}-${n}`),
    );
    expect(second.NextToken).toBeUndefined();
  });

  it('refuses a bus that exists already', async () => {
    await expect(local.eb.send(new CreateEventBusCommand({ Name: 'default' }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'Event bus default already exists.',
    });
  });

  it('refuses a name with characters AWS does not allow', async () => {
    await expect(local.eb.send(new CreateEventBusCommand({ Name: 'bad name' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+",
    });
  });

  it('does not delete the default bus', async () => {
    await expect(local.eb.send(new DeleteEventBusCommand({ Name: 'default' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Cannot delete event bus default.',
    });
  });

  it('deletes a bus that does not exist without error', async () => {
    await expect(local.eb.send(new DeleteEventBusCommand({ Name: unique('never') }))).resolves.toBeDefined();
  });

  it('deletes the rules of a deleted bus', async () => {
    const bus = unique('doomed');
    await local.eb.send(new CreateEventBusCommand({ Name: bus }));
    await local.eb.send(new PutRuleCommand({ Name: 'r', EventBusName: bus, EventPattern: pattern }));
    await local.eb.send(new DeleteEventBusCommand({ Name: bus }));
    await local.eb.send(new CreateEventBusCommand({ Name: bus }));
    expect((await local.eb.send(new ListRulesCommand({ EventBusName: bus }))).Rules).toEqual([]);
  });
});

describe('rules', () => {
  it('creates a rule on the default bus with a rule/<name> ARN', async () => {
    const name = unique('rule');
    const { RuleArn } = await local.eb.send(new PutRuleCommand({ Name: name, EventPattern: pattern }));
    expect(RuleArn).toBe(`${ARN}:rule/${name}`);
  });

  it('creates a rule on a custom bus with a rule/<bus>/<name> ARN', async () => {
    const bus = unique('bus');
    await local.eb.send(new CreateEventBusCommand({ Name: bus }));
    const { RuleArn } = await local.eb.send(
      new PutRuleCommand({ Name: 'r1', EventBusName: bus, EventPattern: pattern }),
    );
    expect(RuleArn).toBe(`${ARN}:rule/${bus}/r1`);
  });

  it('describes a rule', async () => {
    const name = unique('rule');
    await local.eb.send(
      new PutRuleCommand({ Name: name, EventPattern: pattern, Description: 'd', State: 'DISABLED' }),
    );
    expect(await local.eb.send(new DescribeRuleCommand({ Name: name }))).toMatchObject({
      Name: name,
      Arn: `${ARN}:rule/${name}`,
      EventPattern: pattern,
      State: 'DISABLED',
      Description: 'd',
      EventBusName: 'default',
      CreatedBy: '000000000000',
    });
  });

  it('replaces a rule with what PutRule gives (an omitted state is ENABLED, an omitted description gone)', async () => {
    const name = unique('rule');
    await local.eb.send(
      new PutRuleCommand({ Name: name, EventPattern: pattern, Description: 'd', State: 'DISABLED' }),
    );
    const other = JSON.stringify({ source: ['other'] });
    await local.eb.send(new PutRuleCommand({ Name: name, EventPattern: other }));
    const rule = await local.eb.send(new DescribeRuleCommand({ Name: name }));
    expect(rule).toMatchObject({ EventPattern: other, State: 'ENABLED' });
    expect(rule.Description).toBeUndefined();
  });

  it('lists rules by prefix, page by page', async () => {
    const bus = unique('listing');
    await local.eb.send(new CreateEventBusCommand({ Name: bus }));
    for (const name of ['b', 'a', 'c', 'x']) {
      await local.eb.send(
        new PutRuleCommand({ Name: `p-${name}`, EventBusName: bus, EventPattern: pattern }),
      );
    }
    await local.eb.send(new PutRuleCommand({ Name: 'q', EventBusName: bus, EventPattern: pattern }));
    const first = await local.eb.send(
      new ListRulesCommand({ EventBusName: bus, NamePrefix: 'p-', Limit: 3 }),
    );
    const second = await local.eb.send(
      new ListRulesCommand({ EventBusName: bus, NamePrefix: 'p-', Limit: 3, NextToken: first.NextToken }),
    );
    expect(first.Rules!.map((r) => r.Name)).toEqual(['p-a', 'p-b', 'p-c']);
    expect(second.Rules!.map((r) => r.Name)).toEqual(['p-x']);
    expect(first.Rules![0]).toMatchObject({ EventBusName: bus, State: 'ENABLED', EventPattern: pattern });
  });

  it('disables and enables a rule', async () => {
    const name = unique('rule');
    await local.eb.send(new PutRuleCommand({ Name: name, EventPattern: pattern }));
    await local.eb.send(new DisableRuleCommand({ Name: name }));
    expect((await local.eb.send(new DescribeRuleCommand({ Name: name }))).State).toBe('DISABLED');
    await local.eb.send(new EnableRuleCommand({ Name: name }));
    expect((await local.eb.send(new DescribeRuleCommand({ Name: name }))).State).toBe('ENABLED');
  });

  it('deletes a rule, and a rule that does not exist without error', async () => {
    const name = unique('rule');
    await local.eb.send(new PutRuleCommand({ Name: name, EventPattern: pattern }));
    await local.eb.send(new DeleteRuleCommand({ Name: name }));
    await expect(local.eb.send(new DescribeRuleCommand({ Name: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(local.eb.send(new DeleteRuleCommand({ Name: name }))).resolves.toBeDefined();
  });

  it('does not delete a rule that has targets', async () => {
    const name = unique('rule');
    await local.eb.send(new PutRuleCommand({ Name: name, EventPattern: pattern }));
    await local.eb.send(
      new PutTargetsCommand({
        Rule: name,
        Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }],
      }),
    );
    await expect(local.eb.send(new DeleteRuleCommand({ Name: name }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });
  });

  it('answers ResourceNotFoundException for a rule that does not exist', async () => {
    await expect(local.eb.send(new DescribeRuleCommand({ Name: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule missing does not exist on EventBus default.',
    });
  });

  it('answers ResourceNotFoundException for a bus that does not exist', async () => {
    await expect(
      local.eb.send(new PutRuleCommand({ Name: 'r', EventBusName: 'nowhere', EventPattern: pattern })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus nowhere does not exist.',
    });
  });

  it('refuses an invalid pattern with AWS reason', async () => {
    await expect(
      local.eb.send(new PutRuleCommand({ Name: 'r', EventPattern: JSON.stringify({ source: 'lectern' }) })),
    ).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: "source" must be an object or an array',
    });
  });

  it('needs an event pattern', async () => {
    await expect(local.eb.send(new PutRuleCommand({ Name: 'r' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter(s) EventPattern or ScheduleExpression must be specified.',
    });
  });

  it('reports every broken constraint at once', async () => {
    await expect(
      local.eb.send(new PutRuleCommand({ Name: 'bad name', EventPattern: pattern, State: 'ON' as never })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "2 validation errors detected: Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]; Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    });
  });
});

describe('TestEventPattern', () => {
  const event = JSON.stringify({
    id: '1',
    source: 'lectern.test',
    'detail-type': 'Thing Happened',
    account: '000000000000',
    region: 'us-east-1',
    time: '2026-01-01T00:00:00Z',
    detail: { n: 5 },
  });

  it('answers whether the pattern matches', async () => {
    const matches = async (p: object) =>
      (await local.eb.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(p), Event: event })))
        .Result;
    expect(await matches({ detail: { n: [{ numeric: ['>', 1] }] } })).toBe(true);
    expect(await matches({ detail: { n: [{ numeric: ['>', 5] }] } })).toBe(false);
  });

  it('refuses an event without the members every event has', async () => {
    await expect(
      local.eb.send(
        new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify({ source: 'x' }) }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'Parameter Event is not valid.' });
  });

  it('refuses an event that is not a JSON object', async () => {
    await expect(
      local.eb.send(new TestEventPatternCommand({ EventPattern: pattern, Event: '"text"' })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'Parameter Event is not valid.' });
  });

  it('refuses an invalid pattern', async () => {
    await expect(
      local.eb.send(new TestEventPatternCommand({ EventPattern: '{"a":[{"numeric":10}]}', Event: event })),
    ).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: Value of numeric must be an array.',
    });
  });
});
