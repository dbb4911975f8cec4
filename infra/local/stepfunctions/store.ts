import type Database from 'better-sqlite3';
import type { LocalDatabase } from '../store/database';
import type { HistoryEvent } from './history';
import type { Branch, ExecutionRecord, ExecutionStatus, RevisionRecord, StateMachineRecord } from './records';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sfn_state_machines (arn TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sfn_revisions (revision_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sfn_executions (
  arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, status TEXT NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sfn_executions_by_machine ON sfn_executions (state_machine_arn, seq);
CREATE INDEX IF NOT EXISTS sfn_executions_by_status ON sfn_executions (status);
CREATE TABLE IF NOT EXISTS sfn_events (
  execution_arn TEXT NOT NULL, id INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (execution_arn, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sfn_branches (
  execution_arn TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (execution_arn, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sfn_closed_tokens (token TEXT PRIMARY KEY, reason TEXT NOT NULL) WITHOUT ROWID;
`;

/** Step Functions' tables in the runtime database. Writes go through the group commit; reads flush first. */
export class StepFunctionsStore {
  private readonly db: Database.Database;
  private readonly stmt;

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
        'INSERT OR REPLACE INTO sfn_executions (arn, state_machine_arn, status, seq, doc) VALUES (?, ?, ?, ?, ?)',
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
      putEvent: db.prepare('INSERT OR REPLACE INTO sfn_events (execution_arn, id, doc) VALUES (?, ?, ?)'),
      eventsForward: db.prepare(
        'SELECT doc FROM sfn_events WHERE execution_arn = ? AND id > ? ORDER BY id ASC LIMIT ?',
      ),
      eventsBackward: db.prepare(
        'SELECT doc FROM sfn_events WHERE execution_arn = ? AND id < ? ORDER BY id DESC LIMIT ?',
      ),
      putBranch: db.prepare('INSERT OR REPLACE INTO sfn_branches (execution_arn, id, doc) VALUES (?, ?, ?)'),
      deleteBranch: db.prepare('DELETE FROM sfn_branches WHERE execution_arn = ? AND id = ?'),
      deleteBranches: db.prepare('DELETE FROM sfn_branches WHERE execution_arn = ?'),
      branches: db.prepare('SELECT doc FROM sfn_branches WHERE execution_arn = ?'),
      closeToken: db.prepare('INSERT OR REPLACE INTO sfn_closed_tokens (token, reason) VALUES (?, ?)'),
      closedToken: db.prepare('SELECT reason FROM sfn_closed_tokens WHERE token = ?'),
    };
  }

  // Writes (group-committed)

  putStateMachine(machine: StateMachineRecord): void {
    this.local.write(
      () => this.stmt.putMachine.run(machine.arn, JSON.stringify(machine)),
      `sm:${machine.arn}`,
    );
  }

  deleteStateMachine(arn: string): void {
    this.local.write(() => this.stmt.deleteMachine.run(arn), `sm:${arn}`);
  }

  putRevision(revision: RevisionRecord): void {
    this.local.write(() => this.stmt.putRevision.run(revision.revisionId, JSON.stringify(revision)));
  }

  /** Saves the execution as it is at commit time. */
  putExecution(execution: ExecutionRecord): void {
    this.local.write(
      () =>
        this.stmt.putExecution.run(
          execution.arn,
          execution.stateMachineArn,
          execution.status,
          execution.seq,
          JSON.stringify(execution),
        ),
      `ex:${execution.arn}`,
    );
  }

  appendEvent(executionArn: string, event: HistoryEvent): void {
    const doc = JSON.stringify(event);
    this.local.write(() => this.stmt.putEvent.run(executionArn, event.id, doc));
  }

  /** Saves the branch as it is at commit time. */
  putBranch(executionArn: string, branch: Branch): void {
    this.local.write(
      () => this.stmt.putBranch.run(executionArn, branch.id, JSON.stringify(branch)),
      `br:${executionArn}:${branch.id}`,
    );
  }

  deleteBranch(executionArn: string, id: string): void {
    this.local.write(() => this.stmt.deleteBranch.run(executionArn, id), `br:${executionArn}:${id}`);
  }

  deleteBranches(executionArn: string, ids: Iterable<string>): void {
    for (const id of ids) this.deleteBranch(executionArn, id);
  }

  closeToken(token: string, reason: 'closed' | 'timed-out'): void {
    this.local.write(() => this.stmt.closeToken.run(token, reason));
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

  /** Newest first, those created before `beforeSeq`. */
  executions(
    stateMachineArn: string,
    status: ExecutionStatus | undefined,
    beforeSeq: number,
    limit: number,
  ): ExecutionRecord[] {
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

  /** Events after `afterId` (ascending) or before `beforeId` (descending). */
  events(executionArn: string, from: number, limit: number, reverse: boolean): HistoryEvent[] {
    this.local.flush();
    const rows = reverse
      ? this.stmt.eventsBackward.all(executionArn, from, limit)
      : this.stmt.eventsForward.all(executionArn, from, limit);
    return rows.map(rowDoc<HistoryEvent>);
  }

  branches(executionArn: string): Branch[] {
    this.local.flush();
    return this.stmt.branches.all(executionArn).map(rowDoc<Branch>);
  }

  closedToken(token: string): 'closed' | 'timed-out' | undefined {
    this.local.flush();
    const row = this.stmt.closedToken.get(token) as { reason: 'closed' | 'timed-out' } | undefined;
    return row?.reason;
  }
}

function rowDoc<T>(row: unknown): T {
  return JSON.parse((row as { doc: string }).doc) as T;
}
