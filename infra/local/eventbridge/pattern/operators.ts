import { InvalidEventPatternError } from './errors';
import { parseCidr } from './ip';
import { fold, type Matcher } from './matchers';
import { parseWildcard } from './wildcard';

/**
 * One match expression (`{ "prefix": "us-" }`, `{ "numeric": [">", 0] }` …), checked in the
 * order and with the words of Event Ruler's JsonRuleCompiler, which EventBridge uses: the first
 * problem found reading the JSON from left to right is the one reported.
 */
export function parseMatchExpression(expression: Record<string, unknown>): Matcher {
  const keys = Object.keys(expression);
  if (!keys.length) fail('Match expression name not found');
  const [name] = keys;
  const value = expression[name];
  const onlyOneKey = (message = 'Only one key allowed in match expression') => {
    if (keys.length > 1) fail(message);
  };
  switch (name) {
    case 'prefix':
    case 'suffix': {
      if (isObject(value)) {
        const matcher = { kind: name, value: ignoreCaseOperand(value, name), ignoreCase: true } as const;
        onlyOneKey();
        return matcher;
      }
      if (typeof value !== 'string') fail(`${name} match pattern must be a string`);
      onlyOneKey();
      return { kind: name, value, ignoreCase: false };
    }
    case 'equals-ignore-case':
      if (typeof value !== 'string') fail('equals-ignore-case match pattern must be a string');
      onlyOneKey();
      return { kind: name, value: fold(value, true), ignoreCase: true };
    case 'wildcard': {
      if (typeof value !== 'string') fail('wildcard match pattern must be a string');
      const pattern = parseWildcard(value);
      onlyOneKey();
      return { kind: 'wildcard', pattern };
    }
    case 'numeric': {
      if (!Array.isArray(value)) fail('Value of numeric must be an array.');
      const matcher = parseNumeric(value);
      onlyOneKey('Too many elements in numeric expression');
      return matcher;
    }
    case 'anything-but': {
      const matcher = parseAnythingBut(value);
      onlyOneKey('Too many elements in numeric expression');
      return matcher;
    }
    case 'exists':
      if (typeof value !== 'boolean') fail('exists match pattern must be either true or false.');
      onlyOneKey();
      return { kind: 'exists', exists: value };
    case 'cidr': {
      if (typeof value !== 'string') fail('prefix match pattern must be a string');
      const range = parseCidr(value);
      onlyOneKey();
      return { kind: 'cidr', range };
    }
    default:
      return fail(`Unrecognized match type ${name}`);
  }
}

/** `{ "prefix": { "equals-ignore-case": "x" } }` and the suffix form. */
function ignoreCaseOperand(inner: Record<string, unknown>, outer: 'prefix' | 'suffix'): string {
  const keys = Object.keys(inner);
  const Outer = outer === 'prefix' ? 'Prefix' : 'Suffix';
  if (!keys.length) fail(`${Outer} expression name not found`);
  if (keys[0] !== 'equals-ignore-case') fail(`Unsupported ${outer} pattern: ${keys[0]}`);
  const value = inner[keys[0]];
  if (typeof value !== 'string') fail('equals-ignore-case match pattern must be a string');
  if (keys.length > 1) fail('Only one key allowed in match expression');
  return fold(value, true);
}

const ANYTHING_BUT_FORMS = {
  'equals-ignore-case': 'anything-but-ignore-case',
  prefix: 'anything-but-prefix',
  suffix: 'anything-but-suffix',
  wildcard: 'anything-but-wildcard',
} as const;

function parseAnythingBut(value: unknown): Matcher {
  let operand = value;
  let form: keyof typeof ANYTHING_BUT_FORMS | undefined;
  let innerKeys = 1;
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (!keys.length) fail('Anything-But expression name not found');
    if (!Object.hasOwn(ANYTHING_BUT_FORMS, keys[0])) fail(`Unsupported anything-but pattern: ${keys[0]}`);
    form = keys[0] as keyof typeof ANYTHING_BUT_FORMS;
    operand = value[form];
    innerKeys = keys.length;
  }
  if (!Array.isArray(operand) && typeof operand !== 'string' && typeof operand !== 'number') {
    fail('Value of anything-but must be an array or single string/number value.');
  }
  const matcher = form ? anythingButForm(form, operand) : anythingButValues(operand);
  if (innerKeys > 1) fail('Too many elements in numeric expression');
  return matcher;
}

function anythingButValues(operand: unknown[] | string | number): Matcher {
  const values = Array.isArray(operand) ? operand : [operand];
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number') {
      fail('Inside anything but list, start|null|boolean is not supported.');
    }
    if (typeof v === 'number') comparable(v);
  }
  const strings = values.filter((v) => typeof v === 'string').length;
  if (!values.length || (strings > 0 && strings < values.length)) {
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return { kind: 'anything-but', values: values as Array<string | number> };
}

function anythingButForm(
  form: keyof typeof ANYTHING_BUT_FORMS,
  operand: unknown[] | string | number,
): Matcher {
  const values = Array.isArray(operand) ? operand : [operand];
  for (const v of values) {
    if (typeof v !== 'string') {
      if (form === 'equals-ignore-case') {
        fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
      }
      fail(
        form === 'wildcard'
          ? 'wildcard match pattern must be a string'
          : 'prefix/suffix match pattern must be a string',
      );
    }
    if ((form === 'prefix' || form === 'suffix') && v === '') fail('Null prefix/suffix not allowed');
  }
  const strings = values as string[];
  if (form === 'wildcard') return { kind: 'anything-but-wildcard', patterns: strings.map(parseWildcard) };
  const folded = form === 'equals-ignore-case' ? strings.map((s) => fold(s, true)) : strings;
  return { kind: ANYTHING_BUT_FORMS[form], values: folded };
}

/** `["=", 5]`, `[">", 0]`, `[">=", 0, "<", 10]`, `["<=", 9]` … read as Ruler reads its tokens. */
function parseNumeric(items: unknown[]): Matcher {
  const token = (i: number) => (i < items.length ? items[i] : END);
  const operator = token(0);
  if (typeof operator !== 'string') fail(`Invalid member in numeric match: ${tokenText(operator)}`);
  const operand = token(1);
  const numeric = (v: unknown, name: string): number => {
    if (typeof v !== 'number') fail(`Value of ${name} must be numeric`);
    return comparable(v);
  };
  const onlyUpTo = (n: number) => {
    if (items.length > n) fail('Too many elements in numeric expression');
  };
  const all = { bottom: -Infinity, openBottom: true, top: Infinity, openTop: true };
  switch (operator) {
    case '=': {
      const v = numeric(operand, 'equals');
      onlyUpTo(2);
      return { kind: 'numeric', bottom: v, openBottom: false, top: v, openTop: false };
    }
    case '<':
    case '<=': {
      const top = numeric(operand, operator);
      onlyUpTo(2);
      return { kind: 'numeric', ...all, top, openTop: operator === '<' };
    }
    case '>':
    case '>=': {
      const bottom = numeric(operand, operator);
      const range = { kind: 'numeric', ...all, bottom, openBottom: operator === '>' } as const;
      if (items.length === 2) return range;
      const second = token(2);
      if (typeof second !== 'string') fail(`Bad value in numeric range: ${tokenText(second)}`);
      if (second !== '<' && second !== '<=') fail(`Bad numeric range operator: ${second}`);
      const top = numeric(token(3), second);
      if (items.length > 4) fail('Too many terms in numeric range expression');
      if (!(bottom < top)) fail('Bottom must be less than top');
      return { ...range, top, openTop: second === '<' };
    }
    default:
      return fail(`Unrecognized numeric range operator: ${operator}`);
  }
}

/** Ruler compares numbers as IEEE doubles; one that is not a finite double cannot be compared. */
function comparable(n: number): number {
  if (!Number.isFinite(n)) fail(`Cannot compare number : ${n}`);
  return n;
}

const END = Symbol('end of array');

/** How Jackson prints the token it stopped at. */
function tokenText(token: unknown): string {
  if (token === END) return ']';
  if (Array.isArray(token)) return '[';
  if (isObject(token)) return '{';
  return String(token);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}
