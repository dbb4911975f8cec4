import type { Json, JsonObject } from '../../../../workflows/asl';
import { isJsonObject } from './json';
import { PathNotFoundError, queryPath, rebased, setAtReferencePath, type PathScope } from './jsonpath';
import { evaluatePayloadTemplate } from './payload';
import { StatesError } from './states-error';

// The JSONPath input/output filters (InputPath, ResultPath, OutputPath) and Assign.

/**
 * InputPath / OutputPath / ItemsPath and the like: absent keeps `value`, `null` gives `{}`, a path selects from `value`
 * (or from `$$` or a variable). A path that names nothing fails with States.Runtime, as AWS reports it.
 */
export function selectPath(path: string | null | undefined, value: Json, scope: PathScope): Json {
  if (path === undefined) return value;
  if (path === null) return {};
  try {
    return queryPath(path, rebased(scope, value));
  } catch (error) {
    if (error instanceof PathNotFoundError) throw new StatesError('States.Runtime', error.message);
    throw error;
  }
}

/** ResultPath: absent puts the result in place of the input, `null` discards it, a path places it in a copy of the input. */
export function applyResultPath(input: Json, resultPath: string | null | undefined, result: Json): Json {
  if (resultPath === undefined) return result;
  if (resultPath === null) return input;
  return setAtReferencePath(input, resultPath, result);
}

/** What a state without Assign assigns; shared, so frozen. */
const NOTHING_ASSIGNED: Record<string, Json> = Object.freeze({});

/** JSONPath Assign: a payload template whose `$` is what the state type prescribes (see dataflow.ts). */
export function assignVariables(assign: JsonObject | undefined, scope: PathScope): Record<string, Json> {
  if (assign === undefined) return NOTHING_ASSIGNED;
  const values = evaluatePayloadTemplate(assign, scope);
  return isJsonObject(values) ? values : {};
}
