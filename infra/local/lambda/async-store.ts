import type Database from 'better-sqlite3';
import type { Json } from '../../../workflows/asl';
import type { LocalDatabase } from '../store/database';

/** An event waiting in Lambda's asynchronous queue. Times are epoch milliseconds. */
export interface AsyncEvent {
  id: string;
  functionName: string;
  payload: Json;
  enqueuedAt: number;
  /** Invocations that ran (throttled ones do not count). */
  attempts: number;
  /** Throttles in a row, for the back-off. */
  throttles: number;
  nextAttemptAt: number;
  /** The last failed invocation's answer, for the failure record. */
  lastError?: { requestId: string; payload: Json };
}

const SCHEMA = 'CREATE TABLE IF NOT EXISTS lambda_async_events (id TEXT PRIMARY KEY, doc TEXT NOT NULL);';

/** Lambda's asynchronous queue: one row per event until it is processed, written by group commit. */
export class AsyncEventStore {
  private readonly stmt;

  constructor(private readonly local: LocalDatabase) {
    const db: Database.Database = local.db;
    db.exec(SCHEMA);
    this.stmt = {
      put: db.prepare('INSERT OR REPLACE INTO lambda_async_events (id, doc) VALUES (?, ?)'),
      delete: db.prepare('DELETE FROM lambda_async_events WHERE id = ?'),
      all: db.prepare('SELECT doc FROM lambda_async_events'),
    };
  }

  put(event: AsyncEvent): void {
    const doc = JSON.stringify(event);
    this.local.write(() => this.stmt.put.run(event.id, doc), `lambda:async:${event.id}`);
  }

  delete(id: string): void {
    this.local.write(() => this.stmt.delete.run(id), `lambda:async:${id}`);
  }

  all(): AsyncEvent[] {
    return this.stmt.all.all().map((row) => JSON.parse((row as { doc: string }).doc) as AsyncEvent);
  }
}
