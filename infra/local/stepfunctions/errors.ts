import type { Retrier } from '../../../workflows/asl';
import { StatesError } from './asl/states-error';
import type { Failure } from './records';

/** Errors no Retry or Catch can handle: the execution fails. */
export const TERMINAL_ERRORS = new Set(['States.Runtime']);

/** Errors the wildcards `States.ALL` and `States.TaskFailed` leave alone (they must be named). */
const NOT_WILDCARDED = new Set(['States.Runtime', 'States.DataLimitExceeded']);

/** Whether a Retrier's or Catcher's ErrorEquals covers the failure, with AWS's wildcard rules. */
export function matches(errorEquals: string[], failure: Failure): boolean {
  if (TERMINAL_ERRORS.has(failure.error)) return false;
  const isTimeout = failure.error === 'States.Timeout';
  return errorEquals.some((name) => {
    if (name === failure.error) return true;
    if (name === 'States.HeartbeatTimeout') return isTimeout && failure.heartbeat === true;
    if (name === 'States.ALL') return !NOT_WILDCARDED.has(failure.error);
    if (name === 'States.TaskFailed') return !isTimeout && !NOT_WILDCARDED.has(failure.error);
    return false;
  });
}

/**
 * The back-off before retry number `attempt + 1`: IntervalSeconds × BackoffRate^attempt, capped
 * by MaxDelaySeconds; FULL jitter picks uniformly below that.
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number = Math.random): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  let seconds = interval * Math.pow(rate, attempt);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}

/** Any error thrown while evaluating a state, as a failure: StatesError keeps its name, the rest are States.Runtime. */
export function toFailure(error: unknown): Failure {
  if (error instanceof StatesError) return { error: error.error, cause: error.cause };
  const message = error instanceof Error ? error.message : String(error);
  return { error: 'States.Runtime', cause: message };
}
