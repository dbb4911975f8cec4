import type { Catcher, Json, JsonObject, StateDefinition } from '../../../../workflows/asl';
import { matchesCondition, matchesRule } from './choice';
import { jsonType } from './json';
import { evaluateJsonataField, evaluateJsonataTemplate } from './jsonata';
import { applyResultPath, assignVariables, selectPath } from './jsonpath-io';
import { evaluateDynamicValue, evaluatePayloadTemplate } from './payload';
import {
  inputPath,
  isJsonata,
  isPositiveInteger,
  isString,
  display,
  jsonataOutcome,
  jsonataScope,
  pathScope,
  producesResult,
  runtime,
  type Outcome,
  type Scope,
} from './scope';
import { StatesError } from './states-error';

// The data-flow API the engine calls, one function per question it asks of a state. The hot ones
// (effectiveInput, stateOutput, choose) answer synchronously for JSONPath states and with a
// promise for JSONata ones (jsonata 2 evaluates asynchronously): the engine awaits only then.
export type { Outcome, Scope } from './scope';
export { mapItemInput, mapItems, maxConcurrency } from './dataflow-map';
export { waitUntil } from './dataflow-wait';

/** Task, Parallel, Pass: what the work receives (JSONPath: InputPath then Parameters; JSONata: Arguments, default $states.input). Map: JSONPath InputPath only; JSONata the input. */
export function effectiveInput(state: StateDefinition, scope: Scope): Json | Promise<Json> {
  if (isJsonata(scope)) {
    if (state.Type === 'Map' || state.Arguments === undefined) return scope.input;
    return evaluateJsonataTemplate(state.Arguments, 'Arguments', jsonataScope(scope));
  }
  const input = inputPath(state, scope);
  if (state.Type === 'Map' || state.Parameters === undefined) return input;
  return evaluatePayloadTemplate(state.Parameters, pathScope(scope, input));
}

/** Task TimeoutSeconds/HeartbeatSeconds: literal, …Path (JSONPath) or {% %} (JSONata); must be positive integers. */
export async function taskTimeouts(
  state: StateDefinition,
  scope: Scope,
): Promise<{ timeoutSeconds?: number; heartbeatSeconds?: number }> {
  const [timeoutSeconds, heartbeatSeconds] = await Promise.all([
    secondsField(state, scope, 'TimeoutSeconds', state.TimeoutSecondsPath),
    secondsField(state, scope, 'HeartbeatSeconds', state.HeartbeatSecondsPath),
  ]);
  return {
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
    ...(heartbeatSeconds === undefined ? {} : { heartbeatSeconds }),
  };
}

async function secondsField(
  state: StateDefinition,
  scope: Scope,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
  path: string | undefined,
): Promise<number | undefined> {
  const literal = state[field];
  if (isJsonata(scope)) {
    if (literal === undefined) return undefined;
    return evaluateJsonataField(literal, field, jsonataScope(scope), 'positive integer', isPositiveInteger);
  }
  if (literal !== undefined) {
    if (!isPositiveInteger(literal)) throw runtime(`The ${field} field must be a positive integer`);
    return literal;
  }
  if (path === undefined) return undefined;
  const value = selectPath(path, inputPath(state, scope), pathScope(scope, scope.input));
  if (!isPositiveInteger(value)) {
    throw runtime(
      `The ${field}Path field refers to value "${display(value)}" which is not a positive integer: ${path}`,
    );
  }
  return value;
}

/**
 * The state's output and the variables it assigns, given the work's result.
 * Task/Parallel/Map: JSONPath ResultSelector → ResultPath (merged into the raw input) → OutputPath; JSONata Output (default $states.result).
 * Pass: JSONPath result = Result ?? effective input (`result`, when given, is the effective input already computed), then ResultPath, OutputPath; JSONata Output (default input).
 * Wait/Succeed: JSONPath InputPath → OutputPath; JSONata Output (default input). `result` is undefined for these.
 * In JSONPath Assign, `$` is the raw result (Task, Parallel, Map), the Pass state's result, or the effective input (Wait).
 */
export function stateOutput(
  state: StateDefinition,
  scope: Scope,
  result: Json | undefined,
): Outcome | Promise<Outcome> {
  if (isJsonata(scope)) {
    if (producesResult(state)) {
      const raw = result ?? null;
      return jsonataOutcome(state.Output, raw, state.Assign, jsonataScope(scope, { result: raw }));
    }
    return jsonataOutcome(state.Output, scope.input, state.Assign, jsonataScope(scope));
  }

  if (producesResult(state) || state.Type === 'Pass') {
    const raw = producesResult(state) ? (result ?? null) : passResult(state, scope, result);
    const assign = assignVariables(state.Assign, pathScope(scope, raw));
    const effective =
      state.ResultSelector === undefined
        ? raw
        : evaluatePayloadTemplate(state.ResultSelector, pathScope(scope, raw));
    const combined = applyResultPath(scope.input, state.ResultPath, effective);
    return { output: selectPath(state.OutputPath, combined, pathScope(scope, combined)), assign };
  }

  const effective = inputPath(state, scope);
  const assign = assignVariables(state.Assign, pathScope(scope, effective));
  return { output: selectPath(state.OutputPath, effective, pathScope(scope, effective)), assign };
}

/** A JSONPath Pass state's result (JSONPath data flow is synchronous). */
function passResult(state: StateDefinition, scope: Scope, given: Json | undefined): Json {
  if (state.Result !== undefined) return state.Result;
  return given !== undefined ? given : (effectiveInput(state, scope) as Json);
}

/** Choice: the first matching rule's Next (else Default, else States.NoChoiceMatched) with its output and assignments. */
export function choose(
  state: StateDefinition,
  scope: Scope,
): (Outcome & { next: string }) | Promise<Outcome & { next: string }> {
  return isJsonata(scope) ? chooseJsonata(state, scope) : chooseJsonPath(state, scope);
}

const noMatch = (): StatesError =>
  new StatesError(
    'States.NoChoiceMatched',
    'No Choice Rule matched the input and the Choice state has no Default',
  );

async function chooseJsonata(state: StateDefinition, scope: Scope): Promise<Outcome & { next: string }> {
  const rules = state.Choices ?? [];
  {
    const js = jsonataScope(scope);
    for (const rule of rules) {
      if (await matchesCondition(rule.Condition, js)) {
        // A chosen rule's Output and Assign replace the state's; without them the input passes through unchanged.
        return {
          next: ruleNext(rule.Next),
          ...(await jsonataOutcome(rule.Output, scope.input, rule.Assign, js)),
        };
      }
    }
    if (state.Default === undefined) throw noMatch();
    return { next: state.Default, ...(await jsonataOutcome(state.Output, scope.input, state.Assign, js)) };
  }
}

function chooseJsonPath(state: StateDefinition, scope: Scope): Outcome & { next: string } {
  const rules = state.Choices ?? [];
  // JSONPath rules, Assign's `$` and the output all start from the effective input (after InputPath).
  const effective = inputPath(state, scope);
  const rulesScope = pathScope(scope, effective);
  const chosen = rules.find((rule) => matchesRule(rule, rulesScope));
  const next = chosen ? ruleNext(chosen.Next) : state.Default;
  if (next === undefined) throw noMatch();
  return {
    next,
    output: selectPath(state.OutputPath, effective, rulesScope),
    assign: assignVariables(chosen ? chosen.Assign : state.Assign, rulesScope),
  };
}

function ruleNext(next: string | undefined): string {
  if (next === undefined) throw runtime('The chosen Choice Rule has no Next');
  return next;
}

/** Fail: Error/ErrorPath/Cause/CausePath or JSONata Error/Cause. */
export async function failDetails(
  state: StateDefinition,
  scope: Scope,
): Promise<{ error?: string; cause?: string }> {
  const [error, cause] = await Promise.all([
    failField(state, scope, 'Error', state.ErrorPath),
    failField(state, scope, 'Cause', state.CausePath),
  ]);
  return { ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) };
}

async function failField(
  state: StateDefinition,
  scope: Scope,
  field: 'Error' | 'Cause',
  path: string | undefined,
): Promise<string | undefined> {
  const literal = state[field];
  if (isJsonata(scope)) {
    return literal === undefined
      ? undefined
      : evaluateJsonataField(literal, field, jsonataScope(scope), 'string', isString);
  }
  if (literal !== undefined) return literal;
  if (path === undefined) return undefined;
  // ErrorPath and CausePath take a Reference Path or an intrinsic function, applied to the raw input.
  const value = evaluateDynamicValue(path, `${field}Path`, pathScope(scope, scope.input));
  if (typeof value !== 'string')
    throw runtime(`The ${field}Path field must resolve to a string, but was ${jsonType(value)}: ${path}`);
  return value;
}

/** A Catcher's output and assigned variables, given the error output {Error, Cause} (JSONPath ResultPath default $; JSONata Output default $states.errorOutput). */
export async function catchOutput(
  catcher: Catcher,
  scope: Scope,
  errorOutput: { Error: string; Cause: string },
): Promise<Outcome> {
  const error: JsonObject = { ...errorOutput };
  if (isJsonata(scope)) {
    return jsonataOutcome(catcher.Output, error, catcher.Assign, jsonataScope(scope, { errorOutput: error }));
  }
  // In a Catcher's Assign `$` is the Error Output; ResultPath places it into the state's raw input.
  return {
    output: applyResultPath(scope.input, catcher.ResultPath === undefined ? '$' : catcher.ResultPath, error),
    assign: assignVariables(catcher.Assign, pathScope(scope, error)),
  };
}
