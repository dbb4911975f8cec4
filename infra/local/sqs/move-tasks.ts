import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { invalidParameter, legacyCode, sqsError } from './errors';
import type { Queue } from './queue';
import type { MoveTaskRecord } from './records';
import type { LocalSqs } from './sqs';

/**
 * Message move tasks: messages go from a dead-letter queue back to the queues they came from
 * (or to one destination), all at once or `maxPerSecond` a second on the clock. Tasks are
 * durable; a running one carries on after a restart.
 */
export class MoveTasks {
  private readonly tasks = new Map<string, MoveTaskRecord>();
  private readonly timers = new Map<string, () => void>();
  private seq = 0;

  constructor(
    private readonly sqs: LocalSqs,
    private readonly clock: Clock,
  ) {
    for (const task of sqs.store.tasks()) {
      this.tasks.set(task.id, task);
      this.seq = Math.max(this.seq, task.seq);
    }
  }

  /** Picks up the tasks that were running. */
  resume(): void {
    for (const task of this.tasks.values()) if (task.status === 'RUNNING') this.step(task);
  }

  start(
    sourceArn: string,
    destinationArn: string | undefined,
    maxPerSecond: number | undefined,
  ): MoveTaskRecord {
    const source = this.sqs.find(sourceArn);
    if (!source || !sourceArn.startsWith('arn:')) {
      throw sqsError(
        'ResourceNotFoundException',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    }
    if (!this.sqs.deadLetterSources(source).length) {
      throw invalidParameter('Source queue must be configured as a Dead Letter Queue.');
    }
    if (
      destinationArn !== undefined &&
      (!destinationArn.startsWith('arn:') || !this.sqs.find(destinationArn))
    ) {
      throw sqsError(
        'ResourceNotFoundException',
        "The resource that you specified for the DestinationArn parameter doesn't exist.",
      );
    }
    if ([...this.tasks.values()].some((t) => t.sourceArn === sourceArn && t.status === 'RUNNING')) {
      throw invalidParameter(
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    const task: MoveTaskRecord = {
      id: randomUUID(),
      seq: ++this.seq,
      sourceArn,
      ...(destinationArn !== undefined ? { destinationArn } : {}),
      ...(maxPerSecond !== undefined ? { maxPerSecond } : {}),
      status: 'RUNNING',
      moved: 0,
      toMove: source.counts().visible,
      startedAt: this.clock.now(),
    };
    this.tasks.set(task.id, task);
    this.save(task);
    this.sqs.db.afterCommit(() => this.step(task));
    return task;
  }

  /** The newest tasks of a source queue first. */
  list(sourceArn: string, max: number): MoveTaskRecord[] {
    if (!this.sqs.find(sourceArn)) {
      throw sqsError(
        'ResourceNotFoundException',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    }
    return [...this.tasks.values()]
      .filter((t) => t.sourceArn === sourceArn)
      .sort((a, b) => b.seq - a.seq)
      .slice(0, max);
  }

  cancel(handle: string): MoveTaskRecord {
    const decoded = decodeHandle(handle);
    if (!decoded) throw invalidParameter('Value for parameter TaskHandle is invalid.');
    if (!this.sqs.find(decoded.sourceArn)) {
      throw sqsError(
        'ResourceNotFoundException',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    }
    const task = this.tasks.get(decoded.taskId);
    if (!task || task.sourceArn !== decoded.sourceArn || task.status !== 'RUNNING') {
      throw sqsError('ResourceNotFoundException', 'Task does not exist.');
    }
    this.timers.get(task.id)?.();
    this.timers.delete(task.id);
    task.status = 'CANCELLED';
    this.save(task);
    return task;
  }

  close(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  /** Moves the next batch (all, or one second's worth), then schedules the next second. */
  private step(task: MoveTaskRecord): void {
    this.timers.delete(task.id);
    if (task.status !== 'RUNNING') return;
    const source = this.sqs.find(task.sourceArn);
    if (!source) return this.fail(task, 'QueueDoesNotExist');
    let budget = task.maxPerSecond ?? Infinity;
    let left = false;
    for (const message of source.visible()) {
      if (task.moved >= task.toMove) break;
      if (budget <= 0) {
        left = true;
        break;
      }
      const destination = this.destination(task, message.deadLetterSourceArn);
      if (!destination) return this.fail(task, 'QueueDoesNotExist');
      this.sqs.move(source, message, destination, { fresh: true });
      task.moved += 1;
      budget -= 1;
    }
    if (!left || task.moved >= task.toMove) task.status = 'COMPLETED';
    this.save(task);
    if (task.status === 'RUNNING') {
      this.timers.set(
        task.id,
        this.clock.at(this.clock.now() + 1000, () => this.step(task)),
      );
    }
  }

  private destination(task: MoveTaskRecord, originalSource: string | undefined): Queue | undefined {
    const arn = task.destinationArn ?? originalSource;
    return arn ? this.sqs.find(arn) : undefined;
  }

  private fail(task: MoveTaskRecord, code: string): void {
    task.status = 'FAILED';
    task.failureReason = legacyCode(code);
    this.save(task);
  }

  private save(task: MoveTaskRecord): void {
    this.sqs.store.putTask({ ...task });
  }
}

/** ListMessageMoveTasks' entry; the handle only while the task runs, as in SQS. */
export function describeTask(task: MoveTaskRecord): Record<string, unknown> {
  return {
    ...(task.status === 'RUNNING' ? { TaskHandle: encodeHandle(task) } : {}),
    Status: task.status,
    SourceArn: task.sourceArn,
    ...(task.destinationArn ? { DestinationArn: task.destinationArn } : {}),
    ...(task.maxPerSecond !== undefined ? { MaxNumberOfMessagesPerSecond: task.maxPerSecond } : {}),
    ApproximateNumberOfMessagesMoved: task.moved,
    ApproximateNumberOfMessagesToMove: task.toMove,
    ...(task.failureReason ? { FailureReason: task.failureReason } : {}),
    StartedTimestamp: task.startedAt,
  };
}

export function encodeHandle(task: MoveTaskRecord): string {
  return Buffer.from(JSON.stringify({ taskId: task.id, sourceArn: task.sourceArn })).toString('base64');
}

function decodeHandle(handle: string): { taskId: string; sourceArn: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as Record<string, unknown>;
    if (typeof parsed.taskId === 'string' && typeof parsed.sourceArn === 'string') {
      return { taskId: parsed.taskId, sourceArn: parsed.sourceArn };
    }
  } catch {
    // not a handle
  }
  return undefined;
}
