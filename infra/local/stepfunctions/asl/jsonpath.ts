import type { Json, JsonObject } from '../../../../workflows/asl';
import { deepEqual, hasOwn, isJsonObject, jsonType, toJsonText } from './json';
import {
  parsePath,
  type FilterExpr,
  type Operand,
  type PathRoot,
  type Segment,
  type Selector,
} from './jsonpath-parse';
import { StatesError } from './states-error';

/** What a JSONPath can read: `$` the input, `$$` the Context object, `$name` a variable. */
export interface PathScope {
  input: Json;
  context: JsonObject;
  variables: Readonly<Record<string, Json>>;
}

/** `scope` with another `$`. The Context object may be built on demand: it is read only when a path reads `$$`. */
export function rebased(scope: PathScope, input: Json): PathScope {
  return new RebasedScope(scope, input);
}

class RebasedScope implements PathScope {
  constructor(
    private readonly base: PathScope,
    readonly input: Json,
  ) {}

  get context(): JsonObject {
    return this.base.context;
  }

  get variables(): Readonly<Record<string, Json>> {
    return this.base.variables;
  }
}

/** A definite path that names nothing; `detail` is worded as Jayway (the library AWS uses) words it. */
export class PathNotFoundError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`Invalid path '${path}' : ${detail}`);
    this.name = 'PathNotFoundError';
  }
}

export type Lookup = { found: true; value: Json } | { found: false; detail: string };

/** Applies a Path. A definite path yields its node; an indefinite one an array of every match (maybe empty). */
export function lookupPath(path: string, scope: PathScope): Lookup {
  const parsed = parsePath(path);
  const root = rootOf(parsed.root, scope);
  if (!root.found) return root;
  const label = parsed.root.kind === 'variable' ? `$${parsed.root.name}` : '$';
  const selected = parsed.definite
    ? walkDefinite(root.value, label, parsed.segments)
    : { found: true as const, value: walkAll([root.value], parsed.segments, root.value) };
  if (!selected.found || !parsed.length) return selected;
  const size = lengthOf(selected.value);
  return size === undefined
    ? { found: false, detail: `Function length() can not be applied to ${jsonType(selected.value)}` }
    : { found: true, value: size };
}

/** Like lookupPath, but a path that names nothing throws PathNotFoundError. */
export function queryPath(path: string, scope: PathScope): Json {
  const result = lookupPath(path, scope);
  if (!result.found) throw new PathNotFoundError(path, result.detail);
  return result.value;
}

/**
 * ResultPath: `value` placed into a copy of `input` at the Reference Path, creating objects on the way.
 * `$` replaces the input. A path that cannot apply (e.g. `$.x` on a string) fails with States.ResultPathMatchFailure.
 */
export function setAtReferencePath(input: Json, path: string, value: Json): Json {
  const parsed = parsePath(path);
  if (parsed.root.kind !== 'input' || !parsed.definite || parsed.length) {
    throw new StatesError(
      'States.Runtime',
      `The value '${path}' is not a valid Reference Path for ResultPath`,
    );
  }
  if (parsed.segments.length === 0) return value;
  const fail = (): never => {
    throw new StatesError(
      'States.ResultPathMatchFailure',
      `Unable to apply ReferencePath ${path} to input ${toJsonText(input)}`,
    );
  };
  const output = structuredClone(input);
  let node: Json = output;
  for (const [i, { selector }] of parsed.segments.entries()) {
    const last = i === parsed.segments.length - 1;
    if (selector.kind === 'name') {
      const name = selector.names[0];
      if (!isJsonObject(node)) return fail();
      if (last) node[name] = value;
      else {
        if (!hasOwn(node, name)) node[name] = {};
        const next: Json = node[name];
        if (typeof next !== 'object' || next === null) return fail();
        node = next;
      }
    } else if (selector.kind === 'index') {
      if (!Array.isArray(node)) return fail();
      const index = arrayIndex(node, selector.indexes[0]);
      if (index === undefined) return fail();
      if (last) node[index] = value;
      else node = node[index];
    }
  }
  return output;
}

function rootOf(root: PathRoot, scope: PathScope): Lookup {
  if (root.kind === 'input') return { found: true, value: scope.input };
  if (root.kind === 'context') return { found: true, value: scope.context };
  return hasOwn(scope.variables as JsonObject, root.name)
    ? { found: true, value: scope.variables[root.name] }
    : { found: false, detail: `The variable '$${root.name}' has no value` };
}

const nameLabel = (name: string): string => `['${name}']`;

function walkDefinite(start: Json, rootLabel: string, segments: Segment[]): Lookup {
  let node = start;
  let label = rootLabel;
  const full = rootLabel + segments.map((s) => selectorLabel(s.selector)).join('');
  for (const [i, { selector }] of segments.entries()) {
    const last = i === segments.length - 1;
    if (selector.kind === 'name') {
      const name = selector.names[0];
      if (!isJsonObject(node)) {
        return {
          found: false,
          detail: `Expected to find an object with property ${nameLabel(name)} in path ${label} but found '${jsonType(node)}'`,
        };
      }
      label += nameLabel(name);
      if (!hasOwn(node, name)) {
        return {
          found: false,
          detail: last ? `No results for path: ${full}` : `Missing property in path ${label}`,
        };
      }
      node = node[name];
    } else if (selector.kind === 'index') {
      const wanted = selector.indexes[0];
      if (!Array.isArray(node)) {
        return {
          found: false,
          detail: `Expected to find an array with index [${wanted}] in path ${label} but found '${jsonType(node)}'`,
        };
      }
      const index = arrayIndex(node, wanted);
      if (index === undefined) return { found: false, detail: `No results for path: ${full}` };
      label += `[${wanted}]`;
      node = node[index];
    }
  }
  return { found: true, value: node };
}

function selectorLabel(selector: Selector): string {
  if (selector.kind === 'name') return selector.names.map(nameLabel).join('');
  if (selector.kind === 'index') return `[${selector.indexes.join(',')}]`;
  return '[*]';
}

function walkAll(nodes: Json[], segments: Segment[], root: Json): Json[] {
  return segments.reduce<Json[]>((current, segment) => {
    const targets = segment.descendant ? current.flatMap(selfAndDescendants) : current;
    if (segment.descendant && segment.selector.kind === 'filter')
      return scanFilter(targets, segment.selector.expr, root);
    return targets.flatMap((node) => select(node, segment.selector, root));
  }, nodes);
}

function select(node: Json, selector: Selector, root: Json): Json[] {
  switch (selector.kind) {
    case 'name':
      return isJsonObject(node) ? selector.names.filter((n) => hasOwn(node, n)).map((n) => node[n]) : [];
    case 'index':
      if (!Array.isArray(node)) return [];
      return selector.indexes.flatMap((i) => {
        const index = arrayIndex(node, i);
        return index === undefined ? [] : [node[index]];
      });
    case 'wildcard':
      return Array.isArray(node) ? node : isJsonObject(node) ? Object.values(node) : [];
    case 'slice':
      return Array.isArray(node) ? slice(node, selector.start, selector.end, selector.step) : [];
    case 'filter':
      // As in Jayway, a filter on an object tests the object itself.
      if (Array.isArray(node)) return node.filter((item) => matches(selector.expr, item, root));
      return isJsonObject(node) && matches(selector.expr, node, root) ? [node] : [];
  }
}

// A deep-scan filter tests every object once, and the plain values held in arrays.
function scanFilter(nodes: Json[], expr: FilterExpr, root: Json): Json[] {
  return nodes.flatMap((node): Json[] => {
    if (isJsonObject(node)) return matches(expr, node, root) ? [node] : [];
    if (Array.isArray(node)) {
      return node
        .filter((item) => typeof item !== 'object' || item === null)
        .filter((item) => matches(expr, item, root));
    }
    return [];
  });
}

function selfAndDescendants(node: Json): Json[] {
  const children = Array.isArray(node) ? node : isJsonObject(node) ? Object.values(node) : [];
  return [node, ...children.flatMap(selfAndDescendants)];
}

function arrayIndex(array: Json[], index: number): number | undefined {
  const effective = index < 0 ? array.length + index : index;
  return effective >= 0 && effective < array.length ? effective : undefined;
}

function slice(array: Json[], start?: number, end?: number, step = 1): Json[] {
  if (step === 0) return [];
  const length = array.length;
  const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);
  const normalise = (value: number): number => (value < 0 ? value + length : value);
  const out: Json[] = [];
  if (step > 0) {
    const from = clamp(normalise(start ?? 0), 0, length);
    const to = clamp(normalise(end ?? length), 0, length);
    for (let i = from; i < to; i += step) out.push(array[i]);
  } else {
    const from = clamp(normalise(start ?? length - 1), -1, length - 1);
    const to = end === undefined ? -1 : clamp(normalise(end), -1, length - 1);
    for (let i = from; i > to; i += step) out.push(array[i]);
  }
  return out;
}

function lengthOf(value: Json): number | undefined {
  if (Array.isArray(value) || typeof value === 'string') return value.length;
  return isJsonObject(value) ? Object.keys(value).length : undefined;
}

const MISSING = Symbol('missing');
type Value = Json | RegExp | typeof MISSING;

function matches(expr: FilterExpr, current: Json, root: Json): boolean {
  switch (expr.kind) {
    case 'and':
      return matches(expr.left, current, root) && matches(expr.right, current, root);
    case 'or':
      return matches(expr.left, current, root) || matches(expr.right, current, root);
    case 'not':
      return !matches(expr.operand, current, root);
    case 'exists':
      return operandValue(expr.operand, current, root) !== MISSING;
    case 'compare':
      return compare(
        expr.op,
        operandValue(expr.left, current, root),
        operandValue(expr.right, current, root),
      );
  }
}

function operandValue(operand: Operand, current: Json, root: Json): Value {
  if (operand.kind === 'literal') return operand.value;
  if (operand.kind === 'regex') return operand.regex;
  const base = operand.relative ? current : root;
  const definite = operand.segments.every(
    (s) => !s.descendant && (s.selector.kind === 'name' || s.selector.kind === 'index'),
  );
  let value: Json;
  if (definite) {
    const found = walkDefinite(base, '@', operand.segments);
    if (!found.found) return MISSING;
    value = found.value;
  } else {
    value = walkAll([base], operand.segments, root);
  }
  if (!operand.length) return value;
  return lengthOf(value) ?? MISSING;
}

// In a filter, a comparison between values of different types is simply false, as in Jayway.
function compare(op: string, left: Value, right: Value): boolean {
  if (left === MISSING || right === MISSING) return false;
  if (left instanceof RegExp) return false;
  if (right instanceof RegExp) return op === '=~' && typeof left === 'string' && right.test(left);
  const inRight = (item: Json): boolean => Array.isArray(right) && right.some((r) => deepEqual(item, r));
  switch (op) {
    case '==':
      return deepEqual(left, right);
    case '!=':
      return !deepEqual(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordered(op, left, right);
    case 'in':
      return inRight(left);
    case 'nin':
      return Array.isArray(right) && !inRight(left);
    case 'subsetof':
      return Array.isArray(left) && left.every(inRight);
    case 'anyof':
      return Array.isArray(left) && left.some(inRight);
    case 'noneof':
      return Array.isArray(left) && Array.isArray(right) && !left.some(inRight);
    case 'size':
      return (Array.isArray(left) || typeof left === 'string') && left.length === right;
    case 'empty':
      return (Array.isArray(left) || typeof left === 'string') && (left.length === 0) === right;
    default:
      return false;
  }
}

function ordered(op: string, left: Json, right: Json): boolean {
  const comparable =
    (typeof left === 'number' && typeof right === 'number') ||
    (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return false;
  if (op === '<') return left < right;
  if (op === '<=') return left <= right;
  if (op === '>') return left > right;
  return left >= right;
}
