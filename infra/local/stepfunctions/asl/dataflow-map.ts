import type { Json, JsonObject, StateDefinition } from '../../../../workflows/asl';
import { isInteger, isJsonObject, toJsonText } from './json';
import { evaluateJsonataField, evaluateJsonataTemplate } from './jsonata';
import { selectPath } from './jsonpath-io';
import { evaluatePayloadTemplate } from './payload';
import {
  display,
  inputPath,
  isJsonata,
  isNonNegativeInteger,
  jsonataScope,
  pathScope,
  runtime,
  type Scope,
} from './scope';
import { StatesError } from './states-error';

/** Map: the items (JSONPath ItemsPath over the effective input, default $; JSONata Items, default $states.input); not an array → StatesError. */
export async function mapItems(state: StateDefinition, scope: Scope): Promise<Json[]> {
  if (isJsonata(scope)) {
    if (state.Items !== undefined) {
      return evaluateJsonataField(state.Items, 'Items', jsonataScope(scope), 'array', (v): v is Json[] =>
        Array.isArray(v),
      );
    }
    if (!Array.isArray(scope.input)) {
      throw new StatesError(
        'States.QueryEvaluationError',
        `Map state input must be an array but was: ${toJsonText(scope.input)}`,
      );
    }
    return scope.input;
  }
  const effective = inputPath(state, scope);
  const items = selectPath(state.ItemsPath, effective, pathScope(scope, effective));
  if (!Array.isArray(items)) {
    // AWS names a Context-object path without its first `$`.
    const shown = (state.ItemsPath ?? '$').replace(/^\$\$/, '$');
    throw runtime(`Reference path "${shown}" must point to array.`);
  }
  return items;
}

/** Map: one iteration's input (ItemSelector, or legacy Parameters, else the item). scope.context includes Map.Item. */
export function mapItemInput(
  state: StateDefinition,
  scope: Scope,
  item: Json,
  index: number,
): Json | Promise<Json> {
  if (isJsonata(scope)) {
    if (state.ItemSelector === undefined) return item;
    const context = withMapItem(scope.context, item, index);
    return evaluateJsonataTemplate(state.ItemSelector, 'ItemSelector', { ...jsonataScope(scope), context });
  }
  const selector = state.ItemSelector ?? state.Parameters;
  if (selector === undefined) return item;
  // In JSONPath, `$` in ItemSelector is the Map state's effective input; the item is `$$.Map.Item.Value`.
  return evaluatePayloadTemplate(selector, {
    input: inputPath(state, scope),
    context: withMapItem(scope.context, item, index),
    variables: scope.variables,
  });
}

function withMapItem(context: JsonObject, item: Json, index: number): JsonObject {
  const map = isJsonObject(context.Map) ? context.Map : {};
  const current = isJsonObject(map.Item) ? map.Item : {};
  return { ...context, Map: { ...map, Item: { ...current, Index: index, Value: item } } };
}

/** Map: MaxConcurrency / MaxConcurrencyPath / JSONata; 0 means unlimited. */
export async function maxConcurrency(state: StateDefinition, scope: Scope): Promise<number> {
  if (isJsonata(scope)) {
    if (state.MaxConcurrency === undefined) return 0;
    return evaluateJsonataField(
      state.MaxConcurrency,
      'MaxConcurrency',
      jsonataScope(scope),
      'non-negative integer',
      isNonNegativeInteger,
    );
  }
  if (state.MaxConcurrency !== undefined) {
    if (!isNonNegativeInteger(state.MaxConcurrency))
      throw runtime('The MaxConcurrency field must be a non-negative integer');
    return state.MaxConcurrency;
  }
  const path = state.MaxConcurrencyPath;
  if (path === undefined) return 0;
  const value = selectPath(path, inputPath(state, scope), pathScope(scope, scope.input));
  if (!isInteger(value))
    throw runtime(
      `The MaxConcurrencyPath field refers to value "${display(value)}" which is not a valid integer: ${path}`,
    );
  if (value < 0)
    throw runtime(`The MaxConcurrencyPath field refers to value "${value}" which is negative: ${path}`);
  return value;
}
