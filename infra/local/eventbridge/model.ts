import type { Clock } from '../clock';
import { AwsError } from '../http/aws-error';
import { DEFAULT_BUS, ruleArn } from './arns';
import { EventPattern } from './pattern/pattern';
import type { ArchiveRecord, BusRecord, ReplayRecord, RuleRecord, TargetRecord } from './records';
import type { EventBridgeStore } from './store';

/** AWS allows five targets on a rule. */
export const MAX_TARGETS_PER_RULE = 5;

const notFound = (message: string) => new AwsError('ResourceNotFoundException', message);
const busNotFound = (name: string) => notFound(`Event bus ${name} does not exist.`);

/**
 * The buses, rules (with their targets and compiled patterns), archives and replays: kept in
 * memory for routing, written through to the store. Throws AWS's errors for missing or clashing
 * resources; request validation happens before, in the API.
 */
export class EventBridgeModel {
  private readonly buses = new Map<string, BusRecord>();
  /** Rules by bus, then by name. */
  private readonly rules = new Map<string, Map<string, RuleRecord>>();
  private readonly patterns = new Map<RuleRecord, EventPattern>();
  private readonly archives = new Map<string, ArchiveRecord>();
  private readonly archivePatterns = new Map<string, EventPattern | undefined>();
  readonly replays = new Map<string, ReplayRecord>();

  constructor(
    readonly store: EventBridgeStore,
    private readonly clock: Clock,
  ) {
    for (const bus of store.buses()) this.buses.set(bus.name, bus);
    for (const rule of store.rules()) this.indexRule(rule);
    for (const archive of store.archives()) this.indexArchive(archive);
    for (const replay of store.replays()) this.replays.set(replay.name, replay);
    if (!this.buses.has(DEFAULT_BUS)) this.createBus(DEFAULT_BUS);
  }

  // ---- buses ---------------------------------------------------------------------------------

  bus(name: string): BusRecord {
    const bus = this.buses.get(name);
    if (!bus) throw busNotFound(name);
    return bus;
  }

  hasBus(name: string): boolean {
    return this.buses.has(name);
  }

  listBuses(): BusRecord[] {
    return [...this.buses.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  createBus(name: string, description?: string): BusRecord {
    if (this.buses.has(name))
      throw new AwsError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
    const now = this.clock.now();
    const bus: BusRecord = { name, createdAt: now, modifiedAt: now, ...(description ? { description } : {}) };
    this.buses.set(name, bus);
    this.store.putBus(bus);
    return bus;
  }

  /** Deletes the bus and its rules; deleting a bus that does not exist is not an error. */
  deleteBus(name: string): void {
    if (name === DEFAULT_BUS) throw new AwsError('ValidationException', 'Cannot delete event bus default.');
    if (!this.buses.delete(name)) return;
    for (const rule of this.rules.get(name)?.values() ?? []) this.store.deleteRule(name, rule.name);
    this.rules.delete(name);
    this.store.deleteBus(name);
  }

  // ---- rules ---------------------------------------------------------------------------------

  rule(bus: string, name: string): RuleRecord {
    this.bus(bus);
    const rule = this.rules.get(bus)?.get(name);
    if (!rule) throw notFound(`Rule ${name} does not exist on EventBus ${bus}.`);
    return rule;
  }

  /** Rules of a bus, by name. */
  listRules(bus: string): RuleRecord[] {
    this.bus(bus);
    return [...(this.rules.get(bus)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Creates or replaces a rule (its targets stay), as PutRule does. */
  putRule(rule: Omit<RuleRecord, 'createdAt' | 'targets'>, pattern: EventPattern): RuleRecord {
    this.bus(rule.bus);
    const existing = this.rules.get(rule.bus)?.get(rule.name);
    const record: RuleRecord = {
      ...rule,
      createdAt: existing?.createdAt ?? this.clock.now(),
      targets: existing?.targets ?? [],
    };
    if (existing) this.patterns.delete(existing);
    this.indexRule(record, pattern);
    this.store.putRule(record);
    return record;
  }

  setRuleState(bus: string, name: string, state: RuleRecord['state']): void {
    const rule = this.rule(bus, name);
    rule.state = state;
    this.store.putRule(rule);
  }

  /** Deleting a rule that does not exist is not an error; one with targets is. */
  deleteRule(bus: string, name: string): void {
    this.bus(bus);
    const rule = this.rules.get(bus)?.get(name);
    if (!rule) return;
    if (rule.targets.length)
      throw new AwsError('ValidationException', "Rule can't be deleted since it has targets.");
    this.rules.get(bus)!.delete(name);
    this.patterns.delete(rule);
    this.store.deleteRule(bus, name);
  }

  /** Adds or replaces targets by Id. */
  putTargets(bus: string, name: string, targets: TargetRecord[]): void {
    const rule = this.rule(bus, name);
    const byId = new Map(rule.targets.map((t) => [t.Id, t]));
    for (const target of targets) byId.set(target.Id, target);
    if (byId.size > MAX_TARGETS_PER_RULE) {
      throw new AwsError(
        'LimitExceededException',
        'The requested resource exceeds the maximum number allowed.',
      );
    }
    rule.targets = [...byId.values()];
    this.store.putRule(rule);
  }

  removeTargets(bus: string, name: string, ids: string[]): void {
    const rule = this.rule(bus, name);
    rule.targets = rule.targets.filter((t) => !ids.includes(t.Id));
    this.store.putRule(rule);
  }

  /** The rules that route an event of this bus, with their compiled patterns. */
  routes(bus: string): Array<{ rule: RuleRecord; arn: string; pattern: EventPattern }> {
    return [...(this.rules.get(bus)?.values() ?? [])].map((rule) => ({
      rule,
      arn: ruleArn(bus, rule.name),
      pattern: this.patterns.get(rule)!,
    }));
  }

  private indexRule(rule: RuleRecord, pattern = EventPattern.compile(rule.eventPattern)): void {
    if (!this.rules.has(rule.bus)) this.rules.set(rule.bus, new Map());
    this.rules.get(rule.bus)!.set(rule.name, rule);
    this.patterns.set(rule, pattern);
  }

  // ---- archives ------------------------------------------------------------------------------

  archive(name: string): ArchiveRecord {
    const archive = this.archives.get(name);
    if (!archive) throw notFound(`Archive ${name} does not exist.`);
    return archive;
  }

  hasArchive(name: string): boolean {
    return this.archives.has(name);
  }

  listArchives(): ArchiveRecord[] {
    return [...this.archives.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  createArchive(archive: ArchiveRecord, pattern: EventPattern | undefined): void {
    this.bus(archive.bus);
    if (this.archives.has(archive.name)) {
      throw new AwsError('ResourceAlreadyExistsException', `Archive ${archive.name} already exists.`);
    }
    this.indexArchive(archive, pattern);
    this.store.putArchive(archive);
  }

  setArchiveRetention(name: string, retentionDays: number): void {
    const archive = this.archive(name);
    archive.retentionDays = retentionDays;
    this.store.putArchive(archive);
  }

  deleteArchive(name: string): void {
    this.archive(name);
    this.archives.delete(name);
    this.archivePatterns.delete(name);
    this.store.deleteArchive(name);
  }

  /** The archives of a bus, with their filters (none: every event). */
  archivesOf(bus: string): Array<{ archive: ArchiveRecord; pattern: EventPattern | undefined }> {
    return [...this.archives.values()]
      .filter((a) => a.bus === bus)
      .map((archive) => ({ archive, pattern: this.archivePatterns.get(archive.name) }));
  }

  private indexArchive(
    archive: ArchiveRecord,
    pattern = archive.eventPattern === undefined ? undefined : EventPattern.compile(archive.eventPattern),
  ): void {
    this.archives.set(archive.name, archive);
    this.archivePatterns.set(archive.name, pattern);
  }
}
