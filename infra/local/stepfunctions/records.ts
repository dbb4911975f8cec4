import type { Json, JsonObject } from '../../../workflows/asl';

/** What the local Step Functions keeps, as it keeps it. Times are epoch milliseconds. */

export type StateMachineType = 'STANDARD' | 'EXPRESS';
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface StateMachineRecord {
  arn: string;
  name: string;
  type: StateMachineType;
  roleArn: string;
  revisionId: string;
  creationDate: number;
  updateDate?: number;
  description?: string;
  loggingConfiguration?: JsonObject;
  tracingConfiguration?: JsonObject;
}

/** One version of a definition; executions keep the revision they started with. */
export interface RevisionRecord {
  revisionId: string;
  stateMachineArn: string;
  definition: string;
  roleArn: string;
}

export interface ExecutionRecord {
  arn: string;
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  revisionId: string;
  redriveCount: number;
  redriveDate?: number;
  /** Why the execution cannot be redriven, when it cannot. */
  notRedrivable?: string;
  /** Creation order, for newest-first listings. */
  seq: number;
  /** Id of the last history event; the next one gets lastEventId + 1. */
  lastEventId: number;
  /** When the machine's TimeoutSeconds runs out. */
  deadline?: number;
  traceHeader?: string;
}

/** A failure as Retry/Catch see it; `heartbeat` marks a States.Timeout that came from HeartbeatSeconds. */
export interface Failure {
  error: string;
  cause: string;
  heartbeat?: boolean;
}

/**
 * The JSON text of a branch's current input, when the engine already has it (from the output of
 * the state before), so that it is not serialized again. A symbol key: JSON.stringify leaves it
 * out, so it is never persisted.
 */
export const INPUT_TEXT: unique symbol = Symbol('inputText');

/**
 * One thread of control in an execution: the root, a Parallel branch or a Map iteration.
 * It is the unit the engine persists: restoring every branch restores the execution.
 */
export interface Branch {
  /** '0' for the root; a child is `${parent}.${index}`. */
  id: string;
  parent?: string;
  index: number;
  /** Where its states live in the definition: [] for the root, e.g. ['Fan', 'Branches', 1] or ['Each', 'ItemProcessor']. */
  scope: Array<string | number>;
  /** The current state and its raw input. */
  state: string;
  input: Json;
  phase: Phase;
  /** Bumped whenever the branch is interrupted (stop, timeout, retry of a parent), so late results are ignored. */
  epoch: number;
  enteredAt: number;
  /** Id of the current state's StateEntered event, for error messages. */
  enteredEventId?: number;
  /** Attempts used per retrier of the current state. */
  retries: number[];
  /** Wake-up time for Wait, retry back-off and task timeout. */
  deadline?: number;
  heartbeatDeadline?: number;
  task?: TaskInFlight;
  /** Result of the work of the current state, waiting for the output processing. */
  outcome?: { result: Json } | { failure: Failure };
  variables: JsonObject;
  lastEventId: number;
  /** For a finished child: its output or failure. */
  output?: Json;
  failure?: Failure;
  /** For a Parallel or Map parent: how many children exist, may run at once (0: all), were started and are done. */
  children?: { count: number; maxConcurrency: number; started: number; done: number };
  [INPUT_TEXT]?: string;
}

export type Phase =
  | 'enter' // about to enter `state`
  | 'retry' // waiting out a retry back-off, then runs `state` again without re-entering
  | 'run' // entered, the work is to be started
  | 'task' // a task is in flight
  | 'wait' // a Wait state is waiting for `deadline`
  | 'children' // waiting for child branches
  | 'result' // the work is done (`outcome`), output processing is next
  | 'pending' // a Map iteration not started yet (MaxConcurrency)
  | 'succeeded'
  | 'failed'
  | 'aborted';

export interface TaskInFlight {
  resource: string;
  parameters: Json;
  pattern: 'request' | 'sync' | 'token';
  token?: string;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /** The immediate response of a `.sync` or `.waitForTaskToken` task, once it was submitted. */
  submitted?: Json;
  /** Id of this attempt's TaskScheduled (or LambdaFunctionScheduled) event: names the attempt. */
  scheduledEventId?: number;
}
