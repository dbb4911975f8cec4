import type { StateDefinition } from '../../../../workflows/asl';
import { isInteger } from './json';
import { evaluateJsonataField } from './jsonata';
import { lookupPath } from './jsonpath';
import {
  display,
  inputPath,
  isJsonata,
  isNonNegativeInteger,
  isString,
  jsonataScope,
  pathScope,
  runtime,
  type Scope,
} from './scope';
import { StatesError } from './states-error';
import { timestampMillis } from './timestamp';

/** AWS cannot schedule a wake-up more than 2^31 - 1 seconds ahead. */
const MAX_WAIT_SECONDS = 2147483647;

/** Wait: epoch milliseconds to wake at (Seconds, SecondsPath, Timestamp, TimestampPath, or JSONata Seconds/Timestamp). */
export async function waitUntil(state: StateDefinition, scope: Scope, nowMs: number): Promise<number> {
  const wakeAt = await wakeTime(state, scope, nowMs);
  if (wakeAt - nowMs > MAX_WAIT_SECONDS * 1000) throw runtime('Wait state delay is too long.');
  return wakeAt;
}

async function wakeTime(state: StateDefinition, scope: Scope, nowMs: number): Promise<number> {
  if (isJsonata(scope)) {
    const js = jsonataScope(scope);
    if (state.Seconds !== undefined) {
      return (
        nowMs +
        1000 *
          (await evaluateJsonataField(
            state.Seconds,
            'Seconds',
            js,
            'non-negative integer',
            isNonNegativeInteger,
          ))
      );
    }
    if (state.Timestamp === undefined) throw runtime('The Wait state has neither Seconds nor Timestamp');
    const text = await evaluateJsonataField(state.Timestamp, 'Timestamp', js, 'string', isString);
    const ms = timestampMillis(text);
    if (ms === undefined) {
      throw new StatesError(
        'States.QueryEvaluationError',
        `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${text}`,
      );
    }
    return ms;
  }

  const effective = inputPath(state, scope);
  const paths = pathScope(scope, effective);
  if (state.Seconds !== undefined) {
    if (!isNonNegativeInteger(state.Seconds))
      throw runtime('The Seconds field must be a non-negative integer');
    return nowMs + 1000 * state.Seconds;
  }
  if (typeof state.Timestamp === 'string') {
    const ms = timestampMillis(state.Timestamp);
    if (ms === undefined)
      throw runtime(
        `The Timestamp field is not a valid ISO-8601 extended offset date-time: ${state.Timestamp}`,
      );
    return ms;
  }
  if (state.SecondsPath !== undefined) {
    const found = lookupPath(state.SecondsPath, paths);
    if (!found.found)
      throw runtime(`The SecondsPath parameter does not reference an input value: ${state.SecondsPath}`);
    const seconds = found.value;
    if (!isInteger(seconds)) {
      throw runtime(
        `The SecondsPath parameter cannot be parsed as a long value: ${state.SecondsPath} == ${display(seconds)}`,
      );
    }
    if (seconds < 0)
      throw runtime(
        `The SecondsPath parameter references a negative value: ${state.SecondsPath} == ${seconds}`,
      );
    return nowMs + 1000 * seconds;
  }
  if (state.TimestampPath !== undefined) {
    const found = lookupPath(state.TimestampPath, paths);
    if (!found.found)
      throw runtime(`The TimestampPath parameter does not reference an input value: ${state.TimestampPath}`);
    const ms = typeof found.value === 'string' ? timestampMillis(found.value) : undefined;
    if (ms === undefined) {
      throw runtime(
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${state.TimestampPath} == ${display(found.value)}`,
      );
    }
    return ms;
  }
  throw runtime('The Wait state has none of Seconds, SecondsPath, Timestamp and TimestampPath');
}
