import { EventColumns } from './event-columns';
import type { HistoryEvent } from './history';
import type { Branch, ExecutionRecord, ExecutionStatus, RevisionRecord, StateMachineRecord } from './records';
import type { ClosedReason, StepFunctionsStore } from './store';

/** Step Functions' state in plain memory (`--memory`): the live objects, no serialization. */
export class MemoryStepFunctionsStore implements StepFunctionsStore {
  private readonly machines = new Map<string, StateMachineRecord>();
  private readonly revisions = new Map<string, RevisionRecord>();
  private readonly byArn = new Map<string, ExecutionRecord>();
  /** Per state machine, in creation order. */
  private readonly byMachine = new Map<string, ExecutionRecord[]>();
  private readonly history = new Map<string, EventColumns>();
  private readonly branchesOf = new Map<string, Map<string, Branch>>();
  private readonly closed = new Map<string, ClosedReason>();
  private seq = 0;

  putStateMachine(machine: StateMachineRecord): void {
    this.machines.set(machine.arn, machine);
  }

  deleteStateMachine(arn: string): void {
    this.machines.delete(arn);
  }

  putRevision(revision: RevisionRecord): void {
    if (!this.revisions.has(revision.revisionId)) this.revisions.set(revision.revisionId, revision);
  }

  putExecution(execution: ExecutionRecord): void {
    if (this.byArn.has(execution.arn)) return;
    this.byArn.set(execution.arn, execution);
    const list = this.byMachine.get(execution.stateMachineArn) ?? [];
    list.push(execution);
    this.byMachine.set(execution.stateMachineArn, list);
    this.seq = Math.max(this.seq, execution.seq);
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
    let events = this.history.get(execution.arn);
    if (!events) this.history.set(execution.arn, (events = new EventColumns()));
    events.push(previousEventId, at, type, name, data, details);
  };

  putBranch(execution: ExecutionRecord, branch: Branch): void {
    let branches = this.branchesOf.get(execution.arn);
    if (!branches) this.branchesOf.set(execution.arn, (branches = new Map()));
    branches.set(branch.id, branch);
  }

  deleteBranch(execution: ExecutionRecord, id: string): void {
    const branches = this.branchesOf.get(execution.arn);
    if (branches?.delete(id) && !branches.size) this.branchesOf.delete(execution.arn);
  }

  closeToken(token: string, reason: ClosedReason): void {
    this.closed.set(token, reason);
  }

  stateMachines(): StateMachineRecord[] {
    return [...this.machines.values()];
  }

  revision(revisionId: string): RevisionRecord | undefined {
    return this.revisions.get(revisionId);
  }

  execution(arn: string): ExecutionRecord | undefined {
    return this.byArn.get(arn);
  }

  executions(stateMachineArn: string, status: ExecutionStatus | undefined, beforeSeq: number, limit: number) {
    const list = this.byMachine.get(stateMachineArn) ?? [];
    const found: ExecutionRecord[] = [];
    for (let i = list.length - 1; i >= 0 && found.length < limit; i--) {
      const e = list[i];
      if (e.seq < beforeSeq && (!status || e.status === status)) found.push(e);
    }
    return found;
  }

  runningExecutions(): ExecutionRecord[] {
    return [...this.byArn.values()].filter((e) => e.status === 'RUNNING');
  }

  lastSeq(): number {
    return this.seq;
  }

  events(execution: ExecutionRecord, from: number, limit: number, reverse: boolean): HistoryEvent[] {
    const events = this.history.get(execution.arn);
    if (!events) return [];
    // Ids are 1-based and dense, so an id is its index + 1.
    const [start, end] = reverse
      ? [Math.max(0, Math.min(from - 1, events.length) - limit), Math.min(from - 1, events.length)]
      : [from, Math.min(from + limit, events.length)];
    const found: HistoryEvent[] = [];
    for (let i = start; i < end; i++) found.push(events.event(i));
    return reverse ? found.reverse() : found;
  }

  branches(execution: ExecutionRecord): Branch[] {
    return [...(this.branchesOf.get(execution.arn)?.values() ?? [])];
  }

  closedToken(token: string): ClosedReason | undefined {
    return this.closed.get(token);
  }
}
