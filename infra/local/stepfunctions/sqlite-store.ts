import type Database from 'better-sqlite3';
import type { LocalDatabase } from '../store/database';
import type { HistoryEvent } from './history';
import { decodeEvents, encodeEvents } from './history-rows';
import type { Branch, ExecutionRecord, ExecutionStatus, RevisionRecord, StateMachineRecord } from './records';
import type { ClosedReason, StepFunctionsStore } from './store';

// Events and branches are keyed by the execution's `seq` (an integer), not its ARN: smaller rows
// and cheaper index comparisons on the hottest tables. They are rowid tables with an index, not
// WITHOUT ROWID: their rows (JSON of inputs and outputs) are large, which WITHOUT ROWID handles badly. The events an execution records between
// two commits are one row (a JSON array with ids first_id..last_id): one insert, not one per event.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS sfn_state_machines (arn TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sfn_revisions (revision_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sfn_executions (
  seq INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, state_machine_arn TEXT NOT NULL, status TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sfn_executions_by_machine ON sfn_executions (state_machine_arn, seq);
-- Only running executions are looked up by status (at start); finished ones are filtered while listing.
CREATE INDEX IF NOT EXISTS sfn_executions_running ON sfn_executions (seq) WHERE status = 'RUNNING';
CREATE TABLE IF NOT EXISTS sfn_history (
  seq INTEGER NOT NULL, first_id INTEGER NOT NULL, last_id INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS sfn_history_by_execution ON sfn_history (seq, first_id);
CREATE TABLE IF NOT EXISTS sfn_branch_rows (seq INTEGER NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS sfn_branch_rows_by_execution ON sfn_branch_rows (seq, id);
CREATE TABLE IF NOT EXISTS sfn_closed_tokens (token TEXT PRIMARY KEY, reason TEXT NOT NULL) WITHOUT ROWID;
`;

/**
 * Step Functions' tables in the runtime database. Changes collect in dirty sets and are written
 * in the next group commit (objects serialized as they are then); reads commit first.
 */
export class SqliteStepFunctionsStore implements StepFunctionsStore {
  private readonly db: Database.Database;
  private readonly stmt;
  /** Per execution seq, the events recorded since the last commit. */
  private eventsDirty = new Map<number, HistoryEvent[]>();
  private executionsDirty = new Set<ExecutionRecord>();
  /** `${seq} ${id}` → the branch to write, or null to delete it. */
  private branchesDirty = new Map<string, { seq: number; id: string; branch: Branch | null }>();
  /**
   * The `${seq} ${id}` of the branch rows in the table that this process wrote or read: a branch
   * born and gone between two commits needs no DELETE. The engine only deletes branches of
   * executions it started, or recovered or redrove (which read them all through `branches`).
   */
  private readonly branchRows = new Set<string>();
  private tokensClosed: Array<[string, ClosedReason]> = [];

  constructor(private readonly local: LocalDatabase) {
    this.db = local.db;
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmt = {
      putMachine: db.prepare('INSERT OR REPLACE INTO sfn_state_machines (arn, doc) VALUES (?, ?)'),
      deleteMachine: db.prepare('DELETE FROM sfn_state_machines WHERE arn = ?'),
      machines: db.prepare('SELECT doc FROM sfn_state_machines'),
      putRevision: db.prepare('INSERT OR IGNORE INTO sfn_revisions (revision_id, doc) VALUES (?, ?)'),
      revision: db.prepare('SELECT doc FROM sfn_revisions WHERE revision_id = ?'),
      putExecution: db.prepare(
        'INSERT OR REPLACE INTO sfn_executions (seq, arn, state_machine_arn, status, doc) VALUES (?, ?, ?, ?, ?)',
      ),
      execution: db.prepare('SELECT doc FROM sfn_executions WHERE arn = ?'),
      listExecutions: db.prepare(
        'SELECT doc FROM sfn_executions WHERE state_machine_arn = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      listExecutionsByStatus: db.prepare(
        'SELECT doc FROM sfn_executions WHERE state_machine_arn = ? AND status = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      running: db.prepare("SELECT doc FROM sfn_executions WHERE status = 'RUNNING'"),
      maxSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM sfn_executions'),
      putEvents: db.prepare(
        'INSERT OR REPLACE INTO sfn_history (seq, first_id, last_id, doc) VALUES (?, ?, ?, ?)',
      ),
      eventsForward: db.prepare(
        'SELECT doc FROM sfn_history WHERE seq = ? AND last_id > ? ORDER BY first_id ASC',
      ),
      eventsBackward: db.prepare(
        'SELECT doc FROM sfn_history WHERE seq = ? AND first_id < ? ORDER BY first_id DESC',
      ),
      putBranch: db.prepare('INSERT OR REPLACE INTO sfn_branch_rows (seq, id, doc) VALUES (?, ?, ?)'),
      deleteBranch: db.prepare('DELETE FROM sfn_branch_rows WHERE seq = ? AND id = ?'),
      branches: db.prepare('SELECT doc FROM sfn_branch_rows WHERE seq = ?'),
      closeToken: db.prepare('INSERT OR REPLACE INTO sfn_closed_tokens (token, reason) VALUES (?, ?)'),
      closedToken: db.prepare('SELECT reason FROM sfn_closed_tokens WHERE token = ?'),
    };
    local.onFlush(() => this.writeDirty());
  }

  // Writes (group-committed)

  putStateMachine(machine: StateMachineRecord): void {
    this.local.write(
      () => this.stmt.putMachine.run(machine.arn, JSON.stringify(machine)),
      `sfn:sm:${machine.arn}`,
    );
  }

  deleteStateMachine(arn: string): void {
    this.local.write(() => this.stmt.deleteMachine.run(arn), `sfn:sm:${arn}`);
  }

  putRevision(revision: RevisionRecord): void {
    this.local.write(() => this.stmt.putRevision.run(revision.revisionId, JSON.stringify(revision)));
  }

  putExecution(execution: ExecutionRecord): void {
    this.executionsDirty.add(execution);
    this.local.schedule();
  }

  // Plain parameters typed by the interface (not a rest array: this is the engine's hottest call).
  appendEvent: StepFunctionsStore['appendEvent'] = (
    execution,
    previousEventId,
    at,
    type,
    name,
    data,
    details,
  ) => {
    this.executionsDirty.add(execution);
    const event: HistoryEvent = { id: execution.lastEventId, previousEventId, at, type, name, data, details };
    const pending = this.eventsDirty.get(execution.seq);
    if (pending) pending.push(event);
    else this.eventsDirty.set(execution.seq, [event]);
    this.local.schedule();
  };

  putBranch(execution: ExecutionRecord, branch: Branch): void {
    this.branchesDirty.set(`${execution.seq} ${branch.id}`, { seq: execution.seq, id: branch.id, branch });
    this.local.schedule();
  }

  deleteBranch(execution: ExecutionRecord, id: string): void {
    const key = `${execution.seq} ${id}`;
    if (this.branchRows.has(key)) {
      this.branchesDirty.set(key, { seq: execution.seq, id, branch: null });
      this.local.schedule();
    } else this.branchesDirty.delete(key);
  }

  closeToken(token: string, reason: ClosedReason): void {
    this.tokensClosed.push([token, reason]);
    this.local.schedule();
  }

  private writeDirty(): void {
    for (const e of this.executionsDirty) {
      this.stmt.putExecution.run(e.seq, e.arn, e.stateMachineArn, e.status, JSON.stringify(e));
    }
    for (const [seq, events] of this.eventsDirty) {
      this.stmt.putEvents.run(seq, events[0].id, events[events.length - 1].id, encodeEvents(events));
    }
    for (const [key, { seq, id, branch }] of this.branchesDirty) {
      if (branch) {
        this.stmt.putBranch.run(seq, id, JSON.stringify(branch));
        this.branchRows.add(key);
      } else {
        this.stmt.deleteBranch.run(seq, id);
        this.branchRows.delete(key);
      }
    }
    for (const [token, reason] of this.tokensClosed) this.stmt.closeToken.run(token, reason);
    this.executionsDirty = new Set();
    this.eventsDirty = new Map();
    this.branchesDirty = new Map();
    this.tokensClosed = [];
  }

  // Reads (see every write made so far)

  stateMachines(): StateMachineRecord[] {
    this.local.flush();
    return this.stmt.machines.all().map(rowDoc<StateMachineRecord>);
  }

  revision(revisionId: string): RevisionRecord | undefined {
    this.local.flush();
    const row = this.stmt.revision.get(revisionId);
    return row ? rowDoc<RevisionRecord>(row) : undefined;
  }

  execution(arn: string): ExecutionRecord | undefined {
    this.local.flush();
    const row = this.stmt.execution.get(arn);
    return row ? rowDoc<ExecutionRecord>(row) : undefined;
  }

  executions(stateMachineArn: string, status: ExecutionStatus | undefined, beforeSeq: number, limit: number) {
    this.local.flush();
    const rows = status
      ? this.stmt.listExecutionsByStatus.all(stateMachineArn, status, beforeSeq, limit)
      : this.stmt.listExecutions.all(stateMachineArn, beforeSeq, limit);
    return rows.map(rowDoc<ExecutionRecord>);
  }

  runningExecutions(): ExecutionRecord[] {
    this.local.flush();
    return this.stmt.running.all().map(rowDoc<ExecutionRecord>);
  }

  lastSeq(): number {
    return (this.stmt.maxSeq.get() as { seq: number }).seq;
  }

  events(execution: ExecutionRecord, from: number, limit: number, reverse: boolean): HistoryEvent[] {
    this.local.flush();
    const found: HistoryEvent[] = [];
    const rows = (reverse ? this.stmt.eventsBackward : this.stmt.eventsForward).iterate(execution.seq, from);
    for (const row of rows) {
      const chunk = decodeEvents((row as { doc: string }).doc);
      if (reverse) chunk.reverse();
      for (const event of chunk) {
        if (reverse ? event.id >= from : event.id <= from) continue;
        found.push(event);
        if (found.length === limit) return found;
      }
    }
    return found;
  }

  branches(execution: ExecutionRecord): Branch[] {
    this.local.flush();
    const branches = this.stmt.branches.all(execution.seq).map(rowDoc<Branch>);
    for (const b of branches) this.branchRows.add(`${execution.seq} ${b.id}`);
    return branches;
  }

  closedToken(token: string): ClosedReason | undefined {
    this.local.flush();
    const row = this.stmt.closedToken.get(token) as { reason: ClosedReason } | undefined;
    return row?.reason;
  }
}

function rowDoc<T>(row: unknown): T {
  return JSON.parse((row as { doc: string }).doc) as T;
}
