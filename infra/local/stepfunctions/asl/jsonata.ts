import jsonata from 'jsonata';
import type { Json, JsonObject } from '../../../../workflows/asl';
import { isJsonObject, jsonType, toJsonText } from './json';
import { STEP_FUNCTIONS_JSONATA_FUNCTIONS } from './jsonata-functions';
import { StatesError } from './states-error';

/** What a JSONata expression sees: `$states` and every variable as `$name`. */
export interface JsonataScope {
  input: Json;
  context: JsonObject;
  variables: Readonly<Record<string, Json>>;
  /** The Task, Parallel or Map result, for the state's Output and Assign. */
  result?: Json;
  /** The Error Output, for a Catcher's Output and Assign. */
  errorOutput?: Json;
}

/** A JSONata string: `{%` first and `%}` last, with no spaces outside them. */
export const isJsonataString = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;

const expressionOf = (text: string): string => text.slice(2, -2).trim();
const compiled = new Map<string, jsonata.Expression>();

const queryError = (expression: string, field: string, problem: string): StatesError =>
  new StatesError(
    'States.QueryEvaluationError',
    `The JSONata expression '${expression}' specified for the field '${field}' ${problem}`,
  );

/**
 * Replaces every JSONata string in `value`, however deeply nested in objects and arrays, by its result.
 * `field` names the ASL field (e.g. 'Output', 'Assign/total') in error causes.
 */
export async function evaluateJsonataTemplate(
  value: Json,
  field: string,
  scope: JsonataScope,
): Promise<Json> {
  if (isJsonataString(value)) return evaluateJsonataExpression(expressionOf(value), field, scope);
  if (Array.isArray(value)) {
    return Promise.all(value.map((item, i) => evaluateJsonataTemplate(item, `${field}/${i}`, scope)));
  }
  if (!isJsonObject(value)) return value;
  const entries = await Promise.all(
    Object.entries(value).map(async ([key, item]) => [
      key,
      await evaluateJsonataTemplate(item, `${field}/${key}`, scope),
    ]),
  );
  return Object.fromEntries(entries) as JsonObject;
}

/** Evaluates one expression (the text between `{%` and `%}`); failures are States.QueryEvaluationError. */
export async function evaluateJsonataExpression(
  expression: string,
  field: string,
  scope: JsonataScope,
): Promise<Json> {
  let result: unknown;
  try {
    result = await compile(expression).evaluate(undefined, bindings(scope));
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    throw queryError(
      expression,
      field,
      `threw an error during evaluation. ${code ? `${code}: ` : ''}${message ?? error}`,
    );
  }
  // JSON cannot hold undefined, so AWS fails rather than dropping the value.
  if (result === undefined) throw queryError(expression, field, 'returned nothing (undefined).');
  const json = toJson(result);
  if (json === UNSUPPORTED) throw queryError(expression, field, 'returned an unsupported result type.');
  return json;
}

const UNSUPPORTED = Symbol('unsupported');

// A plain JSON copy of a JSONata result: sequence flags dropped, functions (native or lambdas) refused.
function toJson(value: unknown): Json | typeof UNSUPPORTED {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : UNSUPPORTED;
  if (Array.isArray(value)) {
    const items = value.filter((item) => item !== undefined).map(toJson);
    return items.includes(UNSUPPORTED) ? UNSUPPORTED : (items as Json[]);
  }
  if (typeof value !== 'object' || '_jsonata_lambda' in value || '_jsonata_function' in value)
    return UNSUPPORTED;
  const object: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const json = toJson(item);
    if (json === UNSUPPORTED) return UNSUPPORTED;
    object[key] = json;
  }
  return object;
}

/**
 * A field that must hold a given type (e.g. TimeoutSeconds, Items, Condition): a literal, or a JSONata string whose
 * result `accept`s. A wrong result fails with States.QueryEvaluationError, worded as AWS words it.
 */
export async function evaluateJsonataField<T extends Json>(
  value: Json,
  field: string,
  scope: JsonataScope,
  expected: string,
  accept: (value: Json) => value is T,
): Promise<T> {
  const result = await evaluateJsonataTemplate(value, field, scope);
  if (accept(result)) return result;
  const found = `Expected '${expected}', but was '${jsonType(result)}' for value: ${toJsonText(result)}`;
  if (isJsonataString(value))
    throw queryError(expressionOf(value), field, `returned an unexpected result type. ${found}`);
  throw new StatesError(
    'States.QueryEvaluationError',
    `The field '${field}' has an unexpected type. ${found}`,
  );
}

function compile(expression: string): jsonata.Expression {
  let parsed = compiled.get(expression);
  if (!parsed) {
    parsed = jsonata(expression);
    compiled.set(expression, parsed);
  }
  return parsed;
}

function bindings(scope: JsonataScope): Record<string, unknown> {
  const states: Record<string, Json> = { input: scope.input, context: scope.context };
  if (scope.result !== undefined) states.result = scope.result;
  if (scope.errorOutput !== undefined) states.errorOutput = scope.errorOutput;
  return { ...STEP_FUNCTIONS_JSONATA_FUNCTIONS, ...scope.variables, states };
}
