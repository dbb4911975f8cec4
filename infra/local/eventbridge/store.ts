import type Database from 'better-sqlite3';
import type { LocalDatabase } from '../store/database';
import type { ArchiveRecord, BusRecord, DeliveryRecord, ReplayRecord, RuleRecord } from './records';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS eb_buses (name TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS eb_rules (bus TEXT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (bus, name));
CREATE TABLE IF NOT EXISTS eb_archives (name TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS eb_archive_events (
  archive TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, size INTEGER NOT NULL, event TEXT NOT NULL,
  PRIMARY KEY (archive, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS eb_replays (name TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS eb_deliveries (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
`;

/** An archived event: its sequence in the archive, when it was received, and its JSON text. */
export interface ArchivedEvent {
  seq: number;
  at: number;
  event: string;
}

/** EventBridge's tables in the runtime database. Writes go through the group commit; reads flush first. */
export class EventBridgeStore {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(private readonly local: LocalDatabase) {
    this.db = local.db;
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmt = {
      putBus: db.prepare('INSERT OR REPLACE INTO eb_buses (name, doc) VALUES (?, ?)'),
      deleteBus: db.prepare('DELETE FROM eb_buses WHERE name = ?'),
      buses: db.prepare('SELECT doc FROM eb_buses'),
      putRule: db.prepare('INSERT OR REPLACE INTO eb_rules (bus, name, doc) VALUES (?, ?, ?)'),
      deleteRule: db.prepare('DELETE FROM eb_rules WHERE bus = ? AND name = ?'),
      rules: db.prepare('SELECT doc FROM eb_rules'),
      putArchive: db.prepare('INSERT OR REPLACE INTO eb_archives (name, doc) VALUES (?, ?)'),
      deleteArchive: db.prepare('DELETE FROM eb_archives WHERE name = ?'),
      archives: db.prepare('SELECT doc FROM eb_archives'),
      archiveEvent: db.prepare(
        'INSERT INTO eb_archive_events (archive, seq, at, size, event) VALUES (?, ?, ?, ?, ?)',
      ),
      lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM eb_archive_events WHERE archive = ?'),
      archiveStats: db.prepare(
        'SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS size FROM eb_archive_events WHERE archive = ?',
      ),
      archivedEvents: db.prepare(
        'SELECT seq, at, event FROM eb_archive_events WHERE archive = ? AND seq > ? AND at >= ? AND at < ? ORDER BY seq LIMIT ?',
      ),
      expireEvents: db.prepare('DELETE FROM eb_archive_events WHERE archive = ? AND at < ?'),
      deleteArchiveEvents: db.prepare('DELETE FROM eb_archive_events WHERE archive = ?'),
      putReplay: db.prepare('INSERT OR REPLACE INTO eb_replays (name, doc) VALUES (?, ?)'),
      replays: db.prepare('SELECT doc FROM eb_replays'),
      putDelivery: db.prepare('INSERT OR REPLACE INTO eb_deliveries (id, doc) VALUES (?, ?)'),
      deleteDelivery: db.prepare('DELETE FROM eb_deliveries WHERE id = ?'),
      deliveries: db.prepare('SELECT doc FROM eb_deliveries'),
    };
  }

  // Writes (group-committed)

  putBus(bus: BusRecord): void {
    this.local.write(() => this.stmt.putBus.run(bus.name, JSON.stringify(bus)), `eb-bus:${bus.name}`);
  }

  deleteBus(name: string): void {
    this.local.write(() => this.stmt.deleteBus.run(name), `eb-bus:${name}`);
  }

  /** Saves the rule as it is at commit time. */
  putRule(rule: RuleRecord): void {
    this.local.write(
      () => this.stmt.putRule.run(rule.bus, rule.name, JSON.stringify(rule)),
      `eb-rule:${rule.bus}/${rule.name}`,
    );
  }

  deleteRule(bus: string, name: string): void {
    this.local.write(() => this.stmt.deleteRule.run(bus, name), `eb-rule:${bus}/${name}`);
  }

  putArchive(archive: ArchiveRecord): void {
    this.local.write(
      () => this.stmt.putArchive.run(archive.name, JSON.stringify(archive)),
      `eb-archive:${archive.name}`,
    );
  }

  deleteArchive(name: string): void {
    this.local.write(() => {
      this.stmt.deleteArchive.run(name);
      this.stmt.deleteArchiveEvents.run(name);
    }, `eb-archive:${name}`);
  }

  archiveEvent(archive: string, seq: number, at: number, event: string): void {
    this.local.write(() => this.stmt.archiveEvent.run(archive, seq, at, Buffer.byteLength(event), event));
  }

  expireArchivedEvents(archive: string, before: number): void {
    this.local.write(() => this.stmt.expireEvents.run(archive, before));
  }

  /** Saves the replay as it is at commit time. */
  putReplay(replay: ReplayRecord): void {
    this.local.write(
      () => this.stmt.putReplay.run(replay.name, JSON.stringify(replay)),
      `eb-replay:${replay.name}`,
    );
  }

  /** Saves the delivery as it is at commit time. */
  putDelivery(delivery: DeliveryRecord): void {
    this.local.write(
      () => this.stmt.putDelivery.run(delivery.id, JSON.stringify(delivery)),
      `eb-delivery:${delivery.id}`,
    );
  }

  deleteDelivery(id: string): void {
    this.local.write(() => this.stmt.deleteDelivery.run(id), `eb-delivery:${id}`);
  }

  // Reads (see every write made so far)

  buses(): BusRecord[] {
    return this.all<BusRecord>(this.stmt.buses);
  }

  rules(): RuleRecord[] {
    return this.all<RuleRecord>(this.stmt.rules);
  }

  archives(): ArchiveRecord[] {
    return this.all<ArchiveRecord>(this.stmt.archives);
  }

  replays(): ReplayRecord[] {
    return this.all<ReplayRecord>(this.stmt.replays);
  }

  deliveries(): DeliveryRecord[] {
    return this.all<DeliveryRecord>(this.stmt.deliveries);
  }

  lastArchiveSeq(archive: string): number {
    this.local.flush();
    return (this.stmt.lastSeq.get(archive) as { seq: number }).seq;
  }

  archiveStats(archive: string): { count: number; size: number } {
    this.local.flush();
    return this.stmt.archiveStats.get(archive) as { count: number; size: number };
  }

  /** Archived events after `afterSeq`, received in [from, to), in order. */
  archivedEvents(
    archive: string,
    afterSeq: number,
    from: number,
    to: number,
    limit: number,
  ): ArchivedEvent[] {
    this.local.flush();
    return this.stmt.archivedEvents.all(archive, afterSeq, from, to, limit) as ArchivedEvent[];
  }

  private all<T>(statement: Database.Statement): T[] {
    this.local.flush();
    return (statement.all() as Array<{ doc: string }>).map((row) => JSON.parse(row.doc) as T);
  }
}
