import {
  CancelReplayCommand,
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  ListArchivesCommand,
  ListReplaysCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ManualClock } from '../../../infra/local/clock';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { eventBridgeClient, receiveBodies, unique } from '../../support/eventbridge';
import { startTestRuntime } from '../../support/local';
import { createQueue, sqsClient, until } from '../../support/sqs';

let runtime: LocalRuntime;
let clock: ManualClock;
let eb: EventBridgeClient;
let sqs: SQSClient;

beforeAll(async () => {
  ({ runtime, clock } = await startTestRuntime());
  eb = eventBridgeClient(runtime);
  sqs = sqsClient(runtime);
});
afterAll(async () => {
  eb.destroy();
  sqs.destroy();
  await runtime.close();
});

const ARN = 'arn:aws:events:us-east-1:000000000000';
const busArn = (name: string) => `${ARN}:event-bus/${name}`;

async function newBus(): Promise<string> {
  const name = unique('bus');
  await eb.send(new CreateEventBusCommand({ Name: name }));
  return name;
}

/** A rule on `bus` sending everything from `source` to a fresh queue. */
async function inbox(bus: string, source: string): Promise<{ queueUrl: string; ruleArn: string }> {
  const queueUrl = await createQueue(sqs, {}, 'replayed');
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const name = unique('rule');
  const { RuleArn } = await eb.send(
    new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify({ source: [source] }) }),
  );
  await eb.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: bus,
      Targets: [{ Id: 'q', Arn: Attributes!.QueueArn }],
    }),
  );
  return { queueUrl, ruleArn: RuleArn! };
}

async function put(bus: string, source: string, detail: object): Promise<string> {
  const { Entries } = await eb.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: bus, Source: source, DetailType: 'Thing Happened', Detail: JSON.stringify(detail) },
      ],
    }),
  );
  return Entries![0].EventId!;
}

async function replayDone(name: string) {
  let state: string | undefined;
  await until(async () => {
    state = (await eb.send(new DescribeReplayCommand({ ReplayName: name }))).State;
    return state === 'COMPLETED' || state === 'FAILED' || state === 'CANCELLED';
  });
  return eb.send(new DescribeReplayCommand({ ReplayName: name }));
}

describe('archives', () => {
  it('creates, describes, lists and deletes an archive', async () => {
    const bus = await newBus();
    const name = unique('archive');
    const pattern = JSON.stringify({ source: ['lectern.kept'] });
    const created = await eb.send(
      new CreateArchiveCommand({
        ArchiveName: name,
        EventSourceArn: busArn(bus),
        Description: 'kept',
        EventPattern: pattern,
        RetentionDays: 1,
      }),
    );
    expect(created).toMatchObject({ ArchiveArn: `${ARN}:archive/${name}`, State: 'ENABLED' });
    expect(created.CreationTime).toBeInstanceOf(Date);
    expect(await eb.send(new DescribeArchiveCommand({ ArchiveName: name }))).toMatchObject({
      ArchiveArn: `${ARN}:archive/${name}`,
      ArchiveName: name,
      EventSourceArn: busArn(bus),
      Description: 'kept',
      EventPattern: pattern,
      State: 'ENABLED',
      RetentionDays: 1,
      EventCount: 0,
      SizeBytes: 0,
    });
    const { Archives } = await eb.send(new ListArchivesCommand({ EventSourceArn: busArn(bus) }));
    expect(Archives!.map((a) => a.ArchiveName)).toEqual([name]);
    await eb.send(new DeleteArchiveCommand({ ArchiveName: name }));
    await expect(eb.send(new DescribeArchiveCommand({ ArchiveName: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Archive ${name} does not exist.`,
    });
  });

  it('keeps the events of its bus that match its pattern', async () => {
    const bus = await newBus();
    const name = unique('archive');
    await eb.send(
      new CreateArchiveCommand({
        ArchiveName: name,
        EventSourceArn: busArn(bus),
        EventPattern: JSON.stringify({ detail: { keep: [true] } }),
      }),
    );
    await put(bus, 'lectern.a', { keep: true });
    await put(bus, 'lectern.a', { keep: false });
    await put('default', 'lectern.a', { keep: true });
    const archive = await eb.send(new DescribeArchiveCommand({ ArchiveName: name }));
    expect(archive.EventCount).toBe(1);
    expect(archive.SizeBytes).toBeGreaterThan(100);
  });

  it('forgets events older than its retention', async () => {
    const bus = await newBus();
    const name = unique('archive');
    await eb.send(
      new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArn(bus), RetentionDays: 1 }),
    );
    await put(bus, 'lectern.old', { n: 1 });
    clock.advance(86_400_000 + 3_600_000);
    await put(bus, 'lectern.new', { n: 2 });
    expect((await eb.send(new DescribeArchiveCommand({ ArchiveName: name }))).EventCount).toBe(1);
  });

  it('lists archives by name prefix', async () => {
    const bus = await newBus();
    const prefix = unique('listed');
    for (const n of [1, 2]) {
      await eb.send(new CreateArchiveCommand({ ArchiveName: `${prefix}-${n}`, EventSourceArn: busArn(bus) }));
    }
    const { Archives } = await eb.send(new ListArchivesCommand({ NamePrefix: prefix }));
    expect(Archives!.map((a) => a.ArchiveName)).toEqual([`${prefix}-1`, `${prefix}-2`]);
  });

  it('refuses an archive for a bus that does not exist', async () => {
    await expect(
      eb.send(
        new CreateArchiveCommand({ ArchiveName: unique('archive'), EventSourceArn: busArn('nowhere') }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus nowhere does not exist.',
    });
  });

  it('refuses an archive that exists already', async () => {
    const bus = await newBus();
    const name = unique('archive');
    await eb.send(new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArn(bus) }));
    await expect(
      eb.send(new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArn(bus) })),
    ).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: `Archive ${name} already exists.`,
    });
  });

  it('refuses an invalid archive pattern', async () => {
    await expect(
      eb.send(
        new CreateArchiveCommand({
          ArchiveName: unique('archive'),
          EventSourceArn: busArn('default'),
          EventPattern: '{}',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
  });

  it('lists with one filter at most', async () => {
    await expect(
      eb.send(new ListArchivesCommand({ NamePrefix: 'a', EventSourceArn: busArn('default') })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        'At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.',
    });
  });

  it('answers ResourceNotFoundException when listing for a bus that does not exist', async () => {
    await expect(
      eb.send(new ListArchivesCommand({ EventSourceArn: busArn('nowhere') })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus nowhere does not exist.',
    });
  });
});

describe('replays', () => {
  /** A bus with an archive, two rules for `source`, and two events archived an hour apart. */
  async function archivedBus() {
    const bus = await newBus();
    const archive = unique('archive');
    await eb.send(new CreateArchiveCommand({ ArchiveName: archive, EventSourceArn: busArn(bus) }));
    const source = unique('lectern.replay');
    const first = await inbox(bus, source);
    const second = await inbox(bus, source);
    const start = clock.now();
    const ids = [await put(bus, source, { n: 1 })];
    clock.advance(3_600_000);
    ids.push(await put(bus, source, { n: 2 }));
    await receiveBodies(sqs, first.queueUrl, 2);
    await receiveBodies(sqs, second.queueUrl, 2);
    clock.advance(1000);
    return { bus, archive, source, first, second, start, ids };
  }

  it('sends the archived events again to the rules of the bus, with replay-name', async () => {
    const { bus, archive, first, second, start, ids } = await archivedBus();
    const name = unique('replay');
    const started = await eb.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: `${ARN}:archive/${archive}`,
        EventStartTime: new Date(start),
        EventEndTime: new Date(clock.now()),
        Destination: { Arn: busArn(bus) },
      }),
    );
    expect(started).toMatchObject({ ReplayArn: `${ARN}:replay/${name}`, State: 'STARTING' });
    for (const { queueUrl } of [first, second]) {
      const events = (await receiveBodies(sqs, queueUrl, 2)) as Array<Record<string, unknown>>;
      expect(events.map((e) => e.id)).toEqual(ids);
      expect(events.every((e) => e['replay-name'] === name)).toBe(true);
      expect(Object.keys(events[0]).indexOf('replay-name')).toBe(
        Object.keys(events[0]).indexOf('region') + 1,
      );
    }
    const replay = await replayDone(name);
    expect(replay).toMatchObject({
      ReplayName: name,
      State: 'COMPLETED',
      EventSourceArn: `${ARN}:archive/${archive}`,
      Destination: { Arn: busArn(bus) },
    });
    expect(replay.EventLastReplayedTime!.getTime()).toBe(start + 3_600_000);
    expect(replay.ReplayEndTime).toBeInstanceOf(Date);
  });

  it('sends only to the rules named in FilterArns', async () => {
    const { bus, archive, first, second, start } = await archivedBus();
    const name = unique('replay');
    await eb.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: `${ARN}:archive/${archive}`,
        EventStartTime: new Date(start),
        EventEndTime: new Date(clock.now()),
        Destination: { Arn: busArn(bus), FilterArns: [second.ruleArn] },
      }),
    );
    await replayDone(name);
    expect(await receiveBodies(sqs, second.queueUrl, 2)).toHaveLength(2);
    expect(runtime.events.dispatcher.pending()).toEqual([]);
    expect(
      await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: first.queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      ),
    ).toMatchObject({
      Attributes: { ApproximateNumberOfMessages: '0' },
    });
  });

  it('replays only the events received in the time range, and does not archive them again', async () => {
    const { bus, archive, first, start, ids } = await archivedBus();
    const name = unique('replay');
    await eb.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: `${ARN}:archive/${archive}`,
        EventStartTime: new Date(start + 1000),
        EventEndTime: new Date(clock.now()),
        Destination: { Arn: busArn(bus), FilterArns: [first.ruleArn] },
      }),
    );
    await replayDone(name);
    expect(((await receiveBodies(sqs, first.queueUrl, 1)) as Array<{ id: string }>).map((e) => e.id)).toEqual(
      [ids[1]],
    );
    expect((await eb.send(new DescribeArchiveCommand({ ArchiveName: archive }))).EventCount).toBe(2);
  });

  it('lists replays by name prefix and archive', async () => {
    const { bus, archive, start } = await archivedBus();
    const name = unique('listed-replay');
    await eb.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: `${ARN}:archive/${archive}`,
        EventStartTime: new Date(start),
        EventEndTime: new Date(clock.now()),
        Destination: { Arn: busArn(bus), FilterArns: [] },
      }),
    );
    await replayDone(name);
    const byPrefix = await eb.send(new ListReplaysCommand({ NamePrefix: name }));
    const byArchive = await eb.send(new ListReplaysCommand({ EventSourceArn: `${ARN}:archive/${archive}` }));
    expect(byPrefix.Replays).toEqual([expect.objectContaining({ ReplayName: name, State: 'COMPLETED' })]);
    expect(byArchive.Replays!.map((r) => r.ReplayName)).toEqual([name]);
  });

  it('does not cancel a finished replay', async () => {
    const { bus, archive, start } = await archivedBus();
    const name = unique('replay');
    await eb.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: `${ARN}:archive/${archive}`,
        EventStartTime: new Date(start),
        EventEndTime: new Date(clock.now()),
        Destination: { Arn: busArn(bus) },
      }),
    );
    await replayDone(name);
    await expect(eb.send(new CancelReplayCommand({ ReplayName: name }))).rejects.toMatchObject({
      name: 'IllegalStatusException',
    });
  });

  it('refuses what AWS refuses', async () => {
    const { bus, archive, start } = await archivedBus();
    const other = await newBus();
    const name = unique('replay');
    const request = {
      ReplayName: name,
      EventSourceArn: `${ARN}:archive/${archive}`,
      EventStartTime: new Date(start),
      EventEndTime: new Date(clock.now()),
      Destination: { Arn: busArn(bus) },
    };
    await expect(
      eb.send(new StartReplayCommand({ ...request, EventEndTime: new Date(start) })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
    });
    await expect(
      eb.send(new StartReplayCommand({ ...request, EventSourceArn: `${ARN}:archive/missing` })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter EventSourceArn is not valid. Reason: Archive missing does not exist.',
    });
    await expect(
      eb.send(new StartReplayCommand({ ...request, Destination: { Arn: busArn(other) } })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
    });
    await expect(
      eb.send(new StartReplayCommand({ ...request, Destination: { Arn: busArn('nowhere') } })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus nowhere does not exist.',
    });
    await eb.send(new StartReplayCommand(request));
    await expect(eb.send(new StartReplayCommand(request))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: `Replay ${name} already exists.`,
    });
    await expect(eb.send(new DescribeReplayCommand({ ReplayName: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Replay missing does not exist.',
    });
  });
});

describe('cancelling a replay', () => {
  it('stops a replay between two steps', async () => {
    const bus = await newBus();
    const archive = unique('archive');
    await eb.send(new CreateArchiveCommand({ ArchiveName: archive, EventSourceArn: busArn(bus) }));
    const source = unique('lectern.cancel');
    const start = clock.now();
    for (let batch = 0; batch < 15; batch++) {
      await eb.send(
        new PutEventsCommand({
          Entries: Array.from({ length: 10 }, () => ({
            EventBusName: bus,
            Source: source,
            DetailType: 'Thing Happened',
            Detail: '{}',
          })),
        }),
      );
    }
    const { queueUrl } = await inbox(bus, source);
    clock.advance(1000);
    const name = unique('replay');
    await eb.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: `${ARN}:archive/${archive}`,
        EventStartTime: new Date(start),
        EventEndTime: new Date(clock.now()),
        Destination: { Arn: busArn(bus) },
      }),
    );
    expect((await eb.send(new DescribeReplayCommand({ ReplayName: name }))).State).toBe('RUNNING');
    expect(await eb.send(new CancelReplayCommand({ ReplayName: name }))).toMatchObject({
      ReplayArn: `${ARN}:replay/${name}`,
      State: 'CANCELLING',
    });
    clock.advance(0);
    expect((await replayDone(name)).State).toBe('CANCELLED');
    expect(await receiveBodies(sqs, queueUrl, 100)).toHaveLength(100);
    expect(runtime.events.dispatcher.pending()).toEqual([]);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Attributes!.ApproximateNumberOfMessages).toBe('0');
  });
});
