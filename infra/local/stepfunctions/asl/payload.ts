import type { Json, JsonObject } from '../../../../workflows/asl';
import { isJsonObject, toJsonText } from './json';
import { lookupPath, type PathScope } from './jsonpath';
import { evaluateIntrinsic } from './intrinsics';
import { StatesError } from './states-error';

/**
 * Processes a JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign): every field whose
 * name ends in `.$`, however deeply nested, takes the value of its path (`$…`, `$$…`, `$variable…`) or
 * intrinsic call and loses the suffix. Everything else is copied as is.
 */
export function evaluatePayloadTemplate(template: Json, scope: PathScope): Json {
  if (Array.isArray(template)) return template.map((item) => evaluatePayloadTemplate(item, scope));
  if (!isJsonObject(template)) return template;
  const payload: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) payload[key.slice(0, -2)] = evaluateDynamicValue(value, key, scope);
    else payload[key] = evaluatePayloadTemplate(value, scope);
  }
  return payload;
}

/** The value of one `.$` field (or of a field such as ErrorPath): a path or an intrinsic call. */
export function evaluateDynamicValue(expression: Json, field: string, scope: PathScope): Json {
  if (typeof expression !== 'string') {
    throw new StatesError(
      'States.Runtime',
      `The value of the field '${field}' must be a JSONPath or an intrinsic function`,
    );
  }
  if (!expression.startsWith('$')) return evaluateIntrinsic(expression, scope, field);
  const found = lookupPath(expression, scope);
  if (found.found) return found.value;
  throw new StatesError(
    'States.Runtime',
    `The JSONPath '${expression}' specified for the field '${field}' could not be found in the input '${toJsonText(scope.input)}'`,
  );
}
