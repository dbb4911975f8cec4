import {
  CancelReplayCommand,
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  ListArchivesCommand,
  ListReplaysCommand,
  PutEventsCommand,
  StartReplayCommand,
  type StartReplayCommandInput,
} from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { inbox, receiveBodies, unique } from '../../support/eventbridge';
import { EMPTY_TOPOLOGY, useRuntime } from '../../support/local';
import { until } from '../../support/sqs';

const local = useRuntime(EMPTY_TOPOLOGY, { eb: EventBridgeClient, sqs: SQSClient });

const ARN = 'arn:aws:events:us-east-1:000000000000';
const busArn = (name: string) => `${ARN}:event-bus/${name}`;

async function newBus(): Promise<string> {
  const name = unique('bus');
  await local.eb.send(new CreateEventBusCommand({ Name: name }));
  return name;
}

async function put(bus: string, source: string, detail: object): Promise<string> {
  const { Entries } = await local.eb.send(
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
    state = (await local.eb.send(new DescribeReplayCommand({ ReplayName: name }))).State;
    return state === 'COMPLETED' || state === 'FAILED' || state === 'CANCELLED';
  });
  return local.eb.send(new DescribeReplayCommand({ ReplayName: name }));
}

/** StartReplay of what `archive` received since `start`, onto `bus` (to the rules in `filterArns` only, if given). */
function replayRequest(
  name: string,
  { bus, archive, start }: { bus: string; archive: string; start: number },
  filterArns?: string[],
): StartReplayCommandInput {
  return {
    ReplayName: name,
    EventSourceArn: `${ARN}:archive/${archive}`,
    EventStartTime: new Date(start),
    EventEndTime: new Date(local.clock.now()),
    Destination: { Arn: busArn(bus), ...(filterArns ? { FilterArns: filterArns } : {}) },
  };
}

describe('archives', () => {
  it('creates, describes, lists and deletes an archive', async () => {
    const bus = await newBus();
    const name = unique('archive');
    const pattern = JSON.stringify({ source: ['lectern.kept'] });
    const created = await local.eb.send(
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
    expect(await local.eb.send(new DescribeArchiveCommand({ ArchiveName: name }))).toMatchObject({
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
    const { Archives } = await local.eb.send(new ListArchivesCommand({ EventSourceArn: busArn(bus) }));
    expect(Archives!.map((a) => a.ArchiveName)).toEqual([name]);
    await local.eb.send(new DeleteArchiveCommand({ ArchiveName: name }));
    await expect(local.eb.send(new DescribeArchiveCommand({ ArchiveName: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Archive ${name} does not exist.`,
    });
  });

  it('keeps the events of its bus that match its pattern', async () => {
    const bus = await newBus();
    const name = unique('archive');
    await local.eb.send(
      new CreateArchiveCommand({
        ArchiveName: name,
        EventSourceArn: busArn(bus),
        EventPattern: JSON.stringify({ detail: { keep: [true] } }),
      }),
    );
    await put(bus, 'lectern.a', { keep: true });
    await put(bus, 'lectern.a', { keep: false });
    await put('default', 'lectern.a', { keep: true });
    const archive = await local.eb.send(new DescribeArchiveCommand({ ArchiveName: name }));
    expect(archive.EventCount).toBe(1);
    expect(archive.SizeBytes).toBeGreaterThan(100);
  });

  it('forgets events older than its retention', async () => {
    const bus = await newBus();
    const name = unique('archive');
    await local.eb.send(
      new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArn(bus), RetentionDays: 1 }),
    );
    await put(bus, 'lectern.old', { n: 1 });
    local.clock.advance(86_400_000 + 3_600_000);
    await put(bus, 'lectern.new', { n: 2 });
    expect((await local.eb.send(new DescribeArchiveCommand({ ArchiveName: name }))).EventCount).toBe(1);
  });

  it('lists archives by name prefix', async () => {
    const bus = await newBus();
    const prefix = unique('listed');
    for (const n of [1, 2]) {
      await local.eb.send(
        new CreateArchiveCommand({ ArchiveName: `${prefix}-${n}`, EventSourceArn: busArn(bus) }),
      );
    }
    const { Archives } = await local.eb.send(new ListArchivesCommand({ NamePrefix: prefix }));
    expect(Archives!.map((a) => a.ArchiveName)).toEqual([`${prefix}-1`, `${prefix}-2`]);
  });

  it('refuses an archive for a bus that does not exist', async () => {
    await expect(
      local.eb.send(
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
    await local.eb.send(new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArn(bus) }));
    await expect(
      local.eb.send(new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArn(bus) })),
    ).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: `Archive ${name} already exists.`,
    });
  });

  it('refuses an invalid archive pattern', async () => {
    await expect(
      local.eb.send(
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
      local.eb.send(new ListArchivesCommand({ NamePrefix: 'a', EventSourceArn: busArn('default') })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        'At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.',
    });
  });

  it('answers ResourceNotFoundException when listing for a bus that does not exist', async () => {
    await expect(
      local.eb.send(new ListArchivesCommand({ EventSourceArn: busArn('nowhere') })),
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
    await local.eb.send(new CreateArchiveCommand({ ArchiveName: archive, EventSourceArn: busArn(bus) }));
    const source = unique('lectern.replay');
    const first = await inbox(local, source, bus);
    const second = await inbox(local, source, bus);
    const start = local.clock.now();
    const ids = [await put(bus, source, { n: 1 })];
    local.clock.advance(3_600_000);
    ids.push(await put(bus, source, { n: 2 }));
    await receiveBodies(local.sqs, first.queueUrl, 2);
    await receiveBodies(local.sqs, second.queueUrl, 2);
    local.clock.advance(1000);
    return { bus, archive, source, first, second, start, ids };
  }

  it('sends the archived events again to the rules of the bus, with replay-name', async () => {
    const { bus, archive, first, second, start, ids } = await archivedBus();
    const name = unique('replay');
    const started = await local.eb.send(new StartReplayCommand(replayRequest(name, { bus, archive, start })));
    expect(started).toMatchObject({ ReplayArn: `${ARN}:replay/${name}`, State: 'STARTING' });
    for (const { queueUrl } of [first, second]) {
      const events = (await receiveBodies(local.sqs, queueUrl, 2)) as Array<Record<string, unknown>>;
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
    await local.eb.send(
      new StartReplayCommand(replayRequest(name, { bus, archive, start }, [second.ruleArn])),
    );
    await replayDone(name);
    expect(await receiveBodies(local.sqs, second.queueUrl, 2)).toHaveLength(2);
    expect(local.runtime.events.dispatcher.pending()).toEqual([]);
    expect(
      await local.sqs.send(
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
    await local.eb.send(
      new StartReplayCommand(replayRequest(name, { bus, archive, start: start + 1000 }, [first.ruleArn])),
    );
    await replayDone(name);
    expect(
      ((await receiveBodies(local.sqs, first.queueUrl, 1)) as Array<{ id: string }>).map((e) => e.id),
    ).toEqual([ids[1]]);
    expect((await local.eb.send(new DescribeArchiveCommand({ ArchiveName: archive }))).EventCount).toBe(2);
  });

  it('lists replays by name prefix and archive', async () => {
    const { bus, archive, start } = await archivedBus();
    const name = unique('listed-replay');
    await local.eb.send(new StartReplayCommand(replayRequest(name, { bus, archive, start }, [])));
    await replayDone(name);
    const byPrefix = await local.eb.send(new ListReplaysCommand({ NamePrefix: name }));
    const byArchive = await local.eb.send(
      new ListReplaysCommand({ EventSourceArn: `${ARN}:archive/${archive}` }),
    );
    expect(byPrefix.Replays).toEqual([expect.objectContaining({ ReplayName: name, State: 'COMPLETED' })]);
    expect(byArchive.Replays!.map((r) => r.ReplayName)).toEqual([name]);
  });

  it('does not cancel a finished replay', async () => {
    const { bus, archive, start } = await archivedBus();
    const name = unique('replay');
    await local.eb.send(new StartReplayCommand(replayRequest(name, { bus, archive, start })));
    await replayDone(name);
    await expect(local.eb.send(new CancelReplayCommand({ ReplayName: name }))).rejects.toMatchObject({
      name: 'IllegalStatusException',
    });
  });

  it('refuses what AWS refuses', async () => {
    const { bus, archive, start } = await archivedBus();
    const other = await newBus();
    const name = unique('replay');
    const request = replayRequest(name, { bus, archive, start });
    await expect(
      local.eb.send(new StartReplayCommand({ ...request, EventEndTime: new Date(start) })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
    });
    await expect(
      local.eb.send(new StartReplayCommand({ ...request, EventSourceArn: `${ARN}:archive/missing` })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter EventSourceArn is not valid. Reason: Archive missing does not exist.',
    });
    await expect(
      local.eb.send(new StartReplayCommand({ ...request, Destination: { Arn: busArn(other) } })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
    });
    await expect(
      local.eb.send(new StartReplayCommand({ ...request, Destination: { Arn: busArn('nowhere') } })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus nowhere does not exist.',
    });
    await local.eb.send(new StartReplayCommand(request));
    await expect(local.eb.send(new StartReplayCommand(request))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: `Replay ${name} already exists.`,
    });
    await expect(local.eb.send(new DescribeReplayCommand({ ReplayName: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Replay missing does not exist.',
    });
  });
});

describe('cancelling a replay', () => {
  it('stops a replay between two steps', async () => {
    const bus = await newBus();
    const archive = unique('archive');
    await local.eb.send(new CreateArchiveCommand({ ArchiveName: archive, EventSourceArn: busArn(bus) }));
    const source = unique('lectern.cancel');
    const start = local.clock.now();
    for (let batch = 0; batch < 15; batch++) {
      await local.eb.send(
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
    const { queueUrl } = await inbox(local, source, bus);
    local.clock.advance(1000);
    const name = unique('replay');
    await local.eb.send(new StartReplayCommand(replayRequest(name, { bus, archive, start })));
    expect((await local.eb.send(new DescribeReplayCommand({ ReplayName: name }))).State).toBe('RUNNING');
    expect(await local.eb.send(new CancelReplayCommand({ ReplayName: name }))).toMatchObject({
      ReplayArn: `${ARN}:replay/${name}`,
      State: 'CANCELLING',
    });
    local.clock.advance(0);
    expect((await replayDone(name)).State).toBe('CANCELLED');
    expect(await receiveBodies(local.sqs, queueUrl, 100)).toHaveLength(100);
    expect(local.runtime.events.dispatcher.pending()).toEqual([]);
    const { Attributes } = await local.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Attributes!.ApproximateNumberOfMessages).toBe('0');
  });
});
