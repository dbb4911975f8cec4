import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Dispatcher } from './dispatcher';
import type { BusEvent } from './entries';
import type { EventBridgeModel } from './model';
import { flatten } from './pattern/pattern';
import type { TargetRecord } from './records';
import type { EventBridgeStore } from './store';
import { renderInput } from './transform';

/** AWS's RetryPolicy defaults: 185 retries within 24 hours. */
const DEFAULT_RETRY = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 };

const DAY_MS = 86_400_000;
/** Expired archived events are swept at most this often per archive, on the way of new ones. */
const SWEEP_EVERY_MS = 3_600_000;

/** Replays deliver only to the rules they name (all the bus's rules when none). */
export interface ReplayRouting {
  name: string;
  filterArns?: string[];
}

/**
 * Sends an accepted event on its way: one outbox row per target of every enabled rule whose
 * pattern matches, and a copy into every archive of the bus whose filter matches (replayed
 * events are not archived again, as AWS's archive rules exclude them).
 */
export class EventRouter {
  private readonly archiveSeq = new Map<string, number>();
  private readonly lastSweep = new Map<string, number>();

  constructor(
    private readonly model: EventBridgeModel,
    private readonly store: EventBridgeStore,
    private readonly dispatcher: Dispatcher,
    private readonly clock: Clock,
  ) {
    for (const archive of model.listArchives())
      this.archiveSeq.set(archive.name, store.lastArchiveSeq(archive.name));
  }

  route(event: BusEvent, bus: string, ingestedAt: number, replay?: ReplayRouting): void {
    const flat = flatten(event);
    const text = JSON.stringify(event);
    for (const { rule, arn, pattern } of this.model.routes(bus)) {
      if (rule.state === 'DISABLED') continue;
      if (replay?.filterArns?.length && !replay.filterArns.includes(arn)) continue;
      if (!pattern.matches(flat)) continue;
      for (const target of rule.targets) {
        this.dispatcher.enqueue(
          this.delivery(target, event, text, { ruleArn: arn, ruleName: rule.name, ingestedAt }),
        );
      }
    }
    if (replay) return;
    for (const { archive, pattern } of this.model.archivesOf(bus)) {
      if (pattern && !pattern.matches(flat)) continue;
      this.sweep(archive.name, archive.retentionDays);
      const seq = (this.archiveSeq.get(archive.name) ?? 0) + 1;
      this.archiveSeq.set(archive.name, seq);
      this.store.archiveEvent(archive.name, seq, ingestedAt, text);
    }
  }

  /** Drops archived events older than the archive's retention (0 keeps them forever). */
  sweep(archive: string, retentionDays: number): void {
    const now = this.clock.now();
    if (!retentionDays || now - (this.lastSweep.get(archive) ?? 0) < SWEEP_EVERY_MS) return;
    this.lastSweep.set(archive, now);
    this.store.expireArchivedEvents(archive, now - retentionDays * DAY_MS);
  }

  forget(archive: string): void {
    this.archiveSeq.delete(archive);
    this.lastSweep.delete(archive);
  }

  private delivery(
    target: TargetRecord,
    event: BusEvent,
    text: string,
    rule: { ruleArn: string; ruleName: string; ingestedAt: number },
  ) {
    const rendered = renderInput(target, event, rule);
    return {
      id: randomUUID(),
      event: text,
      ...rendered,
      ruleArn: rule.ruleArn,
      targetArn: target.Arn,
      maximumRetryAttempts: target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY.maximumRetryAttempts,
      maximumEventAgeSeconds:
        target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY.maximumEventAgeSeconds,
      ...(target.DeadLetterConfig?.Arn ? { deadLetterArn: target.DeadLetterConfig.Arn } : {}),
      attempts: 0,
      acceptedAt: rule.ingestedAt,
      due: 0,
    };
  }
}
