import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { AwsError } from '../http/aws-error';
import type { LocalDatabase } from '../store/database';
import { busNameOf } from './arns';
import { Dispatcher } from './dispatcher';
import {
  buildEvent,
  checkEntry,
  entrySize,
  MAX_ENTRIES,
  MAX_REQUEST_BYTES,
  type EntryResult,
  type EventEntry,
} from './entries';
import { EventBridgeModel } from './model';
import { Replays } from './replays';
import { EventRouter } from './router';
import { EventBridgeStore } from './store';
import type { TargetServices } from './targets';

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: EntryResult[];
}

/**
 * EventBridge as the runtime's other services (S3, MediaConvert) use it: PutEvents as an AWS
 * service calls it, which commits what the caller has queued together with the events.
 */
export interface ServiceEvents {
  putEvents(entries: EventEntry[]): PutEventsResult;
}

/**
 * The local EventBridge: buses, rules and targets, archives and replays, and the durable outbox
 * that delivers to SQS, Lambda and Step Functions. Other services (S3, MediaConvert) send their
 * events with `putEvents`; the API and the Step Functions integration sit on top of it.
 */
export class LocalEventBridge implements ServiceEvents {
  readonly store: EventBridgeStore;
  readonly model: EventBridgeModel;
  readonly dispatcher: Dispatcher;
  readonly router: EventRouter;
  readonly replays: Replays;

  constructor(
    readonly db: LocalDatabase,
    readonly clock: Clock,
    services: TargetServices,
  ) {
    this.store = new EventBridgeStore(db);
    this.model = new EventBridgeModel(this.store, clock);
    this.dispatcher = new Dispatcher(this.store, db, clock, services);
    this.router = new EventRouter(this.model, this.store, this.dispatcher, clock);
    this.replays = new Replays(this.model, this.store, this.router, db, clock);
  }

  /**
   * Puts events on their buses, as an AWS service does (sources `aws.*` allowed), with the checks
   * of PutEvents. Everything accepted is committed, with one pending delivery per matching
   * target, when this returns.
   */
  putEvents(entries: EventEntry[]): PutEventsResult {
    const result = this.accept(entries, true);
    this.db.flush();
    return result;
  }

  /**
   * Checks and routes the entries; the caller commits. Request-level problems (too many entries,
   * too large) throw ValidationException; an entry's own problem is reported in its result.
   * Events for a bus that does not exist are accepted and dropped, as AWS does.
   */
  accept(entries: EventEntry[], trusted: boolean): PutEventsResult {
    if (entries.length > MAX_ENTRIES) {
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value '[${entries.map(describeEntry).join(', ')}]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
      );
    }
    if (entries.reduce((sum, entry) => sum + entrySize(entry), 0) > MAX_REQUEST_BYTES) {
      throw new AwsError(
        'ValidationException',
        'Total size of the entries in the request is over the limit.',
      );
    }
    const now = this.clock.now();
    const results = entries.map((entry): EntryResult => {
      const problem = checkEntry(entry, trusted);
      if (problem) return problem;
      const id = randomUUID();
      const bus = busNameOf(entry.EventBusName);
      if (this.model.hasBus(bus)) this.router.route(buildEvent(entry, id, now), bus, now);
      return { EventId: id };
    });
    return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
  }

  /** Resolves once everything written so far is committed. */
  committed(): Promise<void> {
    return new Promise((resolve) => this.db.afterCommit(resolve));
  }

  /** Picks up pending deliveries and replays under way; returns how many deliveries were pending. */
  resume(): number {
    this.replays.resume();
    return this.dispatcher.resume();
  }

  close(): void {
    this.replays.close();
    this.dispatcher.close();
  }
}

/** An entry as AWS's Java front end prints it in a validation message. */
function describeEntry(entry: EventEntry): string {
  const time = entry.Time === undefined ? 'null' : javaDate(+entry.Time);
  const resources = entry.Resources ? `[${entry.Resources.join(', ')}]` : 'null';
  return (
    `PutEventsRequestEntry(time=${time}, source=${entry.Source ?? 'null'}, resources=${resources}, ` +
    `detailType=${entry.DetailType ?? 'null'}, detail=${entry.Detail ?? 'null'}, ` +
    `eventBusName=${entry.EventBusName ?? 'null'}, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)`
  );
}

/** `Tue Jan 02 03:04:05 UTC 2024`, Java's Date.toString in UTC. */
function javaDate(ms: number): string {
  const [weekday, day, month, year, time] = new Date(ms).toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}
