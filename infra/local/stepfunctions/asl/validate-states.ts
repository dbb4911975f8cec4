import {
  at,
  atMostOne,
  expectName,
  expectRange,
  expectType,
  has,
  item,
  requireFields,
  schema,
  type Context,
  type JsonObject,
  type Language,
} from './validate-context';
import {
  checkFields,
  checkQueryLanguageValue,
  FIELDS,
  STATE_TYPES,
  stateLanguage,
  type StateType,
} from './validate-fields';
import { checkDataFlow } from './validate-data';
import { checkJsonataString, checkJsonataValue } from './validate-jsonata';
import { checkPayloadTemplate, checkReferencePath, isDynamicValue } from './validate-paths';
import { checkCatch, checkChoices, checkRetry, MAX_SECONDS, RFC3339 } from './validate-rules';

const ANY_ROOT = { context: true, variables: true };
const RESOURCE_ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/;

function checkTransition(ctx: Context, state: JsonObject, location: string): void {
  if (has(state, 'End') && !expectType(ctx, state.End, 'BOOLEAN', at(location, 'End'))) return;
  if (has(state, 'Next') && has(state, 'End')) {
    schema(ctx, 'There should only be one of the following fields: [Next, End]', location);
  } else if (has(state, 'Next')) {
    expectName(ctx, state.Next, at(location, 'Next'));
  } else if (state.End !== true) {
    schema(ctx, 'This object should have only one of the following fields: [Next, End]', location);
  }
}

/** A literal number of seconds, or a JSONata expression in JSONata states. */
function checkSeconds(ctx: Context, value: unknown, language: Language, min: number, location: string): void {
  if (language === 'JSONata' && typeof value === 'string') checkJsonataString(ctx, value, location);
  else expectRange(ctx, value, { min, max: MAX_SECONDS }, location);
}

/** A literal-or-expression field with an optional `…Path` twin: at most one, each well-formed. */
function checkNumberField(
  ctx: Context,
  state: JsonObject,
  language: Language,
  field: string,
  check: (value: unknown, location: string) => void,
  location: string,
): void {
  atMostOne(ctx, state, [field, `${field}Path`], location);
  if (has(state, field)) {
    if (language === 'JSONata' && typeof state[field] === 'string') {
      checkJsonataString(ctx, state[field] as string, at(location, field));
    } else check(state[field], at(location, field));
  }
  if (has(state, `${field}Path`))
    checkReferencePath(ctx, state[`${field}Path`], ANY_ROOT, at(location, `${field}Path`));
}

function checkTask(ctx: Context, state: JsonObject, language: Language, location: string): void {
  if (
    requireFields(ctx, state, ['Resource'], location) &&
    expectType(ctx, state.Resource, 'STRING', at(location, 'Resource'))
  ) {
    if (!RESOURCE_ARN.test(state.Resource as string))
      schema(ctx, 'Value is not a valid resource ARN', at(location, 'Resource'));
  }
  for (const field of ['TimeoutSeconds', 'HeartbeatSeconds']) {
    const seconds = (value: unknown, where: string) => checkSeconds(ctx, value, language, 1, where);
    checkNumberField(ctx, state, language, field, seconds, location);
  }
  const { TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat } = state;
  if (
    Number.isInteger(timeout) &&
    Number.isInteger(heartbeat) &&
    (heartbeat as number) >= (timeout as number)
  ) {
    schema(
      ctx,
      "The field 'HeartbeatSeconds' must be smaller than the field 'TimeoutSeconds'",
      at(location, 'HeartbeatSeconds'),
    );
  }
  if (has(state, 'Credentials'))
    checkConfigObject(ctx, state.Credentials, language, at(location, 'Credentials'));
}

/** Credentials, ItemReader, ItemBatcher, ResultWriter: objects whose values follow the state's language. */
function checkConfigObject(ctx: Context, value: unknown, language: Language, location: string): void {
  if (!expectType(ctx, value, 'OBJECT', location)) return;
  if (language === 'JSONata') checkJsonataValue(ctx, value, location);
  else checkPayloadTemplate(ctx, value, location);
}

const WAIT_FIELDS = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'];

function checkWait(ctx: Context, state: JsonObject, language: Language, location: string): void {
  if (WAIT_FIELDS.every((field) => !has(state, field))) {
    schema(
      ctx,
      `This object should have only one of the following fields: [${WAIT_FIELDS.join(', ')}]`,
      location,
    );
  }
  atMostOne(ctx, state, WAIT_FIELDS, location);
  if (has(state, 'Seconds')) checkSeconds(ctx, state.Seconds, language, 0, at(location, 'Seconds'));
  if (has(state, 'Timestamp')) {
    const where = at(location, 'Timestamp');
    if (language === 'JSONata' && typeof state.Timestamp === 'string' && state.Timestamp.startsWith('{%')) {
      checkJsonataString(ctx, state.Timestamp, where);
    } else if (
      expectType(ctx, state.Timestamp, 'STRING', where) &&
      !RFC3339.test(state.Timestamp as string)
    ) {
      schema(ctx, 'String does not match RFC3339 timestamp', where);
    }
  }
  for (const field of ['SecondsPath', 'TimestampPath']) {
    if (has(state, field)) checkReferencePath(ctx, state[field], ANY_ROOT, at(location, field));
  }
}

function checkFail(ctx: Context, state: JsonObject, language: Language, location: string): void {
  for (const field of ['Error', 'Cause']) {
    atMostOne(ctx, state, [field, `${field}Path`], location);
    const where = at(location, field);
    if (has(state, field) && expectType(ctx, state[field], 'STRING', where)) {
      if (language === 'JSONata' && (state[field] as string).startsWith('{%'))
        checkJsonataString(ctx, state[field] as string, where);
    }
    if (has(state, `${field}Path`) && !isDynamicValue(state[`${field}Path`])) {
      const message = `The value for the field '${field}Path' must be a valid JSONPath or a valid intrinsic function call`;
      schema(ctx, message, at(location, `${field}Path`));
    }
  }
}

function checkParallel(ctx: Context, state: JsonObject, location: string): void {
  const where = at(location, 'Branches');
  if (!requireFields(ctx, state, ['Branches'], location) || !expectType(ctx, state.Branches, 'ARRAY', where))
    return;
  const branches = state.Branches as unknown[];
  if (branches.length === 0) schema(ctx, 'Value cannot be empty', where);
  branches.forEach((branch, index) => ctx.validateScope(branch, item(where, index), 'Branch'));
}

function checkMap(ctx: Context, state: JsonObject, language: Language, location: string): void {
  if (!has(state, 'ItemProcessor') && !has(state, 'Iterator'))
    requireFields(ctx, state, ['ItemProcessor'], location);
  atMostOne(ctx, state, ['ItemProcessor', 'Iterator'], location);
  for (const kind of ['ItemProcessor', 'Iterator'] as const) {
    if (has(state, kind)) ctx.validateScope(state[kind], at(location, kind), kind);
  }
  if (has(state, 'ItemsPath')) checkReferencePath(ctx, state.ItemsPath, ANY_ROOT, at(location, 'ItemsPath'));
  const count =
    (min: number, max?: number, type: 'INTEGER' | 'NUMBER' = 'INTEGER') =>
    (value: unknown, where: string) =>
      expectRange(ctx, value, { min, max, type }, where);
  checkNumberField(ctx, state, language, 'MaxConcurrency', count(0), location);
  checkNumberField(ctx, state, language, 'ToleratedFailureCount', count(0), location);
  checkNumberField(ctx, state, language, 'ToleratedFailurePercentage', count(0, 100, 'NUMBER'), location);
  for (const field of ['ItemReader', 'ItemBatcher', 'ResultWriter']) {
    if (has(state, field)) checkConfigObject(ctx, state[field], language, at(location, field));
  }
  if (has(state, 'Label')) expectType(ctx, state.Label, 'STRING', at(location, 'Label'));
}

/** One state: its Type, its fields for its type and language, and each field's value. */
export function validateState(ctx: Context, value: unknown, location: string): void {
  if (!expectType(ctx, value, 'OBJECT', location)) return;
  const state = value as JsonObject;
  if (!requireFields(ctx, state, ['Type'], location)) return;
  if (!STATE_TYPES.includes(state.Type as StateType)) {
    schema(ctx, `Value should be one of the following: [${STATE_TYPES.join(', ')}]`, at(location, 'Type'));
    return;
  }
  const type = state.Type as StateType;
  const { language, downgraded } = stateLanguage(ctx, state, location);
  const known = checkFields(ctx, state, type, language, downgraded, location);
  if (has(state, 'QueryLanguage'))
    checkQueryLanguageValue(ctx, state.QueryLanguage, at(location, 'QueryLanguage'));
  if (has(state, 'Comment')) expectType(ctx, state.Comment, 'STRING', at(location, 'Comment'));
  if (FIELDS[type].both.includes('Next')) checkTransition(ctx, known, location);
  checkDataFlow(ctx, known, language, location);
  if (has(known, 'Retry')) checkRetry(ctx, known.Retry, at(location, 'Retry'));
  if (has(known, 'Catch')) checkCatch(ctx, known.Catch, language, at(location, 'Catch'));
  if (type === 'Task') checkTask(ctx, known, language, location);
  if (type === 'Choice') {
    if (requireFields(ctx, known, ['Choices'], location))
      checkChoices(ctx, known.Choices, language, at(location, 'Choices'));
    if (has(known, 'Default')) expectName(ctx, known.Default, at(location, 'Default'));
  }
  if (type === 'Wait') checkWait(ctx, known, language, location);
  if (type === 'Fail') checkFail(ctx, known, language, location);
  if (type === 'Parallel') checkParallel(ctx, known, location);
  if (type === 'Map') checkMap(ctx, known, language, location);
}
