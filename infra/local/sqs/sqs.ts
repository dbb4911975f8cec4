import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { LOCAL_ACCOUNT } from '../lambda/functions';
import { localResources } from '../resources';
import type { LocalDatabase } from '../store/database';
import { invalidParameter, invalidValue, queueDoesNotExist, sqsError } from './errors';
import { md5OfBody, md5OfMessageAttributes } from './md5';
import { attributesSize, checkCharacters, checkMessageAttributes } from './message-attributes';
import { checkAttributes, DEFAULT_ATTRIBUTES, redrivePolicyOf } from './queue-attributes';
import { Queue } from './queue';
import type { MessageRecord } from './records';
import { SqsStore } from './store';

/** What a sender gives for one message (the internal API and the SQS API alike). */
export interface OutgoingMessage {
  body: string;
  delaySeconds?: number;
  attributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  traceHeader?: string;
  groupId?: string;
  senderId?: string;
}

export interface SentMessage {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes?: string;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
/** AWS refuses a new queue with the name of one deleted less than this ago. */
const DELETED_RECENTLY_MS = 60_000;

/**
 * The local SQS: standard queues, durable in the runtime database. Other services use `send`
 * and `arn`; the SQS API, Step Functions and Lambda's event source mappings use the rest.
 */
export class LocalSqs {
  readonly store: SqsStore;
  private readonly queues = new Map<string, Queue>();
  private readonly deletedAt = new Map<string, number>();
  private readonly polls = new Set<() => void>();
  private seq = 0;

  constructor(
    readonly db: LocalDatabase,
    readonly clock: Clock,
    private readonly endpointUrl: string,
  ) {
    this.store = new SqsStore(db);
    for (const record of this.store.queues()) {
      this.queues.set(record.name, new Queue(record, this.store, db, clock));
    }
    for (const message of this.store.messages()) {
      this.seq = Math.max(this.seq, message.seq);
      this.queues.get(message.queue)?.restore(message);
    }
    for (const queue of this.queues.values()) queue.resume();
  }

  /** The queue's ARN. */
  arn(name: string): string {
    return localResources(this.endpointUrl).queueArn(name);
  }

  /** The queue's URL; `host` is the request's Host header when answering the API. */
  url(name: string, host?: string): string {
    return host ? `http://${host}/${LOCAL_ACCOUNT}/${name}` : localResources(this.endpointUrl).queueUrl(name);
  }

  /**
   * Sends one message to a queue given by name, ARN or URL; it is written with the caller's
   * group commit. Throws `AwsError('QueueDoesNotExist')` for an unknown queue.
   */
  send(queue: string, message: OutgoingMessage): { messageId: string } {
    const { messageId } = this.sendMessage(this.require(queue), message);
    return { messageId };
  }

  /** A queue by name, ARN or URL. */
  find(reference: string): Queue | undefined {
    return this.queues.get(nameOf(reference));
  }

  require(reference: string): Queue {
    const queue = this.find(reference);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  list(): Queue[] {
    return [...this.queues.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Creates a queue, or returns the existing one when its attributes are the same. */
  createQueue(name: string, attributes: unknown, tags: Record<string, string> = {}): Queue {
    if (!QUEUE_NAME.test(name)) {
      if (name.endsWith('.fifo')) {
        throw sqsError(
          'InvalidParameterValue',
          'The local runtime supports standard queues only, not FIFO queues.',
        );
      }
      throw invalidParameter(
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const checked = checkAttributes(attributes, (arn) => this.find(arn) !== undefined);
    const existing = this.queues.get(name);
    if (existing) {
      for (const [key, value] of Object.entries(checked)) {
        const current = existing.record.attributes[key] ?? DEFAULT_ATTRIBUTES[key] ?? '';
        if (current !== value) {
          throw sqsError(
            'QueueNameExists',
            `A queue already exists with the same name and a different value for attribute ${key}`,
          );
        }
      }
      return existing;
    }
    const deletedAt = this.deletedAt.get(name);
    if (deletedAt !== undefined && this.clock.now() - deletedAt < DELETED_RECENTLY_MS) {
      throw sqsError(
        'QueueDeletedRecently',
        'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
      );
    }
    const now = this.clock.now();
    const record = {
      name,
      createdAt: now,
      lastModifiedAt: now,
      attributes: { ...DEFAULT_ATTRIBUTES, ...withoutEmpty(checked) },
      tags,
    };
    const queue = new Queue(record, this.store, this.db, this.clock);
    this.queues.set(name, queue);
    this.store.putQueue(record);
    return queue;
  }

  deleteQueue(queue: Queue): void {
    queue.purge();
    queue.close();
    this.queues.delete(queue.name);
    this.deletedAt.set(queue.name, this.clock.now());
    this.store.deleteQueue(queue.name);
  }

  setAttributes(queue: Queue, attributes: unknown): void {
    const checked = checkAttributes(attributes, (arn) => this.find(arn) !== undefined);
    const merged = { ...queue.record.attributes, ...checked };
    queue.record = { ...queue.record, attributes: withoutEmpty(merged), lastModifiedAt: this.clock.now() };
    this.store.putQueue(queue.record);
    queue.rearmTimers();
  }

  putTags(queue: Queue, tags: Record<string, string>): void {
    queue.record = { ...queue.record, tags };
    this.store.putQueue(queue.record);
  }

  /** Checks and enqueues one message. */
  sendMessage(queue: Queue, message: OutgoingMessage): SentMessage {
    const attributes = checkMessageAttributes(message.attributes);
    const { body } = message;
    if (typeof body !== 'string' || body.length === 0) {
      throw sqsError('MissingParameter', 'The request must contain the parameter MessageBody.');
    }
    checkCharacters(body);
    const limit = queue.attribute('MaximumMessageSize');
    if (Buffer.byteLength(body) + attributesSize(attributes) > limit) {
      throw invalidParameter(
        `One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`,
      );
    }
    const delay = message.delaySeconds ?? queue.attribute('DelaySeconds');
    if (!Number.isInteger(delay) || delay < 0 || delay > 900) {
      throw invalidValue('DelaySeconds', delay, 'DelaySeconds must be >= 0 and <= 900.');
    }
    const now = this.clock.now();
    const record: MessageRecord = {
      id: randomUUID(),
      body,
      md5OfBody: md5OfBody(body),
      ...(attributes ? { attributes, md5OfAttributes: md5OfMessageAttributes(attributes) } : {}),
      ...(message.traceHeader !== undefined ? { traceHeader: message.traceHeader } : {}),
      ...(message.groupId !== undefined ? { groupId: message.groupId } : {}),
      senderId: message.senderId ?? LOCAL_ACCOUNT,
      sentAt: now,
      seq: ++this.seq,
      queue: queue.name,
      visibleAt: now + delay * 1000,
      receiveCount: 0,
    };
    queue.add(record);
    return { messageId: record.id, md5OfBody: record.md5OfBody, md5OfAttributes: record.md5OfAttributes };
  }

  /**
   * Receives up to `max` messages hidden for `visibilityTimeout` seconds; messages received
   * `maxReceiveCount` times already go to the dead-letter queue instead (the redrive policy).
   */
  receive(queue: Queue, max: number, visibilityTimeout: number): MessageRecord[] {
    const policy = redrivePolicyOf(queue.record.attributes);
    if (!policy) return queue.receive(max, visibilityTimeout);
    return queue.receive(max, visibilityTimeout, (message) => {
      if (message.receiveCount < policy.maxReceiveCount) return false;
      const target = this.find(policy.deadLetterTargetArn);
      if (!target || target === queue) return false;
      this.move(queue, message, target, { deadLetterSourceArn: this.arn(queue.name) });
      return true;
    });
  }

  /**
   * Moves a message to another queue: as it is for a dead-letter redrive, as a new arrival
   * (`fresh`) for a message move task.
   */
  move(
    from: Queue,
    message: MessageRecord,
    to: Queue,
    change: { deadLetterSourceArn?: string; fresh?: boolean },
  ): void {
    from.detach(message.id);
    const now = this.clock.now();
    message.queue = to.name;
    message.visibleAt = now;
    delete message.receipt;
    if (change.deadLetterSourceArn) message.deadLetterSourceArn = change.deadLetterSourceArn;
    if (change.fresh) {
      message.receiveCount = 0;
      message.sentAt = now;
      delete message.firstReceivedAt;
      delete message.lastReceivedAt;
      delete message.deadLetterSourceArn;
    }
    to.add(message);
  }

  /** Queues whose redrive policy names this one as their dead-letter queue. */
  deadLetterSources(queue: Queue): Queue[] {
    const arn = this.arn(queue.name);
    return this.list().filter((q) => redrivePolicyOf(q.record.attributes)?.deadLetterTargetArn === arn);
  }

  /**
   * Long polling: resolves with `attempt()`'s first non-empty answer, tried now and whenever
   * the queue gets visible messages, or with `[]` after `waitSeconds` (or at close).
   */
  poll<T>(queue: Queue, waitSeconds: number, attempt: () => T[], abort?: AbortSignal): Promise<T[]> {
    const first = attempt();
    if (first.length || waitSeconds === 0) return Promise.resolve(first);
    return new Promise((resolve) => {
      const finish = (result: T[]) => {
        unsubscribe();
        cancelTimer();
        this.polls.delete(end);
        abort?.removeEventListener('abort', end);
        resolve(result);
      };
      const end = () => finish([]);
      const unsubscribe = queue.onAvailable(() => {
        if (!this.queues.has(queue.name)) return end();
        const result = attempt();
        if (result.length) finish(result);
      });
      const cancelTimer = this.clock.at(this.clock.now() + waitSeconds * 1000, end);
      this.polls.add(end);
      abort?.addEventListener('abort', end);
    });
  }

  /** Long polls waiting now (for tests and the operator). */
  pollsWaiting(): number {
    return this.polls.size;
  }

  close(): void {
    for (const end of [...this.polls]) end();
    for (const queue of this.queues.values()) queue.close();
  }
}

/** The queue name in a name, an ARN (`…:name`) or a URL (`…/account/name`). */
function nameOf(reference: string): string {
  if (reference.startsWith('arn:')) return reference.slice(reference.lastIndexOf(':') + 1);
  if (/^https?:\/\//.test(reference)) {
    try {
      const path = new URL(reference).pathname.split('/').filter(Boolean);
      return path[path.length - 1] ?? '';
    } catch {
      return '';
    }
  }
  return reference;
}

function withoutEmpty(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== ''));
}
