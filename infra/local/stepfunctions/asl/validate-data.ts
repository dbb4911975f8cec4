import {
  at,
  expectType,
  has,
  isJsonataString,
  schema,
  type Context,
  type JsonObject,
  type Language,
} from './validate-context';
import { checkJsonataValue, type JsonataScope } from './validate-jsonata';
import {
  checkPath,
  checkPayloadTemplate,
  checkReferencePath,
  checkStaticResult,
  checkVariableName,
  isDynamicValue,
} from './validate-paths';

/** Assign: variable names, then each value as the state's language reads it. */
export function checkAssign(
  ctx: Context,
  value: unknown,
  language: Language,
  location: string,
  scope: JsonataScope = { errorOutput: false },
): void {
  if (!expectType(ctx, value, 'OBJECT', location)) return;
  for (const [key, inner] of Object.entries(value as JsonObject)) {
    const where = at(location, key);
    checkVariableName(ctx, language === 'JSONPath' ? key.replace(/\.\$$/, '') : key, where);
    if (language === 'JSONata') checkJsonataValue(ctx, inner, where, scope);
    else if (!key.endsWith('.$')) checkPayloadTemplate(ctx, inner, where);
    else if (!isDynamicValue(inner)) {
      schema(
        ctx,
        `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`,
        where,
      );
    }
  }
}

/** An object, or in JSONata states also a whole `{% … %}` expression (Arguments, ItemSelector, Items). */
function objectOrExpression(
  ctx: Context,
  value: unknown,
  type: 'OBJECT' | 'ARRAY',
  language: Language,
  location: string,
) {
  return (language === 'JSONata' && isJsonataString(value)) || expectType(ctx, value, type, location);
}

/**
 * The data-flow fields of one state. Which fields the state may carry is settled before this runs,
 * so a field present here belongs to the state's language.
 */
export function checkDataFlow(ctx: Context, state: JsonObject, language: Language, location: string): void {
  const field = (name: string) => at(location, name);
  if (language === 'JSONPath') {
    for (const name of ['InputPath', 'OutputPath'])
      if (has(state, name)) checkPath(ctx, state[name], name, field(name));
    if (has(state, 'ResultPath')) {
      checkReferencePath(
        ctx,
        state.ResultPath,
        { context: false, variables: false },
        field('ResultPath'),
        true,
      );
    }
    if (has(state, 'Parameters')) checkPayloadTemplate(ctx, state.Parameters, field('Parameters'));
    for (const name of ['ResultSelector', 'ItemSelector']) {
      if (has(state, name) && expectType(ctx, state[name], 'OBJECT', field(name))) {
        checkPayloadTemplate(ctx, state[name], field(name));
      }
    }
    if (has(state, 'Result')) checkStaticResult(ctx, state.Result, field('Result'));
  } else {
    if (
      has(state, 'Arguments') &&
      objectOrExpression(ctx, state.Arguments, 'OBJECT', language, field('Arguments'))
    ) {
      checkJsonataValue(ctx, state.Arguments, field('Arguments'));
    }
    if (has(state, 'Items') && objectOrExpression(ctx, state.Items, 'ARRAY', language, field('Items'))) {
      checkJsonataValue(ctx, state.Items, field('Items'));
    }
    for (const name of ['Output', 'ItemSelector'])
      if (has(state, name)) checkJsonataValue(ctx, state[name], field(name));
  }
  if (has(state, 'Assign')) checkAssign(ctx, state.Assign, language, field('Assign'));
}
