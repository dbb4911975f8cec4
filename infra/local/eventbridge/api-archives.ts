import { AwsError } from '../http/aws-error';
import type { Operation } from '../http/json-rpc';
import { compilePattern } from './api-rules';
import { archiveArn, busArn, parseArchiveArn, parseBusArn, replayArn } from './arns';
import type { LocalEventBridge } from './local-eventbridge';
import type { ArchiveRecord, ReplayRecord } from './records';
import { Checks, NAME_PATTERN, pageOf, type Input } from './validation';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
const ARCHIVE_STATES = [
  'ENABLED',
  'DISABLED',
  'CREATING',
  'UPDATING',
  'CREATE_FAILED',
  'UPDATE_FAILED',
] as const;
const REPLAY_STATES = ['STARTING', 'RUNNING', 'CANCELLING', 'COMPLETED', 'CANCELLED', 'FAILED'] as const;
const invalid = (message: string) => new AwsError('ValidationException', message);

/** CreateArchive, DescribeArchive, ListArchives, DeleteArchive and the replay operations. */
export function archiveOperations(events: LocalEventBridge): Record<string, Operation> {
  const { model, router, replays } = events;

  const archiveSummary = (archive: ArchiveRecord) => {
    router.sweep(archive.name, archive.retentionDays);
    const stats = events.store.archiveStats(archive.name);
    return {
      ArchiveName: archive.name,
      EventSourceArn: busArn(archive.bus),
      State: 'ENABLED',
      RetentionDays: archive.retentionDays,
      SizeBytes: stats.size,
      EventCount: stats.count,
      CreationTime: seconds(archive.createdAt),
    };
  };
  const replaySummary = (replay: ReplayRecord) => ({
    ReplayName: replay.name,
    EventSourceArn: archiveArn(replay.archive),
    State: replay.state,
    ...(replay.stateReason ? { StateReason: replay.stateReason } : {}),
    EventStartTime: seconds(replay.eventStartTime),
    EventEndTime: seconds(replay.eventEndTime),
    ...(replay.eventLastReplayedTime !== undefined
      ? { EventLastReplayedTime: seconds(replay.eventLastReplayedTime) }
      : {}),
    ReplayStartTime: seconds(replay.replayStartTime),
    ...(replay.replayEndTime !== undefined ? { ReplayEndTime: seconds(replay.replayEndTime) } : {}),
  });
  /** A required name member, checked as AWS does (archive names up to 48, replay names up to 64). */
  const nameOf = (input: Input, member: 'ArchiveName' | 'ReplayName', max: number) => {
    const checks = new Checks();
    const name = checks.string(input, member, { required: true, min: 1, max, pattern: NAME_PATTERN });
    checks.done();
    return name!;
  };
  const archiveName = (input: Input) => nameOf(input, 'ArchiveName', 48);
  const replayName = (input: Input) => nameOf(input, 'ReplayName', 64);
  /** The List operations take one filter at most. */
  const oneFilter = (input: Input, operation: string) => {
    if (['NamePrefix', 'EventSourceArn', 'State'].filter((m) => input[m] !== undefined).length > 1) {
      throw invalid(
        `At most one filter is allowed for ${operation}. Use either : State, EventSourceArn, or NamePrefix.`,
      );
    }
  };

  return {
    CreateArchive(input) {
      const checks = new Checks();
      const name = checks.string(input, 'ArchiveName', {
        required: true,
        min: 1,
        max: 48,
        pattern: NAME_PATTERN,
      });
      const source = checks.string(input, 'EventSourceArn', { required: true, min: 1, max: 1600 });
      const description = checks.string(input, 'Description', { max: 512 });
      const eventPattern = checks.string(input, 'EventPattern', { max: 4096 });
      const retentionDays = checks.integer(input, 'RetentionDays', { min: 0 }) ?? 0;
      checks.done();
      const bus = parseBusArn(source!);
      if (bus === undefined)
        throw invalid(
          'Parameter EventSourceArn is not valid. Reason: Provided Arn is not in correct format.',
        );
      const pattern = eventPattern === undefined ? undefined : compilePattern(eventPattern);
      const archive: ArchiveRecord = {
        name: name!,
        bus,
        retentionDays,
        createdAt: events.clock.now(),
        ...(description ? { description } : {}),
        ...(eventPattern !== undefined ? { eventPattern } : {}),
      };
      model.createArchive(archive, pattern);
      router.forget(archive.name);
      return {
        ArchiveArn: archiveArn(archive.name),
        State: 'ENABLED',
        CreationTime: seconds(archive.createdAt),
      };
    },

    DescribeArchive(input) {
      const archive = model.archive(archiveName(input));
      return {
        ArchiveArn: archiveArn(archive.name),
        ...archiveSummary(archive),
        ...(archive.description ? { Description: archive.description } : {}),
        ...(archive.eventPattern !== undefined ? { EventPattern: archive.eventPattern } : {}),
      };
    },

    ListArchives(input) {
      const checks = new Checks();
      const prefix = checks.string(input, 'NamePrefix', { min: 1, max: 48, pattern: NAME_PATTERN });
      const source = checks.string(input, 'EventSourceArn', { min: 1, max: 1600 });
      const state = checks.string(input, 'State', { values: ARCHIVE_STATES });
      checks.done();
      oneFilter(input, 'ListArchives');
      const bus = source === undefined ? undefined : (parseBusArn(source) ?? source);
      if (bus !== undefined) model.bus(bus);
      const archives = model
        .listArchives()
        .filter((a) => prefix === undefined || a.name.startsWith(prefix))
        .filter((a) => bus === undefined || a.bus === bus)
        .filter(() => state === undefined || state === 'ENABLED');
      const { page, NextToken } = pageOf(archives, input, checks);
      return { Archives: page.map(archiveSummary), ...(NextToken ? { NextToken } : {}) };
    },

    DeleteArchive(input) {
      const name = archiveName(input);
      model.deleteArchive(name);
      router.forget(name);
      return {};
    },

    StartReplay(input) {
      const checks = new Checks();
      const name = checks.string(input, 'ReplayName', {
        required: true,
        min: 1,
        max: 64,
        pattern: NAME_PATTERN,
      });
      const description = checks.string(input, 'Description', { max: 512 });
      const source = checks.string(input, 'EventSourceArn', { required: true, min: 1, max: 1600 });
      const start = checks.timestamp(input, 'EventStartTime', true);
      const end = checks.timestamp(input, 'EventEndTime', true);
      const destination = checks.object(input, 'Destination');
      if (!destination)
        checks.push("Value null at 'destination' failed to satisfy constraint: Member must not be null");
      const target =
        destination &&
        checks.string(destination, 'Arn', { required: true, min: 1, max: 1600 }, 'destination.arn');
      const filters = destination && checks.list(destination, 'FilterArns', {}, 'destination.filterArns');
      checks.done();
      if (model.replays.has(name!))
        throw new AwsError('ResourceAlreadyExistsException', `Replay ${name} already exists.`);
      if (end! <= start!) {
        throw invalid(
          'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
        );
      }
      const archiveNameOf = parseArchiveArn(source!) ?? source!;
      if (!model.hasArchive(archiveNameOf)) {
        throw invalid(
          `Parameter EventSourceArn is not valid. Reason: Archive ${archiveNameOf} does not exist.`,
        );
      }
      const archive = model.archive(archiveNameOf);
      router.sweep(archive.name, archive.retentionDays);
      const bus = parseBusArn(target!) ?? target!;
      if (bus !== archive.bus) {
        model.bus(bus);
        throw invalid(
          'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
        );
      }
      const replay: ReplayRecord = {
        name: name!,
        archive: archive.name,
        destination: { Arn: target!, ...(filters?.length ? { FilterArns: filters.map(String) } : {}) },
        eventStartTime: start!,
        eventEndTime: end!,
        state: 'STARTING',
        replayStartTime: events.clock.now(),
        cursor: 0,
        ...(description ? { description } : {}),
      };
      replays.start(replay);
      return {
        ReplayArn: replayArn(replay.name),
        State: 'STARTING',
        ReplayStartTime: seconds(replay.replayStartTime),
      };
    },

    DescribeReplay(input) {
      const name = replayName(input);
      const replay = model.replays.get(name);
      if (!replay) throw new AwsError('ResourceNotFoundException', `Replay ${name} does not exist.`);
      return {
        ...replaySummary(replay),
        ReplayArn: replayArn(replay.name),
        ...(replay.description ? { Description: replay.description } : {}),
        Destination: replay.destination,
      };
    },

    ListReplays(input) {
      const checks = new Checks();
      const prefix = checks.string(input, 'NamePrefix', { min: 1, max: 64, pattern: NAME_PATTERN });
      const state = checks.string(input, 'State', { values: REPLAY_STATES });
      const source = checks.string(input, 'EventSourceArn', { min: 1, max: 1600 });
      checks.done();
      oneFilter(input, 'ListReplays');
      const archive = source === undefined ? undefined : (parseArchiveArn(source) ?? source);
      const all = [...model.replays.values()]
        .filter((r) => prefix === undefined || r.name.startsWith(prefix))
        .filter((r) => state === undefined || r.state === state)
        .filter((r) => archive === undefined || r.archive === archive)
        .sort((a, b) => a.name.localeCompare(b.name));
      const { page, NextToken } = pageOf(all, input, checks);
      return { Replays: page.map(replaySummary), ...(NextToken ? { NextToken } : {}) };
    },

    CancelReplay(input) {
      const replay = replays.cancel(replayName(input));
      return { ReplayArn: replayArn(replay.name), State: replay.state };
    },
  };
}
