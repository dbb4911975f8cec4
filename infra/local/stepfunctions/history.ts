import type { Json } from '../../../workflows/asl';

/**
 * A history event as the engine keeps it: one fixed shape for every type (V8 keeps such objects
 * fast), turned into AWS's shape, with its type-specific details member, by `wireEvent`.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  /** Epoch seconds. */
  timestamp: number;
  type: string;
  details: Record<string, unknown> | undefined;
}

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

const detailsKeys = new Map<string, string | undefined>();

/** The details member of an event type, e.g. `TaskStateEntered` → `stateEnteredEventDetails`. */
export function detailsKey(type: string): string | undefined {
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

export function makeEvent(
  id: number,
  previousEventId: number,
  timestampMs: number,
  type: string,
  details?: Record<string, unknown>,
): HistoryEvent {
  return { id, previousEventId, timestamp: timestampMs / 1000, type, details };
}

/** The event as GetExecutionHistory returns it; without input, output and parameters unless `includeData`. */
export function wireEvent(event: HistoryEvent, includeData: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    timestamp: event.timestamp,
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  const key = detailsKey(event.type);
  if (key && event.details) wire[key] = includeData ? event.details : withoutData(event.details);
  return wire;
}

/** The `…Details` companion of input and output fields: the local engine never truncates. */
export const NOT_TRUNCATED = { truncated: false };

/** JSON text with the `…Details: { truncated }` companion AWS puts beside input and output fields. */
export function dataField(name: 'input' | 'output' | 'parameters', value: Json): Record<string, unknown> {
  const text = JSON.stringify(value);
  if (name === 'parameters') return { parameters: text };
  return { [name]: text, [`${name}Details`]: { truncated: false } };
}

/** Details without input, output and parameters, for GetExecutionHistory with includeExecutionData=false. */
function withoutData(details: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...details };
  for (const field of ['input', 'inputDetails', 'output', 'outputDetails', 'parameters']) delete rest[field];
  return rest;
}

/** `Task`, `Pass`, … as used in `<Kind>StateEntered`. */
export type StateKind = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
