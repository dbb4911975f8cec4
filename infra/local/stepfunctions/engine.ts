import { randomUUID } from 'node:crypto';
import type { Definition, Json, StateDefinition } from '../../../workflows/asl';
import type { Clock } from '../clock';
import type { LocalDatabase } from '../store/database';
import type { Active } from './active';
import { executionArn } from './arns';
import * as dataflow from './asl/dataflow';
import { StateScope } from './context';
import { ParsedDefinition } from './definition';
import { matches, retryDelayMs, toFailure } from './errors';
import { ExecutionError } from './execution-error';
import { STATE_EVENTS } from './history';
import { Journal } from './journal';
import { checkSize, payloadTooBig } from './limits';
import {
  INPUT_TEXT,
  type Branch,
  type ExecutionRecord,
  type Failure,
  type Phase,
  type StateMachineRecord,
} from './records';
import { RunQueue } from './run-queue';
import type { StepFunctionsStore } from './store';
import { Tasks } from './tasks';

/** Executions created before this many milliseconds ago cannot be redriven (AWS: 14 days). */
const REDRIVE_WINDOW_MS = 14 * 24 * 3600 * 1000;

/** The event types of a Map iteration (constants: an execution keeps one per iteration and step). */
const ITERATION_EVENTS = {
  Started: 'MapIterationStarted',
  Succeeded: 'MapIterationSucceeded',
  Failed: 'MapIterationFailed',
  Aborted: 'MapIterationAborted',
} as const;

/** Phases of a branch that is not running: finished, or a Map iteration not started yet. */
const ENDED: ReadonlySet<Phase> = new Set(['succeeded', 'failed', 'aborted', 'pending']);

/**
 * How long the interpreter runs before it yields to the event loop, so that HTTP and group
 * commits keep flowing. Long enough for a sizeable execution to run, and commit, in one turn:
 * one that spans turns has its branches written at every commit in between.
 */
const TURN_MS = 10;

/**
 * The durable ASL interpreter. Every change to an execution is written through the group
 * commit before anything it causes (a task invocation, a timer, an API answer) happens, so a
 * killed process resumes every execution from its last committed step (tasks in flight run
 * again: at-least-once).
 */
export class Engine {
  private readonly journal: Journal;
  private readonly tasks: Tasks;
  private readonly active = new Map<string, Active>();
  private readonly finishedListeners = new Map<string, Array<(rec: ExecutionRecord) => void>>();
  private readonly runQueue = new RunQueue();
  private readonly definitions = new Map<string, ParsedDefinition>();
  private draining = false;
  private seq: number;
  private closed = false;

  constructor(
    private readonly store: StepFunctionsStore,
    private readonly db: LocalDatabase,
    private readonly clock: Clock,
    private readonly definitionOf: (revisionId: string) => { definition: Definition; roleArn: string },
  ) {
    this.seq = store.lastSeq();
    this.journal = new Journal(store, clock);
    this.tasks = new Tasks(
      {
        running: (arn) => this.active.get(arn),
        live: (ex, b, epoch) => this.live(ex, b, epoch),
        scope: (ex, b) => this.scope(ex, b),
        completeWork: (ex, b, outcome) => this.completeWork(ex, b, outcome),
        arm: (ex, b) => this.arm(ex, b),
        cancelTimers: (ex, b) => this.cancelTimers(ex, b),
      },
      this.journal,
      store,
      db,
    );
  }

  /** The local integrations Task states run through, by service and action. */
  get integrations() {
    return this.tasks.integrations;
  }

  sendTaskSuccess(token: string, output: Json): void {
    this.tasks.sendTaskSuccess(token, output);
  }

  sendTaskFailure(token: string, error: string, cause: string): void {
    this.tasks.sendTaskFailure(token, error, cause);
  }

  sendTaskHeartbeat(token: string): void {
    this.tasks.sendTaskHeartbeat(token);
  }

  // ---- executions ------------------------------------------------------------------------

  /**
   * StartExecution: the name of a STANDARD execution is taken for good, and asking again for a
   * running one with the same input is idempotent (EXPRESS names are not unique). `relaunch`
   * also accepts a finished one with the same input: the task that asks started it before a crash.
   */
  startExecution(
    machine: StateMachineRecord,
    name: string,
    inputText: string,
    options: { traceHeader?: string; relaunch?: boolean } = {},
  ): ExecutionRecord {
    if (machine.type === 'STANDARD') {
      const existing = this.execution(executionArn(machine.name, name, false, ''));
      if (existing) {
        const same = existing.input === inputText;
        if (same && (existing.status === 'RUNNING' || options.relaunch)) return existing;
        throw new ExecutionError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.arn}'`);
      }
    }
    return this.start(machine, name, inputText, options.traceHeader);
  }

  /** Starts an execution (committed with the next group commit, before anything it causes happens). */
  start(machine: StateMachineRecord, name: string, inputText: string, traceHeader?: string): ExecutionRecord {
    const now = this.journal.now();
    const rec: ExecutionRecord = {
      // Only an EXPRESS execution's ARN carries an id of its own.
      arn:
        machine.type === 'EXPRESS'
          ? executionArn(machine.name, name, true, randomUUID())
          : executionArn(machine.name, name, false, ''),
      stateMachineArn: machine.arn,
      name,
      type: machine.type,
      status: 'RUNNING',
      startDate: now,
      input: inputText,
      revisionId: machine.revisionId,
      redriveCount: 0,
      seq: ++this.seq,
      lastEventId: 0,
      ...(traceHeader ? { traceHeader } : {}),
    };
    const ex = this.activate(rec, []);
    const { TimeoutSeconds, StartAt } = ex.definition.root;
    if (TimeoutSeconds) rec.deadline = now + TimeoutSeconds * 1000;
    this.store.putExecution(rec);
    const text = JSON.stringify(ex.input);
    this.journal.record(ex, undefined, 'ExecutionStarted', undefined, text, { roleArn: ex.roleArn });
    // AWS records the first state's entry with previousEventId 0, not pointing at ExecutionStarted.
    const root = this.newBranch(ex, '0', undefined, 0, [], StartAt, ex.input, 0, text);
    this.armExecutionTimeout(ex);
    this.schedule(ex, root);
    return rec;
  }

  /** Resolves when the execution is no longer RUNNING. */
  whenFinished(arn: string): Promise<ExecutionRecord> {
    const rec = this.active.get(arn)?.rec ?? this.store.execution(arn);
    if (!rec)
      return Promise.reject(
        new ExecutionError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`),
      );
    if (rec.status !== 'RUNNING') return Promise.resolve(rec);
    return new Promise((done) => {
      const listeners = this.finishedListeners.get(arn) ?? [];
      listeners.push(done);
      this.finishedListeners.set(arn, listeners);
    });
  }

  /** The record as it is now (running executions from memory, others from the store). */
  execution(arn: string): ExecutionRecord | undefined {
    return this.active.get(arn)?.rec ?? this.store.execution(arn);
  }

  stop(arn: string, error?: string, cause?: string): ExecutionRecord {
    const ex = this.active.get(arn);
    if (!ex) {
      const rec = this.store.execution(arn);
      if (!rec) throw new ExecutionError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
      return rec;
    }
    this.interruptAll(ex);
    const details: Record<string, string> = {};
    if (error !== undefined) details.error = error;
    if (cause !== undefined) details.cause = cause;
    this.journal.record(ex, undefined, 'ExecutionAborted', undefined, undefined, details);
    this.close(ex, 'ABORTED', { error, cause });
    return ex.rec;
  }

  /** Resumes a FAILED, TIMED_OUT or ABORTED execution from the states that did not succeed. */
  redrive(arn: string): ExecutionRecord {
    const rec = this.store.execution(arn);
    if (!rec) throw new ExecutionError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    const reason = this.notRedrivableReason(rec);
    if (reason) throw new ExecutionError('ExecutionNotRedrivable', reason);
    const ex = this.activate(rec, this.store.branches(rec));
    const { branches } = ex;
    const { TimeoutSeconds } = ex.definition.root;
    const now = this.journal.now();
    rec.status = 'RUNNING';
    rec.redriveCount += 1;
    rec.redriveDate = now;
    delete rec.stopDate;
    delete rec.error;
    delete rec.cause;
    delete rec.output;
    if (TimeoutSeconds) rec.deadline = now + TimeoutSeconds * 1000;
    this.store.putExecution(rec);
    this.journal.record(ex, undefined, 'ExecutionRedriven', undefined, undefined, {
      redriveCount: rec.redriveCount,
    });
    const unfinished = (b: Branch) => b.phase === 'failed' || b.phase === 'aborted';
    const hasChildren = new Set([...branches.values()].map((b) => b.parent));
    for (const b of branches.values()) {
      if (!unfinished(b)) continue;
      b.epoch += 1;
      b.failure = undefined;
      b.outcome = undefined;
      b.task = undefined;
      if (hasChildren.has(b.id)) {
        b.phase = 'children';
        const children = [...branches.values()].filter((c) => c.parent === b.id);
        b.children = {
          ...b.children!,
          done: children.filter((c) => c.phase === 'succeeded').length,
          started: children.filter((c) => c.phase !== 'pending').length,
        };
      } else {
        b.phase = 'enter';
        b.retries = [];
      }
      this.journal.save(ex, b);
    }
    for (const b of branches.values()) if (b.phase === 'enter') this.schedule(ex, b);
    for (const b of branches.values()) if (b.phase === 'children') this.startPendingChildren(ex, b);
    this.armExecutionTimeout(ex);
    return rec;
  }

  /** Why an execution cannot be redriven, or undefined if it can. */
  notRedrivableReason(rec: ExecutionRecord): string | undefined {
    if (rec.type === 'EXPRESS') return 'Express executions cannot be redriven';
    if (rec.status === 'RUNNING' || rec.status === 'SUCCEEDED') {
      return `Execution is ${rec.status} and cannot be redriven`;
    }
    if (rec.notRedrivable) return rec.notRedrivable;
    if (this.journal.now() - rec.startDate > REDRIVE_WINDOW_MS) {
      return 'Execution was started more than 14 days ago and cannot be redriven';
    }
    return undefined;
  }

  // ---- restart ---------------------------------------------------------------------------

  /** Picks up every RUNNING execution from the store, as it was last committed. */
  recover(): number {
    const running = this.store.runningExecutions();
    for (const rec of running) {
      const ex = this.activate(rec, this.store.branches(rec));
      this.seq = Math.max(this.seq, rec.seq);
      this.armExecutionTimeout(ex);
      for (const b of ex.branches.values()) {
        switch (b.phase) {
          case 'enter':
          case 'run':
          case 'result':
            this.schedule(ex, b);
            break;
          case 'task':
            this.arm(ex, b);
            // At-least-once: work that was not acknowledged before the crash runs again.
            this.tasks.resume(ex, b);
            break;
          case 'wait':
          case 'retry':
            this.arm(ex, b);
            break;
        }
      }
    }
    return running.length;
  }

  /** Stops every timer; running executions stay as committed, to be recovered by the next start. */
  shutdown(): void {
    this.closed = true;
    for (const ex of this.active.values()) for (const cancel of ex.timers.values()) cancel();
  }

  // ---- the interpreter -------------------------------------------------------------------

  private schedule(ex: Active, b: Branch): void {
    this.runQueue.push(ex, b);
    if (this.draining) return;
    this.draining = true;
    // A microtask, not a turn: a short execution then runs and commits in one turn.
    queueMicrotask(() => void this.drain());
  }

  private async drain(): Promise<void> {
    let turnEnds = performance.now() + TURN_MS;
    let steps = 0;
    while (this.runQueue.size && !this.closed) {
      const [ex, b] = this.runQueue.shift();
      const work = this.step(ex, b);
      if (work) await work;
      // The wall clock (not the engine's Clock): this is about sharing the thread.
      if (++steps % 64 === 0 && performance.now() >= turnEnds) {
        await new Promise(setImmediate);
        turnEnds = performance.now() + TURN_MS;
      }
    }
    this.draining = false;
  }

  /**
   * Runs the branch's current phase as far as it goes without waiting for the outside world.
   * JSONPath states complete synchronously (no promise: the hot path of the interpreter);
   * JSONata evaluation and error handling return a promise.
   */
  private step(ex: Active, b: Branch): void | Promise<void> {
    const epoch = b.epoch;
    if (!this.live(ex, b, epoch)) return;
    const { state } = ex.definition.state(b.scope, b.state);
    this.journal.beginStep();
    try {
      if (b.phase === 'enter') this.enter(ex, b, state);
      const work =
        b.phase === 'run'
          ? this.run(ex, b, state, epoch)
          : b.phase === 'result'
            ? this.finish(ex, b, state, epoch)
            : undefined;
      if (work) return work.catch((error: unknown) => this.stepFailed(ex, b, state, epoch, error));
    } catch (error) {
      return this.stepFailed(ex, b, state, epoch, error);
    } finally {
      this.journal.endStep();
    }
  }

  private async stepFailed(ex: Active, b: Branch, state: StateDefinition, epoch: number, error: unknown) {
    if (!this.live(ex, b, epoch)) return;
    const failure = toFailure(error);
    // AWS prefixes evaluation errors with where they happened.
    failure.cause = `An error occurred while executing the state '${b.state}' (entered at the event id #${b.enteredEventId ?? 0}). ${failure.cause}`;
    try {
      await this.handleFailure(ex, b, state, failure, epoch);
    } catch (error) {
      // The Catch itself failed (e.g. its ResultPath): nothing is left to handle it.
      if (this.live(ex, b, epoch)) this.branchFailed(ex, b, toFailure(error));
    }
  }

  /** Whether the branch is still where a step that started at `epoch` left it (not stopped, timed out or redriven). */
  private live(ex: Active, b: Branch, epoch: number): boolean {
    return b.epoch === epoch && this.active.get(ex.rec.arn) === ex;
  }

  private scope(ex: Active, b: Branch): dataflow.Scope {
    const { queryLanguage } = ex.definition.state(b.scope, b.state);
    return new StateScope(ex, b, b.input, b.variables, queryLanguage);
  }

  private enter(ex: Active, b: Branch, state: StateDefinition): void {
    b.enteredAt = this.journal.now();
    if (b.retries.length) b.retries = [];
    b.phase = 'run';
    const text = (b[INPUT_TEXT] ??= JSON.stringify(b.input));
    b.enteredEventId = this.journal.record(ex, b, STATE_EVENTS[state.Type].entered, b.state, text);
    this.journal.save(ex, b);
  }

  private run(ex: Active, b: Branch, state: StateDefinition, epoch: number): void | Promise<void> {
    switch (state.Type) {
      case 'Pass':
      case 'Succeed': {
        const outcome = dataflow.stateOutput(state, this.scope(ex, b), undefined);
        if (!(outcome instanceof Promise)) return this.exit(ex, b, state, outcome);
        return outcome.then((o) => {
          if (this.live(ex, b, epoch)) this.exit(ex, b, state, o);
        });
      }
      case 'Choice': {
        const choice = dataflow.choose(state, this.scope(ex, b));
        if (!(choice instanceof Promise)) return this.exit(ex, b, state, choice, choice.next);
        return choice.then((c) => {
          if (this.live(ex, b, epoch)) this.exit(ex, b, state, c, c.next);
        });
      }
      default:
        return this.runWork(ex, b, state, epoch);
    }
  }

  /** The states that wait or spawn: Fail, Wait, Task, Parallel, Map. */
  private async runWork(ex: Active, b: Branch, state: StateDefinition, epoch: number): Promise<void> {
    switch (state.Type) {
      case 'Fail': {
        const { error, cause } = await dataflow.failDetails(state, this.scope(ex, b));
        if (this.live(ex, b, epoch)) this.branchFailed(ex, b, { error: error ?? '', cause: cause ?? '' });
        return;
      }
      case 'Wait': {
        const until = await dataflow.waitUntil(state, this.scope(ex, b), this.journal.now());
        if (!this.live(ex, b, epoch)) return;
        b.phase = 'wait';
        b.deadline = until;
        this.journal.save(ex, b);
        this.db.afterCommit(() => this.arm(ex, b));
        return;
      }
      case 'Task':
        return this.tasks.run(ex, b, state, epoch);
      case 'Parallel': {
        const input = await dataflow.effectiveInput(state, this.scope(ex, b));
        if (!this.live(ex, b, epoch)) return;
        const started = this.journal.record(ex, b, 'ParallelStateStarted');
        // Every branch starts from the same input: one serialization for all of them.
        const text = input === b.input ? b[INPUT_TEXT] : JSON.stringify(input);
        const branches = state.Branches!;
        this.spawnChildren(
          ex,
          b,
          branches.map((branch, i) => ({
            scope: ex.definition.branchScope(b.scope, b.state, i),
            startAt: branch.StartAt,
            input,
            text,
          })),
          0,
          started,
        );
        return;
      }
      case 'Map': {
        const scope = this.scope(ex, b);
        const items = await dataflow.mapItems(state, scope);
        const maxConcurrency = await dataflow.maxConcurrency(state, scope);
        const processor = (state.ItemProcessor ?? state.Iterator)!;
        const inputs: Json[] = [];
        for (let index = 0; index < items.length; index++) {
          const input = dataflow.mapItemInput(state, scope, items[index], index);
          inputs.push(input instanceof Promise ? await input : input);
        }
        if (!this.live(ex, b, epoch)) return;
        const started = this.journal.record(ex, b, 'MapStateStarted', undefined, undefined, {
          length: items.length,
        });
        const itemScope = ex.definition.itemScope(b.scope, b.state);
        if (items.length === 0) {
          this.journal.record(ex, b, 'MapStateSucceeded');
          this.completeWork(ex, b, { result: [] });
          return;
        }
        this.spawnChildren(
          ex,
          b,
          inputs.map((input) => ({
            scope: itemScope,
            startAt: processor.StartAt,
            input,
            text: undefined,
          })),
          maxConcurrency,
          started,
        );
        return;
      }
    }
  }

  /** After the work: output processing, then the transition. */
  private finish(ex: Active, b: Branch, state: StateDefinition, epoch: number): void | Promise<void> {
    const outcome = b.outcome!;
    if ('failure' in outcome) return this.handleFailure(ex, b, state, outcome.failure, epoch);
    const output = dataflow.stateOutput(state, this.scope(ex, b), outcome.result);
    if (!(output instanceof Promise)) return this.exit(ex, b, state, output);
    return output.then((o) => {
      if (this.live(ex, b, epoch)) this.exit(ex, b, state, o);
    });
  }

  private exit(
    ex: Active,
    b: Branch,
    state: StateDefinition,
    outcome: dataflow.Outcome,
    next?: string,
  ): void {
    // A state that passes its input through (a plain Pass, a Choice) has that text already.
    const output =
      outcome.output === b.input && b[INPUT_TEXT] !== undefined
        ? b[INPUT_TEXT]
        : checkSize(outcome.output, `the output of state '${b.state}'`);
    let assignedVariables: Record<string, string> | undefined;
    for (const k in outcome.assign) (assignedVariables ??= {})[k] = JSON.stringify(outcome.assign[k]);
    this.journal.record(
      ex,
      b,
      STATE_EVENTS[state.Type].exited,
      b.state,
      output,
      assignedVariables && { assignedVariables },
    );
    if (assignedVariables) b.variables = { ...b.variables, ...outcome.assign };
    const target = next ?? state.Next;
    if (state.Type === 'Succeed' || (state.End && !next)) return this.branchSucceeded(ex, b, outcome.output);
    this.goto(ex, b, target!, outcome.output, output);
  }

  private goto(ex: Active, b: Branch, next: string, input: Json, inputText: string): void {
    b.state = next;
    b.input = input;
    b[INPUT_TEXT] = inputText;
    b.phase = 'enter';
    if (b.retries.length) b.retries = [];
    b.outcome = undefined;
    b.task = undefined;
    b.deadline = undefined;
    b.heartbeatDeadline = undefined;
    this.journal.save(ex, b);
    this.schedule(ex, b);
  }

  // ---- errors ----------------------------------------------------------------------------

  private async handleFailure(
    ex: Active,
    b: Branch,
    state: StateDefinition,
    failure: Failure,
    epoch: number,
  ): Promise<void> {
    const canHandle = state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map';
    const retriers = canHandle ? (state.Retry ?? []) : [];
    const r = retriers.findIndex((retrier) => matches(retrier.ErrorEquals, failure));
    if (r >= 0) {
      const attempts = b.retries[r] ?? 0;
      const retrier = retriers[r];
      if (attempts < (retrier.MaxAttempts ?? 3)) {
        b.retries[r] = attempts + 1;
        b.phase = 'retry';
        b.deadline = this.journal.now() + retryDelayMs(retrier, attempts);
        b.outcome = undefined;
        b.task = undefined;
        this.removeChildren(ex, b);
        this.journal.save(ex, b);
        this.db.afterCommit(() => this.arm(ex, b));
        return;
      }
    }
    const catcher = canHandle ? (state.Catch ?? []).find((c) => matches(c.ErrorEquals, failure)) : undefined;
    if (catcher) {
      const outcome = await dataflow.catchOutput(catcher, this.scope(ex, b), {
        Error: failure.error,
        Cause: failure.cause,
      });
      if (!this.live(ex, b, epoch)) return;
      this.removeChildren(ex, b);
      this.exit(ex, b, state, outcome, catcher.Next);
      return;
    }
    this.branchFailed(ex, b, failure);
  }

  /** The work of the state is done; output processing (or error handling) comes next. */
  private completeWork(ex: Active, b: Branch, outcome: NonNullable<Branch['outcome']>): void {
    b.outcome = outcome;
    b.phase = 'result';
    this.journal.save(ex, b);
    this.schedule(ex, b);
  }

  // ---- Parallel and Map ------------------------------------------------------------------

  private spawnChildren(
    ex: Active,
    parent: Branch,
    children: Array<{
      scope: Array<string | number>;
      startAt: string;
      input: Json;
      text: string | undefined;
    }>,
    maxConcurrency: number,
    startedEventId: number,
  ): void {
    parent.phase = 'children';
    parent.children = { count: children.length, maxConcurrency, started: 0, done: 0 };
    children.forEach((child, i) => {
      const b = this.newBranch(
        ex,
        `${parent.id}.${i}`,
        parent,
        i,
        child.scope,
        child.startAt,
        child.input,
        startedEventId,
        child.text,
      );
      b.phase = 'pending';
      this.journal.save(ex, b);
    });
    this.journal.save(ex, parent);
    this.startPendingChildren(ex, parent);
  }

  private startPendingChildren(ex: Active, parent: Branch): void {
    const c = parent.children!;
    const { state } = ex.definition.state(parent.scope, parent.state);
    const limit = c.maxConcurrency > 0 ? c.maxConcurrency : c.count;
    while (c.started < c.count && c.started - c.done < limit) {
      const child = ex.branches.get(`${parent.id}.${c.started}`)!;
      c.started += 1;
      if (child.phase !== 'pending') continue;
      if (state.Type === 'Map') this.recordIteration(ex, parent, child, 'Started');
      child.phase = 'enter';
      this.journal.save(ex, child);
      this.schedule(ex, child);
    }
    this.journal.save(ex, parent);
  }

  private childSucceeded(ex: Active, child: Branch, output: Json): void {
    const parent = ex.branches.get(child.parent!)!;
    const { state } = ex.definition.state(parent.scope, parent.state);
    child.phase = 'succeeded';
    child.output = output;
    this.journal.save(ex, child);
    if (state.Type === 'Map') this.recordIteration(ex, parent, child, 'Succeeded');
    const c = parent.children!;
    c.done += 1;
    if (c.done < c.count) return this.startPendingChildren(ex, parent);
    const results: Json[] = [];
    for (let i = 0; i < c.count; i++) results.push(ex.branches.get(`${parent.id}.${i}`)!.output ?? null);
    this.removeChildren(ex, parent);
    this.journal.record(ex, parent, STATE_EVENTS[state.Type].succeeded);
    const tooBig = payloadTooBig(results);
    this.completeWork(ex, parent, tooBig ? { failure: tooBig } : { result: results });
  }

  private childFailed(ex: Active, child: Branch, failure: Failure): void {
    const parent = ex.branches.get(child.parent!)!;
    const { state } = ex.definition.state(parent.scope, parent.state);
    child.phase = 'failed';
    child.failure = failure;
    this.journal.save(ex, child);
    if (state.Type === 'Map') this.recordIteration(ex, parent, child, 'Failed');
    // The siblings stop where they are; they are kept (aborted) so a redrive can resume them.
    for (const sibling of this.descendants(ex, parent)) {
      if (sibling === child || sibling.parent !== parent.id) continue;
      if (ENDED.has(sibling.phase)) continue;
      this.interrupt(ex, sibling);
      if (state.Type === 'Map') this.recordIteration(ex, parent, sibling, 'Aborted');
    }
    this.journal.record(ex, parent, STATE_EVENTS[state.Type].failed);
    this.completeWork(ex, parent, { failure });
  }

  /** A Map iteration's event (Parallel branches have none). */
  private recordIteration(
    ex: Active,
    map: Branch,
    iteration: Branch,
    what: keyof typeof ITERATION_EVENTS,
  ): void {
    this.journal.record(ex, iteration, ITERATION_EVENTS[what], map.state, undefined, {
      index: iteration.index,
    });
  }

  private descendants(ex: Active, b: Branch): Branch[] {
    const prefix = `${b.id}.`;
    return [...ex.branches.values()].filter((d) => d.id.startsWith(prefix));
  }

  private removeChildren(ex: Active, b: Branch): void {
    const gone = this.descendants(ex, b);
    if (!gone.length) return;
    for (const d of gone) {
      // Only what still runs needs stopping; finished and pending branches just go.
      if (!ENDED.has(d.phase)) this.interrupt(ex, d);
      ex.branches.delete(d.id);
      this.store.deleteBranch(ex.rec, d.id);
    }
    b.children = undefined;
  }

  // ---- ends ------------------------------------------------------------------------------

  private branchSucceeded(ex: Active, b: Branch, output: Json): void {
    if (b.parent) return this.childSucceeded(ex, b, output);
    this.journal.record(ex, b, 'ExecutionSucceeded', undefined, JSON.stringify(output));
    b.phase = 'succeeded';
    this.close(ex, 'SUCCEEDED', { output: JSON.stringify(output) });
    // Nothing left to redrive: the branches go.
    for (const id of ex.branches.keys()) this.store.deleteBranch(ex.rec, id);
  }

  private branchFailed(ex: Active, b: Branch, failure: Failure): void {
    this.cancelTimers(ex, b);
    if (b.parent) return this.childFailed(ex, b, failure);
    b.phase = 'failed';
    b.failure = failure;
    this.journal.save(ex, b);
    this.journal.record(ex, b, 'ExecutionFailed', undefined, undefined, {
      error: failure.error,
      cause: failure.cause,
    });
    this.close(ex, 'FAILED', { error: failure.error, cause: failure.cause });
  }

  private close(ex: Active, status: ExecutionRecord['status'], fields: Partial<ExecutionRecord>): void {
    const rec = ex.rec;
    rec.status = status;
    rec.stopDate = this.journal.now();
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) (rec as unknown as Record<string, unknown>)[key] = value;
    }
    delete rec.deadline;
    for (const cancel of ex.timers.values()) cancel();
    ex.timers.clear();
    for (const b of ex.branches.values()) this.tasks.release(b);
    this.active.delete(rec.arn);
    this.store.putExecution(rec);
    const listeners = this.finishedListeners.get(rec.arn) ?? [];
    this.finishedListeners.delete(rec.arn);
    this.db.afterCommit(() => listeners.forEach((done) => done(rec)));
  }

  /** Stops a branch where it is (kept as `aborted`, resumable by a redrive). */
  private interrupt(ex: Active, b: Branch): void {
    this.tasks.abandon(ex, b);
    this.cancelTimers(ex, b);
    b.epoch += 1;
    // Pending Map iterations stay pending: they never started.
    if (!ENDED.has(b.phase)) {
      b.phase = 'aborted';
      b.outcome = undefined;
      b.task = undefined;
      b.deadline = undefined;
      b.heartbeatDeadline = undefined;
    }
    this.journal.save(ex, b);
  }

  private interruptAll(ex: Active): void {
    for (const b of ex.branches.values()) {
      if (b.phase === 'children') {
        this.cancelTimers(ex, b);
        b.epoch += 1;
        this.journal.save(ex, b);
      } else this.interrupt(ex, b);
    }
  }

  // ---- timers ----------------------------------------------------------------------------

  /** (Re-)arms the timers the branch's phase needs, from its stored deadlines. */
  private arm(ex: Active, b: Branch): void {
    this.cancelTimers(ex, b);
    if (this.closed || this.active.get(ex.rec.arn) !== ex) return;
    const epoch = b.epoch;
    const set = (key: string, at: number, fire: () => void) =>
      ex.timers.set(
        `${b.id}:${key}`,
        this.clock.at(at, () => {
          ex.timers.delete(`${b.id}:${key}`);
          if (this.active.get(ex.rec.arn) !== ex || b.epoch !== epoch) return;
          fire();
        }),
      );
    if (b.phase === 'wait' && b.deadline !== undefined) {
      set('deadline', b.deadline, () => {
        b.deadline = undefined;
        this.completeWork(ex, b, { result: null });
      });
    } else if (b.phase === 'retry' && b.deadline !== undefined) {
      set('deadline', b.deadline, () => {
        b.deadline = undefined;
        b.phase = 'run';
        this.journal.save(ex, b);
        this.schedule(ex, b);
      });
    } else if (b.phase === 'task') {
      if (b.deadline !== undefined) set('deadline', b.deadline, () => this.tasks.timedOut(ex, b, false));
      if (b.heartbeatDeadline !== undefined) {
        set('heartbeat', b.heartbeatDeadline, () => this.tasks.timedOut(ex, b, true));
      }
    }
  }

  private cancelTimers(ex: Active, b: Branch): void {
    for (const key of [`${b.id}:deadline`, `${b.id}:heartbeat`]) {
      ex.timers.get(key)?.();
      ex.timers.delete(key);
    }
  }

  private armExecutionTimeout(ex: Active): void {
    if (ex.rec.deadline === undefined || this.closed) return;
    ex.timers.set(
      'execution',
      this.clock.at(ex.rec.deadline, () => {
        if (this.active.get(ex.rec.arn) !== ex) return;
        this.interruptAll(ex);
        const cause = `The execution exceeded its TimeoutSeconds`;
        this.journal.record(ex, undefined, 'ExecutionTimedOut', undefined, undefined, {
          error: 'States.Timeout',
          cause,
        });
        this.close(ex, 'TIMED_OUT', { error: 'States.Timeout', cause });
      }),
    );
  }

  // ---- bookkeeping -----------------------------------------------------------------------

  /** Makes the execution one the engine runs (started, redriven or recovered), with its branches. */
  private activate(rec: ExecutionRecord, branches: Branch[]): Active {
    const { definition, roleArn } = this.definitionOf(rec.revisionId);
    const ex: Active = {
      rec,
      machineName: rec.stateMachineArn.slice(rec.stateMachineArn.lastIndexOf(':') + 1),
      roleArn,
      definition: this.parsed(rec.revisionId, definition),
      input: JSON.parse(rec.input) as Json,
      branches: new Map(branches.map((b) => [b.id, b])),
      timers: new Map(),
    };
    this.active.set(rec.arn, ex);
    return ex;
  }

  /** One ParsedDefinition per revision, shared by its executions (it caches scope lookups). */
  private parsed(revisionId: string, definition: Definition): ParsedDefinition {
    let parsed = this.definitions.get(revisionId);
    if (!parsed) this.definitions.set(revisionId, (parsed = new ParsedDefinition(definition)));
    return parsed;
  }

  private newBranch(
    ex: Active,
    id: string,
    parent: Branch | undefined,
    index: number,
    scope: Array<string | number>,
    state: string,
    input: Json,
    lastEventId: number,
    inputText: string | undefined,
  ): Branch {
    // Every field a branch can have, from the start: one object shape for all of them.
    const b: Branch = {
      id,
      parent: parent?.id,
      index,
      scope,
      state,
      input,
      phase: 'enter',
      epoch: 0,
      enteredAt: this.journal.now(),
      enteredEventId: undefined,
      retries: [],
      deadline: undefined,
      heartbeatDeadline: undefined,
      task: undefined,
      outcome: undefined,
      variables: parent ? parent.variables : {},
      lastEventId,
      output: undefined,
      failure: undefined,
      children: undefined,
      [INPUT_TEXT]: inputText,
    };
    ex.branches.set(id, b);
    this.journal.save(ex, b);
    return b;
  }
}
