import type { Clock } from '../clock';
import { AwsError } from '../http/aws-error';
import type { LocalDatabase } from '../store/database';
import { busNameOf } from './arns';
import { replayed, type BusEvent } from './entries';
import type { EventBridgeModel } from './model';
import type { ReplayRecord } from './records';
import type { EventRouter } from './router';
import type { EventBridgeStore } from './store';

/** Archived events sent again per step (and per commit); steps are paced on the Clock. */
const BATCH = 100;

/**
 * Runs replays: the archive's events received in [EventStartTime, EventEndTime) go again, in
 * order, to the destination bus's rules (only those in FilterArns when given), carrying
 * `replay-name`. Progress is a cursor committed with the deliveries it produced, so a replay
 * interrupted by a crash carries on where it was, without sending an event twice.
 */
export class Replays {
  private closed = false;
  private readonly timers = new Set<() => void>();

  constructor(
    private readonly model: EventBridgeModel,
    private readonly store: EventBridgeStore,
    private readonly router: EventRouter,
    private readonly db: LocalDatabase,
    private readonly clock: Clock,
  ) {}

  start(replay: ReplayRecord): void {
    this.model.replays.set(replay.name, replay);
    this.store.putReplay(replay);
    this.db.afterCommit(() => this.next(replay));
  }

  /** Carries on with the replays that were under way when the runtime stopped. */
  resume(): void {
    for (const replay of this.model.replays.values()) {
      if (!isFinished(replay)) setImmediate(() => this.next(replay));
    }
  }

  cancel(name: string): ReplayRecord {
    const replay = this.model.replays.get(name);
    if (!replay) throw new AwsError('ResourceNotFoundException', `Replay ${name} does not exist.`);
    if (replay.state !== 'STARTING' && replay.state !== 'RUNNING') {
      throw new AwsError('IllegalStatusException', `Replay ${name} is not in a state that can be cancelled.`);
    }
    replay.state = 'CANCELLING';
    this.store.putReplay(replay);
    return replay;
  }

  close(): void {
    this.closed = true;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  private next(replay: ReplayRecord): void {
    if (this.closed || isFinished(replay)) return;
    const now = this.clock.now();
    if (replay.state === 'CANCELLING') return this.finish(replay, 'CANCELLED', now);
    const bus = busNameOf(replay.destination.Arn);
    if (!this.model.hasBus(bus)) {
      replay.stateReason = `Event bus ${bus} does not exist.`;
      return this.finish(replay, 'FAILED', now);
    }
    replay.state = 'RUNNING';
    const events = this.store.archivedEvents(
      replay.archive,
      replay.cursor,
      replay.eventStartTime,
      replay.eventEndTime,
      BATCH,
    );
    const routing = { name: replay.name, filterArns: replay.destination.FilterArns };
    for (const archived of events) {
      this.router.route(replayed(JSON.parse(archived.event) as BusEvent, replay.name), bus, now, routing);
      replay.cursor = archived.seq;
      replay.eventLastReplayedTime = archived.at;
    }
    if (events.length < BATCH) return this.finish(replay, 'COMPLETED', now);
    this.store.putReplay(replay);
    // The next step waits for the clock (a CancelReplay can come in between); it is due at once.
    const cancel = this.clock.at(now, () => {
      this.timers.delete(cancel);
      this.next(replay);
    });
    this.timers.add(cancel);
  }

  private finish(replay: ReplayRecord, state: 'COMPLETED' | 'CANCELLED' | 'FAILED', at: number): void {
    replay.state = state;
    replay.replayEndTime = at;
    this.store.putReplay(replay);
  }
}

function isFinished(replay: ReplayRecord): boolean {
  return replay.state === 'COMPLETED' || replay.state === 'CANCELLED' || replay.state === 'FAILED';
}
