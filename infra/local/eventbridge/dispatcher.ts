import type { Clock } from '../clock';
import type { LocalDatabase } from '../store/database';
import type { DeliveryRecord } from './records';
import type { EventBridgeStore } from './store';
import { deliver, errorCode, TargetError, type TargetServices } from './targets';

/** Back-off between attempts: doubling from 1 s to at most 5 min, each drawn in [half, full]. */
const BACKOFF = { firstMs: 1000, maxMs: 300_000 };
/** Deliveries handed out between yields to the event loop, so HTTP and commits keep flowing. */
const PER_TURN = 500;

/**
 * The outbox: every accepted event has one row per matching target, committed before PutEvents
 * answers; this delivers the rows after their commit, at least once. A failed attempt is retried
 * with exponential back-off (jittered, on the Clock) while the target's RetryPolicy allows; then
 * the event goes to the target's dead-letter queue with AWS's attributes, or is dropped.
 * Each row is deleted in the same commit as the message or invocation it produced.
 */
export class Dispatcher {
  private readonly ready: DeliveryRecord[] = [];
  private readonly timers = new Map<string, () => void>();
  private readonly waiting = new Map<string, DeliveryRecord>();
  private draining = false;
  private closed = false;

  constructor(
    private readonly store: EventBridgeStore,
    private readonly db: LocalDatabase,
    private readonly clock: Clock,
    private readonly services: TargetServices,
  ) {}

  /** Records a delivery; it is attempted once committed. */
  enqueue(delivery: DeliveryRecord): void {
    this.store.putDelivery(delivery);
    this.db.afterCommit(() => this.schedule(delivery));
  }

  /** Picks up the deliveries that were pending when the runtime stopped. */
  resume(): number {
    const pending = this.store.deliveries();
    for (const delivery of pending) this.schedule(delivery);
    return pending.length;
  }

  /** Deliveries not yet done, waiting for their first attempt or a retry (copies, for tests and operators). */
  pending(): DeliveryRecord[] {
    return [...this.ready, ...this.waiting.values()].map((d) => ({ ...d }));
  }

  close(): void {
    this.closed = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.waiting.clear();
  }

  private schedule(delivery: DeliveryRecord): void {
    if (this.closed) return;
    if (delivery.due > this.clock.now()) {
      this.waiting.set(delivery.id, delivery);
      this.timers.set(
        delivery.id,
        this.clock.at(delivery.due, () => {
          this.timers.delete(delivery.id);
          this.waiting.delete(delivery.id);
          this.push(delivery);
        }),
      );
    } else this.push(delivery);
  }

  private push(delivery: DeliveryRecord): void {
    this.ready.push(delivery);
    if (this.draining) return;
    this.draining = true;
    // A microtask, not a turn: the deliveries of a commit go out with the next one.
    queueMicrotask(() => this.drain());
  }

  private drain(): void {
    for (let n = 0; n < PER_TURN && this.ready.length && !this.closed; n++) this.attempt(this.ready.shift()!);
    if (this.ready.length && !this.closed) setImmediate(() => this.drain());
    else this.draining = false;
  }

  private attempt(delivery: DeliveryRecord): void {
    delivery.attempts += 1;
    try {
      if (delivery.failure) throw new TargetError(delivery.failure.code, delivery.failure.message);
      deliver(this.services, delivery.targetArn, delivery.payload!);
      this.store.deleteDelivery(delivery.id);
    } catch (error) {
      this.failed(delivery, error);
    }
  }

  private failed(delivery: DeliveryRecord, error: unknown): void {
    const now = this.clock.now();
    const retries = delivery.attempts - 1;
    const delay = backoff(delivery.attempts);
    let exhausted: string | undefined;
    if (retries >= delivery.maximumRetryAttempts) exhausted = 'MaximumRetryAttempts';
    else if (now + delay - delivery.acceptedAt > delivery.maximumEventAgeSeconds * 1000) {
      exhausted = 'MaximumEventAgeInSeconds';
    }
    if (error instanceof TargetError || exhausted) {
      this.store.deleteDelivery(delivery.id);
      this.deadLetter(delivery, error, exhausted, retries);
      return;
    }
    delivery.due = now + delay;
    this.store.putDelivery(delivery);
    this.db.afterCommit(() => this.schedule(delivery));
  }

  /** Sends the event to the DLQ with the attributes AWS adds; without a DLQ (or if it fails) it is dropped. */
  private deadLetter(
    delivery: DeliveryRecord,
    error: unknown,
    exhausted: string | undefined,
    retries: number,
  ): void {
    if (!delivery.deadLetterArn) return;
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    const attributes = {
      RULE_ARN: text(delivery.ruleArn),
      TARGET_ARN: text(delivery.targetArn),
      ERROR_CODE: text(errorCode(error)),
      ERROR_MESSAGE: text(error instanceof Error ? error.message : String(error)),
      ...(exhausted
        ? { EXHAUSTED_RETRY_CONDITION: text(exhausted), RETRY_ATTEMPTS: text(String(retries)) }
        : {}),
    };
    try {
      this.services.sqs.send(delivery.deadLetterArn, { body: delivery.event, attributes });
    } catch {
      // AWS counts these as InvocationsFailedToBeSentToDLQ and drops the event.
    }
  }
}

function backoff(attempt: number): number {
  const full = Math.min(BACKOFF.firstMs * 2 ** (attempt - 1), BACKOFF.maxMs);
  return Math.round(full / 2 + (Math.random() * full) / 2);
}
