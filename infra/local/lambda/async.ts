import { randomUUID } from 'node:crypto';
import type { Json } from '../../../workflows/asl';
import type { Clock } from '../clock';
import { AwsError } from '../http/aws-error';
import type { LocalDatabase } from '../store/database';
import type { LocalSqs } from '../sqs/sqs';
import { AsyncEventStore, type AsyncEvent } from './async-store';
import { LocalFunctions, TooManyRequestsError, type LocalFunction } from './functions';

/** Lambda waits about a minute before the first retry and two before the second. */
const RETRY_DELAYS_MS = [60_000, 120_000];
const DEFAULT_RETRIES = 2;
const DEFAULT_MAX_AGE_SECONDS = 21600;
/** Throttled events are retried with a back-off from 1 s up to 5 min, until they are too old. */
const THROTTLE_BACKOFF_MS = { first: 1000, max: 300_000 };

/**
 * Asynchronous invocation (`InvocationType: Event`, EventBridge targets): events are kept in the
 * database until processed, retried per the function's `async` settings on the clock, dropped
 * when older than `maximumEventAgeSeconds`, and on final failure the invocation record goes to
 * the function's `onFailureQueue`.
 */
export class LocalLambdaAsync {
  private readonly store: AsyncEventStore;
  private readonly timers = new Map<string, () => void>();
  private readonly events = new Map<string, AsyncEvent>();
  private closed = false;

  constructor(
    private readonly functions: LocalFunctions,
    private readonly sqs: LocalSqs,
    private readonly db: LocalDatabase,
    private readonly clock: Clock,
  ) {
    this.store = new AsyncEventStore(db);
  }

  /** Queues an event for the function; it is durable with the caller's group commit. */
  invokeAsync(functionName: string, event: unknown): void {
    const fn = this.functions.find(functionName);
    if (!fn) {
      throw new AwsError(
        'ResourceNotFoundException',
        `Function not found: ${LocalFunctions.arn(functionName)}`,
        404,
      );
    }
    const now = this.clock.now();
    const queued: AsyncEvent = {
      id: randomUUID(),
      functionName: fn.spec.name,
      payload: JSON.parse(JSON.stringify(event ?? null)) as Json,
      enqueuedAt: now,
      attempts: 0,
      throttles: 0,
      nextAttemptAt: now,
    };
    this.events.set(queued.id, queued);
    this.store.put(queued);
    this.db.afterCommit(() => this.schedule(queued));
  }

  /** The events not yet processed (for tests and the operator). */
  pending(): AsyncEvent[] {
    return [...this.events.values()].map((e) => ({ ...e }));
  }

  /** Picks up the events that were queued when the runtime stopped. */
  resume(): void {
    for (const event of this.store.all()) {
      this.events.set(event.id, event);
      this.schedule(event);
    }
  }

  close(): void {
    this.closed = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  private schedule(event: AsyncEvent): void {
    if (this.closed) return;
    if (event.nextAttemptAt <= this.clock.now()) {
      void this.attempt(event);
      return;
    }
    this.timers.set(
      event.id,
      this.clock.at(event.nextAttemptAt, () => {
        this.timers.delete(event.id);
        void this.attempt(event);
      }),
    );
  }

  private async attempt(event: AsyncEvent): Promise<void> {
    const fn = this.functions.find(event.functionName);
    if (!fn) return this.finish(event);
    const settings = fn.spec.async ?? {};
    const maxAge = (settings.maximumEventAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS) * 1000;
    if (this.clock.now() - event.enqueuedAt >= maxAge) return this.fail(fn, event, 'EventAgeExceeded');
    let result;
    try {
      result = await this.functions.invoke(fn, event.payload);
    } catch (error) {
      if (!(error instanceof TooManyRequestsError)) throw error;
      if (this.closed) return;
      event.throttles += 1;
      const backoff = Math.min(
        THROTTLE_BACKOFF_MS.first * 2 ** (event.throttles - 1),
        THROTTLE_BACKOFF_MS.max,
      );
      return this.retryAt(event, this.clock.now() + backoff);
    }
    if (this.closed) return;
    event.attempts += 1;
    event.throttles = 0;
    if (!result.functionError) return this.finish(event);
    event.lastError = { requestId: result.requestId, payload: result.payload };
    const retries = settings.maximumRetryAttempts ?? DEFAULT_RETRIES;
    if (event.attempts > retries) return this.fail(fn, event, 'RetriesExhausted');
    this.retryAt(
      event,
      this.clock.now() + RETRY_DELAYS_MS[Math.min(event.attempts - 1, RETRY_DELAYS_MS.length - 1)],
    );
  }

  private retryAt(event: AsyncEvent, at: number): void {
    event.nextAttemptAt = at;
    this.store.put(event);
    this.db.afterCommit(() => this.schedule(event));
  }

  /** Sends AWS's invocation record to the on-failure destination, if any, and forgets the event. */
  private fail(
    fn: LocalFunction,
    event: AsyncEvent,
    condition: 'RetriesExhausted' | 'EventAgeExceeded',
  ): void {
    const queue = fn.spec.async?.onFailureQueue;
    if (queue) {
      const record = {
        version: '1.0',
        timestamp: new Date(this.clock.now()).toISOString(),
        requestContext: {
          requestId: event.id,
          functionArn: `${fn.arn}:$LATEST`,
          condition,
          approximateInvokeCount: event.attempts,
        },
        requestPayload: event.payload,
        ...(event.lastError
          ? {
              responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
              responsePayload: event.lastError.payload,
            }
          : {}),
      };
      try {
        this.sqs.send(queue, { body: JSON.stringify(record) });
      } catch (error) {
        // A destination that no longer exists loses the record, as in Lambda.
        if (!(error instanceof AwsError)) throw error;
      }
    }
    this.finish(event);
  }

  private finish(event: AsyncEvent): void {
    this.events.delete(event.id);
    this.store.delete(event.id);
  }
}
