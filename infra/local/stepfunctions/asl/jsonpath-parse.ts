import type { Json } from '../../../../workflows/asl';
import { StatesError } from './states-error';

/** Where a path starts: `$` the input, `$$` the Context object, `$name` a variable. */
export type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

export type Selector =
  | { kind: 'name'; names: string[] }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'filter'; expr: FilterExpr };

export interface Segment {
  /** `..` before the selector: apply it to the node and every node below it. */
  descendant: boolean;
  selector: Selector;
}

export interface ParsedPath {
  text: string;
  root: PathRoot;
  segments: Segment[];
  /** A trailing `.length()`, as Jayway allows. */
  length: boolean;
  /** A definite path names one node; an indefinite one (`..`, `*`, slices, filters, lists) yields an array. */
  definite: boolean;
}

export type Operand =
  | { kind: 'path'; relative: boolean; segments: Segment[]; length: boolean }
  | { kind: 'literal'; value: Json }
  | { kind: 'regex'; regex: RegExp };

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'exists'; operand: Operand }
  | { kind: 'compare'; op: string; left: Operand; right: Operand };

const WORD_OPERATORS = ['subsetof', 'noneof', 'anyof', 'empty', 'size', 'nin', 'in'];
const SYMBOL_OPERATORS = ['==', '!=', '<=', '>=', '=~', '<', '>'];
// Inside a filter a dot-notation name ends where an operator or the filter itself could begin.
const FILTER_NAME_END = /[\s.[\]()=!<>&|,~]/;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INTEGER = /-?\d+/y;
const VARIABLE_NAME = /\p{ID_Start}\p{ID_Continue}*/uy;

class Cursor {
  i = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.i >= this.text.length;
  }
  peek(offset = 0): string {
    return this.text.charAt(this.i + offset);
  }
  startsWith(token: string): boolean {
    return this.text.startsWith(token, this.i);
  }
  skipSpaces(): void {
    while (/\s/.test(this.peek())) this.i++;
  }
  expect(token: string): void {
    this.skipSpaces();
    if (!this.startsWith(token)) this.fail(`expected '${token}'`);
    this.i += token.length;
  }
  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.i;
    const m = pattern.exec(this.text);
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }
  fail(why: string): never {
    throw new StatesError('States.Runtime', `Invalid JSONPath '${this.text}': ${why} at position ${this.i}`);
  }
}

const cache = new Map<string, ParsedPath>();

/** Parses a Path (`$…`, `$$…` or `$name…`); throws States.Runtime when the syntax is invalid. */
export function parsePath(text: string): ParsedPath {
  const cached = cache.get(text);
  if (cached) return cached;
  const cursor = new Cursor(text);
  const root = parseRoot(cursor);
  const { segments, length } = parseSegments(cursor, false);
  if (!cursor.done) cursor.fail(`unexpected '${cursor.peek()}'`);
  const definite = segments.every((s) => !s.descendant && isSingle(s.selector));
  const parsed: ParsedPath = { text, root, segments, length, definite };
  cache.set(text, parsed);
  return parsed;
}

function isSingle(selector: Selector): boolean {
  return (
    (selector.kind === 'name' && selector.names.length === 1) ||
    (selector.kind === 'index' && selector.indexes.length === 1)
  );
}

function parseRoot(cursor: Cursor): PathRoot {
  if (cursor.startsWith('$$')) {
    cursor.i += 2;
    return { kind: 'context' };
  }
  if (!cursor.startsWith('$')) cursor.fail("a path must start with '$'");
  cursor.i += 1;
  const name = cursor.match(VARIABLE_NAME);
  return name === undefined ? { kind: 'input' } : { kind: 'variable', name };
}

function parseSegments(cursor: Cursor, inFilter: boolean): { segments: Segment[]; length: boolean } {
  const segments: Segment[] = [];
  while (!cursor.done) {
    if (cursor.startsWith('..')) {
      cursor.i += 2;
      const selector = cursor.peek() === '[' ? parseBracket(cursor) : parseDotSelector(cursor, inFilter);
      segments.push({ descendant: true, selector });
    } else if (cursor.peek() === '.') {
      cursor.i += 1;
      if (cursor.startsWith('length()') && isPathEnd(cursor, cursor.i + 8, inFilter)) {
        cursor.i += 8;
        return { segments, length: true };
      }
      segments.push({ descendant: false, selector: parseDotSelector(cursor, inFilter) });
    } else if (cursor.peek() === '[') {
      segments.push({ descendant: false, selector: parseBracket(cursor) });
    } else if (inFilter) {
      break;
    } else {
      cursor.fail(`unexpected '${cursor.peek()}'`);
    }
  }
  return { segments, length: false };
}

function isPathEnd(cursor: Cursor, at: number, inFilter: boolean): boolean {
  const next = cursor.text.charAt(at);
  return next === '' || (inFilter && next !== '.' && next !== '[');
}

function parseDotSelector(cursor: Cursor, inFilter: boolean): Selector {
  if (cursor.peek() === '*') {
    cursor.i += 1;
    return { kind: 'wildcard' };
  }
  let name = '';
  while (!cursor.done) {
    const c = cursor.peek();
    if (c === '.' || c === '[' || (inFilter && FILTER_NAME_END.test(c))) break;
    // The States Language allows backslash escapes in dot notation, e.g. `$.store\.book`.
    if (c === '\\' && cursor.i + 1 < cursor.text.length) {
      name += cursor.peek(1);
      cursor.i += 2;
    } else {
      name += c;
      cursor.i += 1;
    }
  }
  if (name === '') cursor.fail('expected a property name');
  return { kind: 'name', names: [name] };
}

function parseBracket(cursor: Cursor): Selector {
  cursor.expect('[');
  cursor.skipSpaces();
  let selector: Selector;
  if (cursor.startsWith('?')) {
    cursor.i += 1;
    cursor.expect('(');
    selector = { kind: 'filter', expr: parseOr(cursor) };
    cursor.expect(')');
  } else if (cursor.startsWith('*')) {
    cursor.i += 1;
    selector = { kind: 'wildcard' };
  } else if (cursor.peek() === "'" || cursor.peek() === '"') {
    const names = [parseQuoted(cursor)];
    while ((cursor.skipSpaces(), cursor.peek() === ',')) {
      cursor.i += 1;
      cursor.skipSpaces();
      names.push(parseQuoted(cursor));
    }
    selector = { kind: 'name', names };
  } else {
    selector = parseIndexesOrSlice(cursor);
  }
  cursor.expect(']');
  return selector;
}

function parseIndexesOrSlice(cursor: Cursor): Selector {
  const optionalInteger = (): number | undefined => {
    cursor.skipSpaces();
    const digits = cursor.match(INTEGER);
    return digits === undefined ? undefined : Number(digits);
  };
  const first = optionalInteger();
  cursor.skipSpaces();
  if (cursor.peek() === ':') {
    cursor.i += 1;
    const end = optionalInteger();
    cursor.skipSpaces();
    let step: number | undefined;
    if (cursor.peek() === ':') {
      cursor.i += 1;
      step = optionalInteger();
    }
    return { kind: 'slice', start: first, end, step };
  }
  if (first === undefined) cursor.fail('expected an index, a slice, a quoted name, * or a filter');
  const indexes = [first];
  while ((cursor.skipSpaces(), cursor.peek() === ',')) {
    cursor.i += 1;
    const next = optionalInteger();
    if (next === undefined) cursor.fail('expected an index');
    indexes.push(next);
  }
  return { kind: 'index', indexes };
}

function parseQuoted(cursor: Cursor): string {
  const quote = cursor.peek();
  cursor.i += 1;
  let value = '';
  while (!cursor.done && cursor.peek() !== quote) {
    if (cursor.peek() === '\\' && cursor.i + 1 < cursor.text.length) cursor.i += 1;
    value += cursor.peek();
    cursor.i += 1;
  }
  if (cursor.done) cursor.fail('unterminated string');
  cursor.i += 1;
  return value;
}

function parseOr(cursor: Cursor): FilterExpr {
  let left = parseAnd(cursor);
  while ((cursor.skipSpaces(), cursor.startsWith('||'))) {
    cursor.i += 2;
    left = { kind: 'or', left, right: parseAnd(cursor) };
  }
  return left;
}

function parseAnd(cursor: Cursor): FilterExpr {
  let left = parseUnary(cursor);
  while ((cursor.skipSpaces(), cursor.startsWith('&&'))) {
    cursor.i += 2;
    left = { kind: 'and', left, right: parseUnary(cursor) };
  }
  return left;
}

function parseUnary(cursor: Cursor): FilterExpr {
  cursor.skipSpaces();
  if (cursor.peek() === '!' && cursor.peek(1) !== '=') {
    cursor.i += 1;
    return { kind: 'not', operand: parseUnary(cursor) };
  }
  if (cursor.peek() === '(') {
    cursor.i += 1;
    const inner = parseOr(cursor);
    cursor.expect(')');
    return inner;
  }
  const left = parseOperand(cursor);
  cursor.skipSpaces();
  const op = parseOperator(cursor);
  if (op === undefined) {
    if (left.kind !== 'path') cursor.fail('expected a comparison');
    return { kind: 'exists', operand: left };
  }
  return { kind: 'compare', op, left, right: parseOperand(cursor) };
}

function parseOperator(cursor: Cursor): string | undefined {
  const symbol = SYMBOL_OPERATORS.find((op) => cursor.startsWith(op));
  if (symbol) {
    cursor.i += symbol.length;
    return symbol;
  }
  const word = WORD_OPERATORS.find(
    (op) => cursor.startsWith(op) && !/\w/.test(cursor.text.charAt(cursor.i + op.length)),
  );
  if (word) cursor.i += word.length;
  return word;
}

function parseOperand(cursor: Cursor): Operand {
  cursor.skipSpaces();
  const c = cursor.peek();
  if (c === '@' || c === '$') {
    cursor.i += 1;
    const { segments, length } = parseSegments(cursor, true);
    return { kind: 'path', relative: c === '@', segments, length };
  }
  if (c === '/') return { kind: 'regex', regex: parseRegex(cursor) };
  return { kind: 'literal', value: parseLiteral(cursor) };
}

function parseLiteral(cursor: Cursor): Json {
  cursor.skipSpaces();
  const c = cursor.peek();
  if (c === "'" || c === '"') return parseQuoted(cursor);
  if (c === '[') {
    cursor.i += 1;
    const items: Json[] = [];
    cursor.skipSpaces();
    if (cursor.peek() !== ']') {
      items.push(parseLiteral(cursor));
      while ((cursor.skipSpaces(), cursor.peek() === ',')) {
        cursor.i += 1;
        items.push(parseLiteral(cursor));
      }
    }
    cursor.expect(']');
    return items;
  }
  for (const [word, value] of [
    ['true', true],
    ['false', false],
    ['null', null],
  ] as const) {
    if (cursor.startsWith(word)) {
      cursor.i += word.length;
      return value;
    }
  }
  const number = cursor.match(NUMBER);
  if (number === undefined) cursor.fail('expected a value');
  return Number(number);
}

function parseRegex(cursor: Cursor): RegExp {
  cursor.i += 1;
  let source = '';
  while (!cursor.done && cursor.peek() !== '/') {
    if (cursor.peek() === '\\') {
      source += cursor.peek();
      cursor.i += 1;
    }
    source += cursor.peek();
    cursor.i += 1;
  }
  if (cursor.done) cursor.fail('unterminated regular expression');
  cursor.i += 1;
  const flags = (cursor.match(/[a-z]*/y) ?? '').replace(/[^ims]/g, '');
  try {
    return new RegExp(source, flags);
  } catch {
    return cursor.fail(`invalid regular expression /${source}/`);
  }
}
