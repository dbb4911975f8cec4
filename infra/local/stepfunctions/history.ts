/**
 * A history event as the engine keeps it: one fixed, compact shape for every type (V8 keeps such
 * objects fast, and an execution keeps hundreds of them), turned into AWS's shape by `wireEvent`.
 * What most events carry, a state name and one JSON payload, has fields of its own; the rest of
 * the type-specific details (error, cause, index, …) sits in `details`, already named as AWS names it.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  /** Epoch milliseconds. */
  at: number;
  type: string;
  /** The state (or, for Map iterations, the Map state) the event belongs to. */
  name: string | undefined;
  /** JSON text of the event's input, output or parameters; which of them follows from the type (`dataFieldOf`). */
  data: string | undefined;
  details: Record<string, unknown> | undefined;
}

/**
 * The fields of a new event, handed over one by one rather than as an object, so that a store
 * that keeps events its own way (in columns, as text) makes no object per event.
 */
export type EventFields = [
  previousEventId: number,
  at: number,
  type: string,
  name: string | undefined,
  data: string | undefined,
  details: Record<string, unknown> | undefined,
];

/** The details member AWS uses for each event type (aws-wire.md §2.1). Types absent here carry none. */
const DETAILS: Record<string, string> = {
  ExecutionStarted: 'executionStartedEventDetails',
  ExecutionSucceeded: 'executionSucceededEventDetails',
  ExecutionFailed: 'executionFailedEventDetails',
  ExecutionAborted: 'executionAbortedEventDetails',
  ExecutionTimedOut: 'executionTimedOutEventDetails',
  ExecutionRedriven: 'executionRedrivenEventDetails',
  TaskScheduled: 'taskScheduledEventDetails',
  TaskStarted: 'taskStartedEventDetails',
  TaskSubmitted: 'taskSubmittedEventDetails',
  TaskSucceeded: 'taskSucceededEventDetails',
  TaskFailed: 'taskFailedEventDetails',
  TaskStartFailed: 'taskStartFailedEventDetails',
  TaskSubmitFailed: 'taskSubmitFailedEventDetails',
  TaskTimedOut: 'taskTimedOutEventDetails',
  LambdaFunctionScheduled: 'lambdaFunctionScheduledEventDetails',
  LambdaFunctionSucceeded: 'lambdaFunctionSucceededEventDetails',
  LambdaFunctionFailed: 'lambdaFunctionFailedEventDetails',
  LambdaFunctionTimedOut: 'lambdaFunctionTimedOutEventDetails',
  LambdaFunctionStartFailed: 'lambdaFunctionStartFailedEventDetails',
  LambdaFunctionScheduleFailed: 'lambdaFunctionScheduleFailedEventDetails',
  MapStateStarted: 'mapStateStartedEventDetails',
  MapIterationStarted: 'mapIterationStartedEventDetails',
  MapIterationSucceeded: 'mapIterationSucceededEventDetails',
  MapIterationFailed: 'mapIterationFailedEventDetails',
  MapIterationAborted: 'mapIterationAbortedEventDetails',
  EvaluationFailed: 'evaluationFailedEventDetails',
};

type DataField = 'input' | 'output' | 'parameters';

/** Which field the `data` of an event type fills, for the types that carry one. */
const DATA: Record<string, DataField> = {
  ExecutionStarted: 'input',
  ExecutionSucceeded: 'output',
  LambdaFunctionScheduled: 'input',
  LambdaFunctionSucceeded: 'output',
  TaskScheduled: 'parameters',
  TaskSubmitted: 'output',
  TaskSucceeded: 'output',
};

const detailsKeys = new Map<string, string | undefined>();

/** The details member of an event type, e.g. `TaskStateEntered` → `stateEnteredEventDetails`. */
function detailsKey(type: string): string | undefined {
  if (detailsKeys.has(type)) return detailsKeys.get(type);
  const key =
    DETAILS[type] ??
    (type.endsWith('StateEntered')
      ? 'stateEnteredEventDetails'
      : type.endsWith('StateExited')
        ? 'stateExitedEventDetails'
        : undefined);
  detailsKeys.set(type, key);
  return key;
}

function dataFieldOf(type: string): DataField | undefined {
  return (
    DATA[type] ??
    (type.endsWith('StateEntered') ? 'input' : type.endsWith('StateExited') ? 'output' : undefined)
  );
}

/** The event types of each state type, built once so that recording an event allocates no type string. */
export const STATE_EVENTS = Object.fromEntries(
  (['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const).map((kind) => [
    kind,
    {
      entered: `${kind}StateEntered`,
      exited: `${kind}StateExited`,
      succeeded: `${kind}StateSucceeded`,
      failed: `${kind}StateFailed`,
    },
  ]),
) as Record<StateKind, { entered: string; exited: string; succeeded: string; failed: string }>;

/** `Task`, `Pass`, … as used in `<Kind>StateEntered`. */
type StateKind = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/** The `…Details` companion of input and output fields: the local engine never truncates. */
const NOT_TRUNCATED = { truncated: false } as const;

/** The event as GetExecutionHistory returns it; without input, output and parameters unless `includeData`. */
export function wireEvent(event: HistoryEvent, includeData: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    timestamp: event.at / 1000,
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  const key = detailsKey(event.type);
  if (!key) return wire;
  const details: Record<string, unknown> = {};
  if (event.name !== undefined) details.name = event.name;
  const field = dataFieldOf(event.type);
  if (field && event.data !== undefined && includeData) {
    details[field] = event.data;
    if (field !== 'parameters') details[`${field}Details`] = NOT_TRUNCATED;
  }
  if (event.details) Object.assign(details, event.details);
  if (event.details?.assignedVariables) details.assignedVariablesDetails = NOT_TRUNCATED;
  if (event.name !== undefined || event.data !== undefined || event.details) wire[key] = details;
  return wire;
}
