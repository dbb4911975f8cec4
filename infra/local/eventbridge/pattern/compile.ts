import { InvalidEventPatternError } from './errors';
import { ipHex } from './ip';
import type { Matcher } from './matchers';
import { isObject, parseMatchExpression } from './operators';
import { wildcardComplexity, type Wildcard } from './wildcard';

/**
 * One way for an event to match: every field (a dotted path) must match one of its matchers.
 * A pattern is the OR of its branches; `$or` is what makes more than one.
 */
export type Branch = Map<string, Matcher[]>;

/**
 * The largest wildcard complexity (see `wildcardComplexity`) a rule may have. AWS does not publish
 * its limit; 10 separates what AWS is known to accept (`/Users/*\/dir/dir/dir/dir/dir/doc.txt`: 7;
 * three `*:stack/<name>/*` values on one field: 9) from what it is known to refuse
 * (`*:*:*:*:*:event-bus/*`: 11; four `*:stack/<name>/*` values: 12).
 */
export const MAX_WILDCARD_COMPLEXITY = 10;

/** Keys Ruler keeps for operators, which may not name a field inside `$or`. */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

/**
 * Parses and checks an event pattern (JSON text) the way EventBridge does, into its branches.
 * Throws InvalidEventPatternError with AWS's reason.
 */
export function compileBranches(text: string): Branch[] {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    fail((error as Error).message);
  }
  if (!isObject(root)) fail('Filter is not an object');
  const branches: Branch[] = [];
  parseObject(branches, [], root, false);
  checkComplexity(branches);
  return branches;
}

function parseObject(
  branches: Branch[],
  path: string[],
  object: Record<string, unknown>,
  inOr: boolean,
): void {
  const keys = Object.keys(object);
  if (!keys.length) fail('Empty objects are not allowed');
  for (const key of keys) {
    const value = object[key];
    if (key === '$or') {
      parseOr(branches, path, value);
      continue;
    }
    if (inOr && RESERVED_IN_OR.has(key)) {
      fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    if (isObject(value)) parseObject(branches, [...path, key], value, inOr);
    else if (Array.isArray(value)) writeField(branches, [...path, key].join('.'), value);
    else fail(`"${key}" must be an object or an array`);
  }
}

/** Each object of the `$or` array forks every branch built so far; fields after it apply to all forks. */
function parseOr(branches: Branch[], path: string[], value: unknown): void {
  if (!Array.isArray(value)) fail('It must be an Array followed with $or.');
  const before = branches.splice(0).map((b) => new Map(b));
  for (const element of value) {
    if (!isObject(element)) fail('Only JSON object is allowed in array of $or relationship.');
    const forks = before.length ? before.map((b) => new Map(b)) : [new Map()];
    parseObject(forks, path, element, true);
    branches.push(...forks);
  }
  if (value.length < 2) fail('There must have at least 2 Objects in $or relationship.');
}

/** A field's array: its matchers replace any earlier ones for the same path (Ruler's overriding). */
function writeField(branches: Branch[], name: string, values: unknown[]): void {
  const matchers = values.map((value): Matcher => {
    if (isObject(value)) return parseMatchExpression(value);
    if (Array.isArray(value)) fail('Match value must be String, number, true, false, or null');
    if (typeof value === 'string') {
      const ip = ipHex(value);
      return ip === undefined ? { kind: 'exact', value } : { kind: 'exact', value, ip };
    }
    return { kind: 'exact', value: value as number | boolean | null };
  });
  if (!matchers.length) fail('Empty arrays are not allowed');
  if (!branches.length) branches.push(new Map());
  for (const branch of branches) branch.set(name, matchers);
}

/** Wildcards on the same field add up, as they share one automaton in Ruler's machine. */
function checkComplexity(branches: Branch[]): void {
  const byField = new Map<string, Set<Wildcard>>();
  for (const branch of branches) {
    for (const [field, matchers] of branch) {
      for (const m of matchers) {
        const patterns =
          m.kind === 'wildcard' ? [m.pattern] : m.kind === 'anything-but-wildcard' ? m.patterns : [];
        for (const p of patterns) {
          if (!byField.has(field)) byField.set(field, new Set());
          byField.get(field)!.add(p);
        }
      }
    }
  }
  for (const patterns of byField.values()) {
    const unique = [...new Map([...patterns].map((p) => [p.text, p])).values()];
    if (wildcardComplexity(unique, MAX_WILDCARD_COMPLEXITY + 1) > MAX_WILDCARD_COMPLEXITY) {
      fail(
        'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
      );
    }
  }
}

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}
