import type { Json } from '../../../../workflows/asl';
import { StatesError } from './states-error';

export type IntrinsicArg =
  /** `raw` keeps a string literal's escapes, so States.Format can tell `\{\}` from a `{}` placeholder. */
  | { kind: 'literal'; value: Json; raw?: string }
  | { kind: 'path'; path: string }
  | { kind: 'call'; call: IntrinsicCall };

export interface IntrinsicCall {
  name: string;
  args: IntrinsicArg[];
}

/** AWS allows up to 10 intrinsic functions nested within a field. */
export const MAX_NESTING = 10;

const NAME = /[A-Za-z0-9._]+/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPABLE = new Set(["'", '{', '}', '\\']);

const cache = new Map<string, IntrinsicCall>();

/** Parses `States.Name(arg, …)`; throws States.IntrinsicFailure when the text is not a valid call. */
export function parseIntrinsic(text: string): IntrinsicCall {
  const cached = cache.get(text);
  if (cached) return cached;
  const parser = new Parser(text);
  parser.skipSpaces();
  const call = parser.call(1);
  parser.skipSpaces();
  if (parser.i < text.length) parser.fail(`unexpected '${text[parser.i]}'`);
  cache.set(text, call);
  return call;
}

class Parser {
  i = 0;
  constructor(readonly text: string) {}

  fail(why: string): never {
    throw new StatesError('States.IntrinsicFailure', `Invalid intrinsic function '${this.text}': ${why}`);
  }
  skipSpaces(): void {
    while (/\s/.test(this.text.charAt(this.i))) this.i++;
  }
  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.i;
    const m = pattern.exec(this.text);
    if (m) this.i += m[0].length;
    return m?.[0];
  }

  call(depth: number): IntrinsicCall {
    if (depth > MAX_NESTING) this.fail(`more than ${MAX_NESTING} nested intrinsic functions`);
    const name = this.match(NAME);
    if (name === undefined) this.fail('expected a function name');
    this.skipSpaces();
    if (this.text[this.i] !== '(') this.fail(`expected '(' after ${name}`);
    this.i++;
    const args: IntrinsicArg[] = [];
    this.skipSpaces();
    if (this.text[this.i] === ')') {
      this.i++;
      return { name, args };
    }
    for (;;) {
      this.skipSpaces();
      args.push(this.argument(depth));
      this.skipSpaces();
      const c = this.text[this.i++];
      if (c === ')') return { name, args };
      if (c !== ',') this.fail(`expected ',' or ')' in the arguments of ${name}`);
    }
  }

  argument(depth: number): IntrinsicArg {
    const c = this.text.charAt(this.i);
    if (c === "'") return this.string();
    if (c === '$') return { kind: 'path', path: this.path() };
    const number = this.match(NUMBER);
    if (number !== undefined) return { kind: 'literal', value: Number(number) };
    for (const [word, value] of [
      ['null', null],
      ['true', true],
      ['false', false],
    ] as const) {
      if (this.text.startsWith(word, this.i) && !/[\w.(]/.test(this.text.charAt(this.i + word.length))) {
        this.i += word.length;
        return { kind: 'literal', value };
      }
    }
    return { kind: 'call', call: this.call(depth + 1) };
  }

  string(): IntrinsicArg {
    const start = ++this.i;
    let value = '';
    while (this.i < this.text.length && this.text[this.i] !== "'") {
      if (this.text[this.i] === '\\') {
        const next = this.text.charAt(this.i + 1);
        if (!ESCAPABLE.has(next)) this.fail(`open escape '\\${next}' in a string literal`);
        value += next;
        this.i += 2;
      } else {
        value += this.text[this.i++];
      }
    }
    if (this.i >= this.text.length) this.fail('unterminated string literal');
    const raw = this.text.slice(start, this.i++);
    return { kind: 'literal', value, raw };
  }

  // A path argument runs to the next `,` or `)` outside brackets, parentheses and quotes.
  path(): string {
    const start = this.i;
    let depth = 0;
    let quote: string | undefined;
    for (; this.i < this.text.length; this.i++) {
      const c = this.text[this.i];
      if (quote) {
        if (c === '\\') this.i++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if ((c === ',' || c === ')') && depth === 0) break;
      else if (c === ']' || c === ')') depth--;
    }
    return this.text.slice(start, this.i).trim();
  }
}
