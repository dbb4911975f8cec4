import type { Json, JsonObject, QueryLanguage, StateDefinition } from '../../../../workflows/asl';
import { isInteger, toJsonText } from './json';
import { evaluateJsonataTemplate, type JsonataScope } from './jsonata';
import { rebased, type PathScope } from './jsonpath';
import { selectPath } from './jsonpath-io';
import { StatesError } from './states-error';

// What the dataflow*.ts files share: the scope the engine hands over and small helpers over it.
// Causes are worded as AWS words them, without the "An error occurred while executing the state 'X' (entered at
// the event id #N)." prefix, which the engine adds since it knows the state and the event.

/** What a state's data flow reads: its raw input, the Context object and the variables on state entry. */
export interface Scope {
  input: Json; // the state's RAW input (before InputPath)
  context: JsonObject; // $$ (JSONPath) / $states.context (JSONata); for Map iterations it contains Map.Item.{Index,Value}
  variables: Readonly<Record<string, Json>>; // the variables visible to this state
  queryLanguage: QueryLanguage; // already resolved (state's own QueryLanguage, else the enclosing definition's, else JSONPath)
}

/** A state's output and the variables it assigns (applied by the engine once the state is done). */
export interface Outcome {
  output: Json;
  assign: Record<string, Json>;
}

export const isJsonata = (scope: Scope): boolean => scope.queryLanguage === 'JSONata';
export const producesResult = (state: StateDefinition): boolean =>
  ['Task', 'Parallel', 'Map'].includes(state.Type);
export const pathScope = (scope: Scope, input: Json): PathScope => rebased(scope, input);
export const jsonataScope = (scope: Scope, extra: Partial<JsonataScope> = {}): JsonataScope => ({
  input: scope.input,
  context: scope.context,
  variables: scope.variables,
  ...extra,
});
export const inputPath = (state: StateDefinition, scope: Scope): Json =>
  selectPath(state.InputPath, scope.input, pathScope(scope, scope.input));
export const isPositiveInteger = (v: Json): v is number => isInteger(v) && v > 0;
export const isNonNegativeInteger = (v: Json): v is number => isInteger(v) && v >= 0;
export const isString = (v: Json): v is string => typeof v === 'string';
export const display = (v: Json): string => (typeof v === 'string' ? v : toJsonText(v));
export const runtime = (cause: string): StatesError => new StatesError('States.Runtime', cause);

export async function jsonataAssign(
  assign: JsonObject | undefined,
  scope: JsonataScope,
): Promise<Record<string, Json>> {
  if (assign === undefined) return {};
  return (await evaluateJsonataTemplate(assign, 'Assign', scope)) as Record<string, Json>;
}

export async function jsonataOutcome(
  output: Json | undefined,
  fallback: Json,
  assign: JsonObject | undefined,
  scope: JsonataScope,
): Promise<Outcome> {
  // Output and Assign both see the variables as they were on state entry.
  const [value, assigned] = await Promise.all([
    output === undefined ? fallback : evaluateJsonataTemplate(output, 'Output', scope),
    jsonataAssign(assign, scope),
  ]);
  return { output: value, assign: assigned };
}
