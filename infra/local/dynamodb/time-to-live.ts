import type { LocalDatabase } from '../store/database';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dynamodb_time_to_live (table_name TEXT PRIMARY KEY, attribute TEXT NOT NULL) WITHOUT ROWID;
`;

/**
 * Which tables have Time to Live enabled, and on which attribute. dynalite keeps no TTL
 * setting (its DescribeTimeToLive always answers DISABLED, UpdateTimeToLive is unknown to it),
 * so the setting lives in the runtime database and the sweeper does the expiring.
 */
export class TimeToLiveSettings {
  private readonly byTable = new Map<string, string>();
  private readonly listeners: Array<() => void> = [];
  private readonly stmt;

  constructor(private readonly local: LocalDatabase) {
    local.db.exec(SCHEMA);
    this.stmt = {
      put: local.db.prepare(
        'INSERT OR REPLACE INTO dynamodb_time_to_live (table_name, attribute) VALUES (?, ?)',
      ),
      delete: local.db.prepare('DELETE FROM dynamodb_time_to_live WHERE table_name = ?'),
    };
    const rows = local.db.prepare('SELECT table_name, attribute FROM dynamodb_time_to_live').all() as Array<{
      table_name: string;
      attribute: string;
    }>;
    for (const row of rows) this.byTable.set(row.table_name, row.attribute);
  }

  /** The TTL attribute of `table`, or undefined when TTL is disabled. */
  attribute(table: string): string | undefined {
    return this.byTable.get(table);
  }

  /** Every table with TTL enabled, with its attribute. */
  enabled(): Array<[table: string, attribute: string]> {
    return [...this.byTable];
  }

  /** Calls `listener` after every change. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Enables TTL on `attribute`, or disables it (`null`); resolves once that is committed. */
  set(table: string, attribute: string | null): Promise<void> {
    if (attribute === null) this.byTable.delete(table);
    else this.byTable.set(table, attribute);
    for (const listener of this.listeners) listener();
    this.local.write(
      () => (attribute === null ? this.stmt.delete.run(table) : this.stmt.put.run(table, attribute)),
      `dynamodb:ttl:${table}`,
    );
    return new Promise((resolve) => this.local.afterCommit(resolve));
  }
}
