import type { Json } from '../../../workflows/asl';
import type { EventSourceSpec, Topology } from '../../topology';
import type { Clock } from '../clock';
import type { Queue } from '../sqs/queue';
import { decodeReceipt } from '../sqs/receipt';
import type { LocalSqs } from '../sqs/sqs';
import type { InvokeResult, LocalFunction, LocalFunctions } from './functions';
import { sqsEventRecord, type SqsEventRecord } from './sqs-event';

/** Lambda starts with five concurrent batches per mapping; reserved concurrency can lower it. */
const DEFAULT_CONCURRENCY = 5;

/**
 * One SQS event source mapping: woken whenever the queue has visible messages (never polling
 * on a timer), it receives a batch with the queue's visibility timeout, invokes the function
 * with the `aws:sqs` event and deletes what succeeded. Failed messages become visible again
 * when their visibility timeout ends, so the queue's own redrive policy applies.
 */
export class SqsEventSource {
  private running = 0;
  private stopped = false;
  private unsubscribe?: () => void;
  private windowTimer?: () => void;
  private windowOver = false;
  private readonly queueArn: string;

  constructor(
    private readonly fn: LocalFunction,
    private readonly spec: EventSourceSpec,
    private readonly queue: Queue,
    private readonly sqs: LocalSqs,
    private readonly functions: LocalFunctions,
    private readonly clock: Clock,
  ) {
    this.queueArn = sqs.arn(queue.name);
  }

  start(): void {
    this.unsubscribe = this.queue.onAvailable(() => this.wake());
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.windowTimer?.();
  }

  private get batchSize(): number {
    return this.spec.batchSize ?? 10;
  }

  private get concurrency(): number {
    return Math.min(this.fn.spec.reservedConcurrency ?? DEFAULT_CONCURRENCY, DEFAULT_CONCURRENCY);
  }

  /** Takes batches while there are messages and room for another invocation. */
  private wake(): void {
    while (!this.stopped && this.running < this.concurrency) {
      const { visible } = this.queue.counts();
      if (!visible) return;
      if (!this.windowOver && visible < this.batchSize && this.batchingWindow()) return;
      this.windowOver = false;
      this.windowTimer?.();
      this.windowTimer = undefined;
      const messages = this.sqs.receive(
        this.queue,
        this.batchSize,
        this.queue.attribute('VisibilityTimeout'),
      );
      if (!messages.length) return;
      const records = messages.map((m) => sqsEventRecord(m, this.queueArn));
      this.running += 1;
      // The receive (its count and visibility) is committed before the function sees the batch.
      this.sqs.db.afterCommit(() => {
        void this.process(records).finally(() => {
          this.running -= 1;
          this.wake();
        });
      });
    }
  }

  /** With a batching window, waits for a full batch or the window's end; true while waiting. */
  private batchingWindow(): boolean {
    const seconds = this.spec.maximumBatchingWindowSeconds ?? 0;
    if (seconds <= 0) return false;
    this.windowTimer ??= this.clock.at(this.clock.now() + seconds * 1000, () => {
      this.windowTimer = undefined;
      this.windowOver = true;
      this.wake();
    });
    return true;
  }

  private async process(records: SqsEventRecord[]): Promise<void> {
    let result: InvokeResult;
    try {
      result = await this.functions.invoke(this.fn, { Records: records } as unknown as Json);
    } catch {
      return; // throttled: the batch comes back when its visibility timeout ends
    }
    if (this.stopped || result.functionError) return;
    const failed = this.failedItems(result, records);
    for (const record of records) {
      if (failed.has(record.messageId)) continue;
      const receipt = decodeReceipt(record.receiptHandle)!;
      this.queue.deleteByReceipt(receipt.messageId, receipt.nonce);
    }
  }

  /**
   * The messages to keep: none on success; with `reportBatchItemFailures`, those the function
   * lists, or the whole batch when its answer names a message not in the batch (as Lambda does).
   */
  private failedItems(result: InvokeResult, records: SqsEventRecord[]): Set<string> {
    const failures = (result.payload as { batchItemFailures?: unknown } | null)?.batchItemFailures;
    if (!this.spec.reportBatchItemFailures || failures === undefined || failures === null) return new Set();
    const ids = new Set(records.map((r) => r.messageId));
    const all = new Set(ids);
    if (!Array.isArray(failures)) return all;
    const failed = new Set<string>();
    for (const failure of failures) {
      const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
      if (typeof id !== 'string' || !ids.has(id)) return all;
      failed.add(id);
    }
    return failed;
  }
}

/** Starts the topology's SQS event source mappings (`FunctionSpec.queues`). */
export function startEventSourceMappings(
  topology: Topology,
  functions: LocalFunctions,
  sqs: LocalSqs,
  clock: Clock,
): SqsEventSource[] {
  const sources: SqsEventSource[] = [];
  for (const spec of topology.functions) {
    for (const mapping of spec.queues ?? []) {
      const fn = functions.find(spec.name)!;
      const source = new SqsEventSource(fn, mapping, sqs.require(mapping.queue), sqs, functions, clock);
      source.start();
      sources.push(source);
    }
  }
  return sources;
}
