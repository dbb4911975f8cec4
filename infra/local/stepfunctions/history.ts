import type { Json } from '../../../workflows/asl';

/** A history event as GetExecutionHistory returns it (timestamp in epoch seconds). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
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

/** The details member of an event type, e.g. `TaskStateEntered` → `stateEnteredEventDetails`. */
export function detailsKey(type: string): string | undefined {
  if (DETAILS[type]) return DETAILS[type];
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return undefined;
}

export function makeEvent(
  id: number,
  previousEventId: number,
  timestampMs: number,
  type: string,
  details?: Record<string, unknown>,
): HistoryEvent {
  const event: HistoryEvent = { timestamp: timestampMs / 1000, type, id, previousEventId };
  const key = detailsKey(type);
  if (key && details) event[key] = details;
  return event;
}

/** JSON text with the `…Details: { truncated }` companion AWS puts beside input and output fields. */
export function dataField(name: 'input' | 'output' | 'parameters', value: Json): Record<string, unknown> {
  const text = JSON.stringify(value);
  if (name === 'parameters') return { parameters: text };
  return { [name]: text, [`${name}Details`]: { truncated: false } };
}

/** Drops input, output and parameters, for GetExecutionHistory with includeExecutionData=false. */
export function withoutData(event: HistoryEvent): HistoryEvent {
  const key = detailsKey(event.type);
  const details = key ? (event[key] as Record<string, unknown> | undefined) : undefined;
  if (!key || !details) return event;
  const rest = { ...details };
  for (const field of ['input', 'inputDetails', 'output', 'outputDetails', 'parameters']) delete rest[field];
  return { ...event, [key]: rest };
}

/** `Task`, `Pass`, … as used in `<Kind>StateEntered`. */
export type StateKind = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
