import {
  at,
  expectName,
  expectRange,
  expectType,
  has,
  isObject,
  item,
  rejectUnknownFields,
  requireFields,
  schema,
  warn,
  type Context,
  type JsonObject,
  type Language,
} from './validate-context';
import { checkJsonataString, checkJsonataValue } from './validate-jsonata';
import { checkAssign } from './validate-data';
import { checkReferencePath, isJsonPath } from './validate-paths';

export const MAX_SECONDS = 99999999;

/** ErrorEquals: a non-empty list of names, where States.ALL stands alone. */
function checkErrorEquals(ctx: Context, value: unknown, location: string): boolean {
  if (!expectType(ctx, value, 'ARRAY', location)) return false;
  const names = value as unknown[];
  if (names.length === 0) {
    schema(ctx, 'Value cannot be empty', location);
    return false;
  }
  names.forEach((name, index) => expectType(ctx, name, 'STRING', item(location, index)));
  if (names.includes('States.ALL') && names.length > 1) {
    schema(ctx, 'States.ALL must appear alone and at end of list', location);
  }
  return true;
}

/** Retriers and catchers share the rule that a States.ALL entry comes last. */
function checkStatesAllIsLast(ctx: Context, entries: unknown[], location: string): void {
  entries.forEach((entry, index) => {
    const errors = isObject(entry) ? entry.ErrorEquals : undefined;
    if (index < entries.length - 1 && Array.isArray(errors) && errors.includes('States.ALL')) {
      schema(
        ctx,
        'States.ALL must appear alone and at end of list',
        at(item(location, index), 'ErrorEquals'),
      );
    }
  });
}

const RETRIER_FIELDS = [
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Comment',
];

export function checkRetry(ctx: Context, value: unknown, location: string): void {
  if (!expectType(ctx, value, 'ARRAY', location)) return;
  const retriers = value as unknown[];
  retriers.forEach((retrier, index) => {
    const where = item(location, index);
    if (!expectType(ctx, retrier, 'OBJECT', where)) return;
    const r = retrier as JsonObject;
    rejectUnknownFields(ctx, r, RETRIER_FIELDS, where);
    if (requireFields(ctx, r, ['ErrorEquals'], where))
      checkErrorEquals(ctx, r.ErrorEquals, at(where, 'ErrorEquals'));
    if (has(r, 'IntervalSeconds'))
      expectRange(ctx, r.IntervalSeconds, { min: 1, max: MAX_SECONDS }, at(where, 'IntervalSeconds'));
    if (has(r, 'MaxAttempts'))
      expectRange(ctx, r.MaxAttempts, { min: 0, max: MAX_SECONDS }, at(where, 'MaxAttempts'));
    if (has(r, 'BackoffRate'))
      expectRange(ctx, r.BackoffRate, { min: 1, type: 'NUMBER' }, at(where, 'BackoffRate'));
    if (has(r, 'MaxDelaySeconds'))
      expectRange(ctx, r.MaxDelaySeconds, { min: 1, max: 31622400 }, at(where, 'MaxDelaySeconds'));
    if (has(r, 'JitterStrategy') && r.JitterStrategy !== 'FULL' && r.JitterStrategy !== 'NONE') {
      schema(ctx, 'Value should be one of the following: [FULL, NONE]', at(where, 'JitterStrategy'));
    }
  });
  checkStatesAllIsLast(ctx, retriers, location);
}

export function checkCatch(ctx: Context, value: unknown, language: Language, location: string): void {
  if (!expectType(ctx, value, 'ARRAY', location)) return;
  const catchers = value as unknown[];
  catchers.forEach((catcher, index) => {
    const where = item(location, index);
    if (!expectType(ctx, catcher, 'OBJECT', where)) return;
    const c = catcher as JsonObject;
    const dataField = language === 'JSONPath' ? 'ResultPath' : 'Output';
    rejectUnknownFields(ctx, c, ['ErrorEquals', 'Next', 'Comment', 'Assign', dataField], where);
    if (!requireFields(ctx, c, ['ErrorEquals', 'Next'], where)) return;
    checkErrorEquals(ctx, c.ErrorEquals, at(where, 'ErrorEquals'));
    expectName(ctx, c.Next, at(where, 'Next'));
    if (has(c, 'ResultPath') && language === 'JSONPath') {
      checkReferencePath(
        ctx,
        c.ResultPath,
        { context: false, variables: false },
        at(where, 'ResultPath'),
        true,
      );
    }
    if (has(c, 'Output') && language === 'JSONata') {
      checkJsonataValue(ctx, c.Output, at(where, 'Output'), { errorOutput: true });
    }
    if (has(c, 'Assign')) checkAssign(ctx, c.Assign, language, at(where, 'Assign'), { errorOutput: true });
  });
  checkStatesAllIsLast(ctx, catchers, location);
}

type Operand = 'STRING' | 'NUMBER' | 'BOOLEAN' | 'TIMESTAMP' | 'PATH';

const RELATIONS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
const TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'];

/** Every comparison operator and what its operand must be; each `…Path` variant takes a path. */
const OPERATORS: Record<string, Operand> = Object.fromEntries([
  ...TESTS.map((test) => [test, 'BOOLEAN']),
  ['BooleanEquals', 'BOOLEAN'],
  ['BooleanEqualsPath', 'PATH'],
  ['StringMatches', 'STRING'],
  ...(['String', 'Numeric', 'Timestamp'] as const).flatMap((prefix) =>
    RELATIONS.flatMap((relation) => [
      [`${prefix}${relation}`, prefix === 'Numeric' ? 'NUMBER' : prefix.toUpperCase()],
      [`${prefix}${relation}Path`, 'PATH'],
    ]),
  ),
]);

/** RFC 3339 with the uppercase `T` and `Z` the States Language asks for. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkOperand(ctx: Context, operator: string, value: unknown, location: string): void {
  const operand = OPERATORS[operator];
  if (operand === 'PATH') {
    if (typeof value !== 'string' || !isJsonPath(value)) {
      schema(ctx, `The value for the field '${operator}' must be a valid JSONPath`, location);
    }
    return;
  }
  if (!expectType(ctx, value, operand === 'TIMESTAMP' ? 'STRING' : operand, location)) return;
  if (operand === 'TIMESTAMP' && !RFC3339.test(value as string)) {
    schema(ctx, 'String does not match RFC3339 timestamp', location);
  }
  if (operand === 'STRING' && operator !== 'StringMatches' && /^\$\$?\./.test(value as string)) {
    warn(
      ctx,
      'NO_PATH',
      `The value of '${operator}' looks like a path but the field name does not end with 'Path'`,
      location,
    );
  }
}

const COMBINATORS = ['And', 'Or', 'Not'];

/** One Choice rule; `top` rules carry Next (and may Assign/Output), nested ones never do. */
function checkRule(ctx: Context, rule: unknown, language: Language, top: boolean, location: string): void {
  if (!expectType(ctx, rule, 'OBJECT', location)) return;
  const r = rule as JsonObject;
  const other: Language = language === 'JSONPath' ? 'JSONata' : 'JSONPath';
  const ownFields =
    language === 'JSONPath' ? ['Variable', ...COMBINATORS, ...Object.keys(OPERATORS)] : ['Condition'];
  const otherFields = language === 'JSONPath' ? ['Condition', 'Output'] : ['Variable', ...COMBINATORS];
  const allowed = [...ownFields, 'Comment', ...(top ? ['Next', 'Assign'] : [])];
  if (top && language === 'JSONata') allowed.push('Output');
  for (const key of Object.keys(r)) {
    if (allowed.includes(key)) continue;
    const message =
      otherFields.includes(key) || (language === 'JSONata' && key in OPERATORS)
        ? `The QueryLanguage is set to '${language}', but field '${key}' is only supported for the '${other}' QueryLanguage`
        : `Field '${key}' is not supported`;
    schema(ctx, message, location);
  }
  if (top && requireFields(ctx, r, ['Next'], location)) expectName(ctx, r.Next, at(location, 'Next'));
  if (top && has(r, 'Assign')) checkAssign(ctx, r.Assign, language, at(location, 'Assign'));
  if (top && has(r, 'Output') && language === 'JSONata')
    checkJsonataValue(ctx, r.Output, at(location, 'Output'));
  if (language === 'JSONata') {
    if (!requireFields(ctx, r, ['Condition'], location)) return;
    if (
      isJsonataStringOrBoolean(ctx, r.Condition, at(location, 'Condition')) &&
      typeof r.Condition === 'string'
    ) {
      checkJsonataString(ctx, r.Condition, at(location, 'Condition'));
    }
    return;
  }
  const selectors = ['Variable', ...COMBINATORS].filter((key) => has(r, key));
  if (selectors.length !== 1) {
    schema(
      ctx,
      'This object should have only one of the following fields: [Variable, And, Or, Not]',
      location,
    );
    return;
  }
  const selector = selectors[0];
  if (selector === 'Not') return checkRule(ctx, r.Not, language, false, at(location, 'Not'));
  if (selector === 'And' || selector === 'Or') {
    const where = at(location, selector);
    if (!expectType(ctx, r[selector], 'ARRAY', where)) return;
    const nested = r[selector] as unknown[];
    if (nested.length === 0) schema(ctx, 'Value cannot be empty', where);
    nested.forEach((inner, index) => checkRule(ctx, inner, language, false, item(where, index)));
    return;
  }
  if (typeof r.Variable !== 'string' || !r.Variable.startsWith('$')) {
    schema(
      ctx,
      "Value is not a Reference Path: Reference path didn't start with '$'",
      at(location, 'Variable'),
    );
  } else if (!isJsonPath(r.Variable)) {
    schema(ctx, "The value for the field 'Variable' must be a valid JSONPath", at(location, 'Variable'));
  }
  const operators = Object.keys(r).filter((key) => key in OPERATORS);
  if (operators.length !== 1) {
    const found = operators.length === 0 ? 'none' : operators.join(', ');
    schema(ctx, `A rule with a Variable needs exactly one comparison operator, found ${found}`, location);
    return;
  }
  checkOperand(ctx, operators[0], r[operators[0]], at(location, operators[0]));
}

function isJsonataStringOrBoolean(ctx: Context, value: unknown, location: string): boolean {
  if (typeof value === 'boolean' || typeof value === 'string') return true;
  schema(ctx, 'Expected value of type [BOOLEAN]', location);
  return false;
}

/** Choices: non-empty list of top-level rules. Targets are checked with the other transitions. */
export function checkChoices(ctx: Context, value: unknown, language: Language, location: string): void {
  if (!expectType(ctx, value, 'ARRAY', location)) return;
  const rules = value as unknown[];
  if (rules.length === 0) schema(ctx, 'Value cannot be empty', location);
  rules.forEach((rule, index) => checkRule(ctx, rule, language, true, item(location, index)));
}
