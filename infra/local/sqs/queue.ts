import type { Clock } from '../clock';
import type { LocalDatabase } from '../store/database';
import { TimeHeap } from './heap';
import { numberAttribute } from './queue-attributes';
import { newNonce } from './receipt';
import type { MessageRecord, QueueRecord } from './records';
import type { SqsStore } from './store';

/** Where a message is: sent but not yet committed, delayed, visible, or received and hidden. */
type State = 'pending' | 'delayed' | 'visible' | 'inflight';

interface Entry {
  message: MessageRecord;
  state: State;
  /** Bumped on every change, so stale heap entries are skipped. */
  version: number;
}

export type ReceiveOutcome = 'deliver' | 'diverted';

/**
 * One queue's messages in memory (they are also in the store): visible ones in delivery order,
 * hidden ones (delayed or in flight) on a heap with one clock timer for the earliest, and a
 * retention sweep. Listeners hear when messages become visible (long polls, event source mappings).
 */
export class Queue {
  private readonly entries = new Map<string, Entry>();
  private readonly ready = new Map<string, Entry>();
  private readonly hidden = new TimeHeap<{ entry: Entry; version: number }>();
  private readonly listeners = new Set<() => void>();
  private inflight = 0;
  private notifying = false;
  private delayed = 0;
  private visibilityTimer?: { at: number; cancel: () => void };
  private retentionTimer?: { at: number; cancel: () => void };

  constructor(
    public record: QueueRecord,
    private readonly store: SqsStore,
    private readonly db: LocalDatabase,
    private readonly clock: Clock,
  ) {}

  get name(): string {
    return this.record.name;
  }

  attribute(name: string): number {
    return numberAttribute(this.record.attributes, name);
  }

  counts(): { visible: number; inflight: number; delayed: number } {
    this.promote();
    return { visible: this.ready.size, inflight: this.inflight, delayed: this.delayed };
  }

  get(messageId: string): MessageRecord | undefined {
    return this.entries.get(messageId)?.message;
  }

  /** Calls `listener` whenever messages become visible; returns the unsubscribe function. */
  onAvailable(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Takes a new (or moved) message. It is written with the next commit and deliverable only
   * once that commit is done.
   */
  add(message: MessageRecord): void {
    const entry: Entry = { message, state: 'pending', version: 0 };
    this.entries.set(message.id, entry);
    this.store.insertMessage(message);
    this.db.afterCommit(() => {
      if (this.entries.get(message.id) !== entry || entry.state !== 'pending') return;
      if (this.place(entry) === 'visible') this.notify();
      this.armRetention(message);
    });
  }

  /** A message read back from the store at start-up (already committed). */
  restore(message: MessageRecord): void {
    const entry: Entry = { message, state: 'pending', version: 0 };
    this.entries.set(message.id, entry);
    this.place(entry);
  }

  /** Arms the timers once every restored message is in. */
  resume(): void {
    this.armRetention();
    this.armVisibility();
  }

  /**
   * Receives up to `max` visible messages, hiding each for `visibilityTimeout` seconds.
   * `divert` may take a message elsewhere instead (the redrive to a dead-letter queue).
   */
  receive(
    max: number,
    visibilityTimeout: number,
    divert: (message: MessageRecord) => boolean = () => false,
  ): MessageRecord[] {
    this.promote();
    const now = this.clock.now();
    const retention = this.attribute('MessageRetentionPeriod') * 1000;
    const out: MessageRecord[] = [];
    const again: Entry[] = [];
    for (const entry of this.ready.values()) {
      if (out.length >= max) break;
      const m = entry.message;
      if (m.sentAt + retention <= now) {
        this.delete(m.id);
        continue;
      }
      if (divert(m)) continue;
      this.leave(entry);
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
      m.lastReceivedAt = now;
      m.receipt = newNonce();
      m.visibleAt = now + visibilityTimeout * 1000;
      this.store.updateMessage(m);
      if (visibilityTimeout === 0) again.push(entry);
      else this.hide(entry, 'inflight');
      out.push(m);
    }
    // A zero visibility timeout makes them visible again at once, but not twice in one receive.
    for (const entry of again) this.enter(entry, 'visible');
    if (again.length) this.db.afterCommit(() => this.notify());
    return out;
  }

  /** Deletes by receipt: `stale` when the handle is not the latest one (nothing is deleted). */
  deleteByReceipt(messageId: string, nonce: string): 'deleted' | 'stale' | 'missing' {
    const entry = this.entries.get(messageId);
    if (!entry) return 'missing';
    if (entry.message.receipt !== nonce) return 'stale';
    this.delete(messageId);
    return 'deleted';
  }

  /** Changes an in-flight message's visibility timeout, counted from now. */
  changeVisibility(
    messageId: string,
    nonce: string,
    timeout: number,
  ): 'changed' | 'not-inflight' | 'missing' {
    this.promote();
    const entry = this.entries.get(messageId);
    if (!entry || entry.message.receipt !== nonce) return 'missing';
    if (entry.state !== 'inflight') return 'not-inflight';
    const m = entry.message;
    m.visibleAt = this.clock.now() + timeout * 1000;
    this.store.updateMessage(m);
    this.leave(entry);
    if (timeout === 0) {
      this.enter(entry, 'visible');
      this.db.afterCommit(() => this.notify());
    } else this.hide(entry, 'inflight');
    return 'changed';
  }

  /** Removes a message for good. */
  delete(messageId: string): void {
    const entry = this.detach(messageId);
    if (entry) this.store.deleteMessage(entry);
  }

  /** Takes a message out of this queue without deleting it (it moves to another queue). */
  detach(messageId: string): MessageRecord | undefined {
    const entry = this.entries.get(messageId);
    if (!entry) return undefined;
    this.leave(entry);
    entry.version += 1;
    this.entries.delete(messageId);
    return entry.message;
  }

  /** The visible messages, oldest first, without receiving them (message move tasks). */
  *visible(): IterableIterator<MessageRecord> {
    this.promote();
    for (const entry of [...this.ready.values()]) {
      if (this.ready.get(entry.message.id) === entry) yield entry.message;
    }
  }

  /** Deletes every message (PurgeQueue, DeleteQueue). */
  purge(): void {
    for (const id of [...this.entries.keys()]) this.delete(id);
    this.rearmTimers();
  }

  /** After a change of retention: the sweep moves. */
  rearmTimers(): void {
    this.retentionTimer?.cancel();
    this.retentionTimer = undefined;
    this.armRetention();
    this.armVisibility();
  }

  close(): void {
    this.visibilityTimer?.cancel();
    this.retentionTimer?.cancel();
    this.visibilityTimer = this.retentionTimer = undefined;
    this.listeners.clear();
  }

  /** Puts a committed message where its visibleAt and receipt say. */
  private place(entry: Entry): State {
    const m = entry.message;
    if (m.visibleAt <= this.clock.now()) this.enter(entry, 'visible');
    else this.hide(entry, m.receipt ? 'inflight' : 'delayed');
    return entry.state;
  }

  private enter(entry: Entry, state: 'visible'): void {
    entry.state = state;
    entry.version += 1;
    this.ready.set(entry.message.id, entry);
  }

  private hide(entry: Entry, state: 'inflight' | 'delayed'): void {
    entry.state = state;
    entry.version += 1;
    if (state === 'inflight') this.inflight += 1;
    else this.delayed += 1;
    this.hidden.push(entry.message.visibleAt, { entry, version: entry.version });
    this.armVisibility();
  }

  /** Takes the entry out of its current state's bookkeeping. */
  private leave(entry: Entry): void {
    if (entry.state === 'visible') this.ready.delete(entry.message.id);
    else if (entry.state === 'inflight') this.inflight -= 1;
    else if (entry.state === 'delayed') this.delayed -= 1;
    entry.state = 'pending';
    entry.version += 1;
  }

  /** Makes every hidden message whose time has come visible. */
  private promote(): void {
    const now = this.clock.now();
    let woke = false;
    for (let top = this.hidden.peek(); top && top.at <= now; top = this.hidden.peek()) {
      const { entry, version } = this.hidden.pop()!.value;
      if (entry.version !== version || this.entries.get(entry.message.id) !== entry) continue;
      this.leave(entry);
      this.enter(entry, 'visible');
      woke = true;
    }
    if (woke) this.notify();
  }

  private armVisibility(): void {
    for (let top = this.hidden.peek(); top; top = this.hidden.peek()) {
      const { entry, version } = top.value;
      if (entry.version === version && this.entries.get(entry.message.id) === entry) break;
      this.hidden.pop();
    }
    const top = this.hidden.peek();
    if (!top) {
      this.visibilityTimer?.cancel();
      this.visibilityTimer = undefined;
      return;
    }
    if (this.visibilityTimer && this.visibilityTimer.at <= top.at) return;
    this.visibilityTimer?.cancel();
    const at = top.at;
    this.visibilityTimer = {
      at,
      cancel: this.clock.at(at, () => {
        this.visibilityTimer = undefined;
        this.promote();
        this.armVisibility();
      }),
    };
  }

  /** Arms the sweep for the earliest expiry (of `added` if given, else of all messages). */
  private armRetention(added?: MessageRecord): void {
    const retention = this.attribute('MessageRetentionPeriod') * 1000;
    let earliest = Infinity;
    if (added) earliest = added.sentAt + retention;
    else
      for (const { message } of this.entries.values())
        earliest = Math.min(earliest, message.sentAt + retention);
    if (earliest === Infinity || (this.retentionTimer && this.retentionTimer.at <= earliest)) return;
    this.retentionTimer?.cancel();
    this.retentionTimer = {
      at: earliest,
      cancel: this.clock.at(earliest, () => {
        this.retentionTimer = undefined;
        const now = this.clock.now();
        for (const { message } of [...this.entries.values()]) {
          if (message.sentAt + retention <= now) this.delete(message.id);
        }
        this.armRetention();
      }),
    };
  }

  /** Tells the listeners on a later microtask, once, so none runs inside a receive. */
  private notify(): void {
    if (this.notifying) return;
    this.notifying = true;
    queueMicrotask(() => {
      this.notifying = false;
      for (const listener of [...this.listeners]) listener();
    });
  }
}
