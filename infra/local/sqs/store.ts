import type Database from 'better-sqlite3';
import type { LocalDatabase } from '../store/database';
import type { MessageContent, MessageRecord, MoveTaskRecord, QueueRecord } from './records';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sqs_queues (name TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sqs_messages (
  seq INTEGER PRIMARY KEY, queue TEXT NOT NULL, content TEXT NOT NULL, visible_at INTEGER NOT NULL,
  receive_count INTEGER NOT NULL, first_received_at INTEGER, last_received_at INTEGER, receipt TEXT);
CREATE TABLE IF NOT EXISTS sqs_move_tasks (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
`;

/** How a message changed since the last commit: `state` rewrites only the delivery columns. */
type Change = 'insert' | 'state' | 'delete';

interface MessageRow {
  seq: number;
  queue: string;
  content: string;
  visible_at: number;
  receive_count: number;
  first_received_at: number | null;
  last_received_at: number | null;
  receipt: string | null;
}

/**
 * SQS's tables. Messages change on every receive, so they are kept in a dirty set written once
 * per group commit: a message sent, received and deleted in one turn costs nothing.
 */
export class SqsStore {
  private readonly db: Database.Database;
  private readonly stmt;
  private dirty = new Map<number, { message: MessageRecord; change: Change }>();

  constructor(private readonly local: LocalDatabase) {
    this.db = local.db;
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmt = {
      putQueue: db.prepare('INSERT OR REPLACE INTO sqs_queues (name, doc) VALUES (?, ?)'),
      deleteQueue: db.prepare('DELETE FROM sqs_queues WHERE name = ?'),
      queues: db.prepare('SELECT doc FROM sqs_queues'),
      insert: db.prepare(
        `INSERT OR REPLACE INTO sqs_messages
         (seq, queue, content, visible_at, receive_count, first_received_at, last_received_at, receipt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare(
        `UPDATE sqs_messages SET queue = ?, visible_at = ?, receive_count = ?, first_received_at = ?,
         last_received_at = ?, receipt = ? WHERE seq = ?`,
      ),
      delete: db.prepare('DELETE FROM sqs_messages WHERE seq = ?'),
      messages: db.prepare('SELECT * FROM sqs_messages ORDER BY seq'),
      putTask: db.prepare('INSERT OR REPLACE INTO sqs_move_tasks (id, doc) VALUES (?, ?)'),
      tasks: db.prepare('SELECT doc FROM sqs_move_tasks'),
    };
    local.onFlush(() => this.writeMessages());
  }

  putQueue(queue: QueueRecord): void {
    const doc = JSON.stringify(queue);
    this.local.write(() => this.stmt.putQueue.run(queue.name, doc), `sqs:q:${queue.name}`);
  }

  deleteQueue(name: string): void {
    this.local.write(() => this.stmt.deleteQueue.run(name), `sqs:q:${name}`);
  }

  /** A new message, or one whose content changed (moved to a dead-letter queue). */
  insertMessage(message: MessageRecord): void {
    this.mark(message, 'insert');
  }

  /** Its visibility, receive count or receipt changed. */
  updateMessage(message: MessageRecord): void {
    this.mark(message, 'state');
  }

  deleteMessage(message: MessageRecord): void {
    this.mark(message, 'delete');
  }

  putTask(task: MoveTaskRecord): void {
    const doc = JSON.stringify(task);
    this.local.write(() => this.stmt.putTask.run(task.id, doc), `sqs:t:${task.id}`);
  }

  queues(): QueueRecord[] {
    return this.stmt.queues.all().map((row) => JSON.parse((row as { doc: string }).doc) as QueueRecord);
  }

  messages(): MessageRecord[] {
    return (this.stmt.messages.all() as MessageRow[]).map((row) => ({
      ...(JSON.parse(row.content) as MessageContent),
      seq: row.seq,
      queue: row.queue,
      visibleAt: row.visible_at,
      receiveCount: row.receive_count,
      ...(row.first_received_at !== null ? { firstReceivedAt: row.first_received_at } : {}),
      ...(row.last_received_at !== null ? { lastReceivedAt: row.last_received_at } : {}),
      ...(row.receipt !== null ? { receipt: row.receipt } : {}),
    }));
  }

  tasks(): MoveTaskRecord[] {
    return this.stmt.tasks.all().map((row) => JSON.parse((row as { doc: string }).doc) as MoveTaskRecord);
  }

  private mark(message: MessageRecord, change: Change): void {
    const previous = this.dirty.get(message.seq)?.change;
    // A delete always wins; an insert not yet written stays an insert (it carries the state too).
    const merged = change === 'delete' || previous === undefined || previous === 'state' ? change : previous;
    this.dirty.set(message.seq, { message, change: merged });
    this.local.schedule();
  }

  private writeMessages(): void {
    const dirty = this.dirty;
    this.dirty = new Map();
    for (const [seq, { message: m, change }] of dirty) {
      if (change === 'delete') this.stmt.delete.run(seq);
      else if (change === 'state') {
        this.stmt.update.run(
          m.queue,
          m.visibleAt,
          m.receiveCount,
          m.firstReceivedAt ?? null,
          m.lastReceivedAt ?? null,
          m.receipt ?? null,
          seq,
        );
      } else {
        this.stmt.insert.run(
          seq,
          m.queue,
          JSON.stringify(content(m)),
          m.visibleAt,
          m.receiveCount,
          m.firstReceivedAt ?? null,
          m.lastReceivedAt ?? null,
          m.receipt ?? null,
        );
      }
    }
  }
}

function content(m: MessageRecord): MessageContent {
  return {
    id: m.id,
    body: m.body,
    md5OfBody: m.md5OfBody,
    ...(m.attributes ? { attributes: m.attributes, md5OfAttributes: m.md5OfAttributes } : {}),
    ...(m.traceHeader !== undefined ? { traceHeader: m.traceHeader } : {}),
    ...(m.groupId !== undefined ? { groupId: m.groupId } : {}),
    senderId: m.senderId,
    sentAt: m.sentAt,
    ...(m.deadLetterSourceArn !== undefined ? { deadLetterSourceArn: m.deadLetterSourceArn } : {}),
  };
}
