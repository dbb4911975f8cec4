import type { ChoiceRule, Json } from '../../../../workflows/asl';
import { evaluateJsonataField, type JsonataScope } from './jsonata';
import { lookupPath, type PathScope } from './jsonpath';
import { StatesError } from './states-error';
import { parseTimestamp } from './timestamp';

type Kind = 'String' | 'Numeric' | 'Timestamp' | 'Boolean';
type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

const COMPARISONS: Record<string, [Kind, Relation]> = {};
for (const kind of ['String', 'Numeric', 'Timestamp'] as const) {
  for (const relation of [
    'Equals',
    'LessThan',
    'GreaterThan',
    'LessThanEquals',
    'GreaterThanEquals',
  ] as const) {
    COMPARISONS[`${kind}${relation}`] = [kind, relation];
  }
}
COMPARISONS.BooleanEquals = ['Boolean', 'Equals'];

const TYPE_TESTS: Record<string, (value: Json) => boolean> = {
  IsNull: (value) => value === null,
  IsNumeric: (value) => typeof value === 'number',
  IsString: (value) => typeof value === 'string',
  IsBoolean: (value) => typeof value === 'boolean',
  IsTimestamp: (value) => typeof value === 'string' && parseTimestamp(value) !== undefined,
};

/**
 * Whether a JSONPath Choice Rule matches. `scope.input` is the Choice state's effective input (after InputPath).
 * Values of the wrong type never match; a Variable (or …Path operand) that names nothing fails with States.Runtime,
 * except under IsPresent.
 */
export function matchesRule(rule: ChoiceRule, scope: PathScope): boolean {
  if (rule.And) return rule.And.every((r) => matchesRule(r, scope));
  if (rule.Or) return rule.Or.some((r) => matchesRule(r, scope));
  if (rule.Not) return !matchesRule(rule.Not, scope);
  if (typeof rule.Variable !== 'string')
    throw new StatesError('States.Runtime', 'A Choice Rule has no Variable');
  const variable = lookupPath(rule.Variable, scope);
  if (typeof rule.IsPresent === 'boolean') return variable.found === rule.IsPresent;
  if (!variable.found) throw invalidPath(rule.Variable);
  const value = variable.value;
  const operator = operatorOf(rule);
  switch (operator.type) {
    case 'test':
      return operator.test(value) === operator.expected;
    case 'matches':
      return typeof value === 'string' && operator.pattern.test(value);
    case 'compare': {
      if (operator.path === undefined)
        return compare(operator.kind, operator.relation, value, operator.literal);
      const other = lookupPath(operator.path, scope);
      if (!other.found) throw invalidPath(operator.path);
      return compare(operator.kind, operator.relation, value, other.value);
    }
  }
}

type Operator =
  | { type: 'test'; test: (value: Json) => boolean; expected: Json }
  | { type: 'matches'; pattern: RegExp }
  | { type: 'compare'; kind: Kind; relation: Relation; literal: Json; path?: string };

/** Each rule's operator, found once: rules belong to a parsed definition and are evaluated again and again. */
const operators = new WeakMap<ChoiceRule, Operator>();

function operatorOf(rule: ChoiceRule): Operator {
  let operator = operators.get(rule);
  if (!operator) operators.set(rule, (operator = findOperator(rule)));
  return operator;
}

function findOperator(rule: ChoiceRule): Operator {
  for (const [name, test] of Object.entries(TYPE_TESTS)) {
    if (name in rule) return { type: 'test', test, expected: rule[name] as Json };
  }
  if (typeof rule.StringMatches === 'string')
    return { type: 'matches', pattern: wildcard(rule.StringMatches) };
  for (const [name, [kind, relation]] of Object.entries(COMPARISONS)) {
    if (name in rule) return { type: 'compare', kind, relation, literal: rule[name] as Json };
    const path = rule[`${name}Path`];
    if (typeof path === 'string') return { type: 'compare', kind, relation, literal: null, path };
  }
  throw new StatesError('States.Runtime', `The Choice Rule on '${rule.Variable}' has no comparison operator`);
}

/** A JSONata Choice Rule's Condition: `true`, `false` or a JSONata string that must evaluate to a boolean. */
export async function matchesCondition(condition: Json | undefined, scope: JsonataScope): Promise<boolean> {
  return evaluateJsonataField(
    condition ?? null,
    'Condition',
    scope,
    'boolean',
    (v): v is boolean => typeof v === 'boolean',
  );
}

const invalidPath = (path: string): StatesError =>
  new StatesError(
    'States.Runtime',
    `Invalid path '${path}': The choice state's condition path references an invalid value.`,
  );

function compare(kind: Kind, relation: Relation, left: Json, right: Json): boolean {
  if (kind === 'Boolean') return typeof left === 'boolean' && left === right;
  let order: number;
  if (kind === 'Timestamp') {
    const [a, b] = [left, right].map((v) => (typeof v === 'string' ? parseTimestamp(v) : undefined));
    if (a === undefined || b === undefined) return false;
    order = a < b ? -1 : a > b ? 1 : 0;
  } else if (kind === 'Numeric') {
    if (typeof left !== 'number' || typeof right !== 'number') return false;
    order = Math.sign(left - right);
  } else {
    if (typeof left !== 'string' || typeof right !== 'string') return false;
    // Plain UTF-16 code unit order, no locale, folding or normalisation.
    order = left < right ? -1 : left > right ? 1 : 0;
  }
  switch (relation) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    case 'GreaterThanEquals':
      return order >= 0;
  }
}

// StringMatches: `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash.
function wildcard(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern.charAt(++i);
      if (next !== '*' && next !== '\\') {
        throw new StatesError(
          'States.Runtime',
          `Invalid StringMatches pattern '${pattern}': open escape '\\${next}'`,
        );
      }
      source += `\\${next}`;
    } else if (c === '*') source += '.*';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
