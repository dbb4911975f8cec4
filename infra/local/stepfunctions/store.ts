import type { EventFields, HistoryEvent } from './history';
import type { Branch, ExecutionRecord, ExecutionStatus, RevisionRecord, StateMachineRecord } from './records';

/**
 * Where Step Functions keeps its state: SQLite in the data directory (`SqliteStepFunctionsStore`,
 * written through the group commit) or plain memory (`MemoryStepFunctionsStore`). Writes take the
 * live objects the engine mutates; a durable store serializes them at commit time.
 */
export interface StepFunctionsStore {
  putStateMachine(machine: StateMachineRecord): void;
  deleteStateMachine(arn: string): void;
  putRevision(revision: RevisionRecord): void;
  putExecution(execution: ExecutionRecord): void;
  /** Adds the event whose id is the execution's lastEventId, and keeps the record, whose lastEventId moved on. */
  appendEvent(execution: ExecutionRecord, ...event: EventFields): void;
  putBranch(execution: ExecutionRecord, branch: Branch): void;
  deleteBranch(execution: ExecutionRecord, id: string): void;
  closeToken(token: string, reason: ClosedReason): void;

  stateMachines(): StateMachineRecord[];
  revision(revisionId: string): RevisionRecord | undefined;
  execution(arn: string): ExecutionRecord | undefined;
  /** Newest first, those created before `beforeSeq`. */
  executions(
    stateMachineArn: string,
    status: ExecutionStatus | undefined,
    beforeSeq: number,
    limit: number,
  ): ExecutionRecord[];
  runningExecutions(): ExecutionRecord[];
  lastSeq(): number;
  /** Events after `from` (ascending) or before it (descending). */
  events(execution: ExecutionRecord, from: number, limit: number, reverse: boolean): HistoryEvent[];
  branches(execution: ExecutionRecord): Branch[];
  closedToken(token: string): ClosedReason | undefined;
}

export type ClosedReason = 'closed' | 'timed-out';
