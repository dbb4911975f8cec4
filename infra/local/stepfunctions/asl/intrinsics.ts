import { createHash, randomUUID } from 'node:crypto';
import type { Json, JsonObject } from '../../../../workflows/asl';
import { JavaRandom } from './java-random';
import { deepEqual, isJsonObject, jsonType, toJsonText } from './json';
import { lookupPath, type PathScope } from './jsonpath';
import { parseIntrinsic, type IntrinsicArg, type IntrinsicCall } from './intrinsic-parse';
import { StatesError } from './states-error';

/** Hash, Base64Encode and Base64Decode refuse inputs longer than this. */
export const MAX_ENCODE_INPUT = 10_000;
/** ArrayRange refuses to build a longer array. */
export const MAX_RANGE_ITEMS = 1000;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

interface Arg {
  value: Json;
  raw?: string;
}

interface FunctionSpec {
  arity: [min: number, max: number];
  run(args: Arg[], fail: (why: string) => never): Json;
}

/**
 * Evaluates an intrinsic call such as `States.Format('Hello {}', $.name)`. Path arguments read `scope`; a path
 * that names nothing fails with States.Runtime (worded for `field`), a function that fails with States.IntrinsicFailure.
 */
export function evaluateIntrinsic(text: string, scope: PathScope, field: string): Json {
  return evaluateCall(parseIntrinsic(text), scope, field);
}

function evaluateCall(call: IntrinsicCall, scope: PathScope, field: string): Json {
  const fail = (why: string): never => {
    throw new StatesError('States.IntrinsicFailure', `Invalid arguments in ${call.name}: ${why}`);
  };
  const spec = FUNCTIONS[call.name];
  if (!spec) {
    throw new StatesError('States.IntrinsicFailure', `The intrinsic function ${call.name} does not exist`);
  }
  const [min, max] = spec.arity;
  if (call.args.length < min || call.args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    fail(`expected ${expected} argument(s) but got ${call.args.length}`);
  }
  const args = call.args.map((arg) => argument(arg, scope, field));
  return spec.run(args, fail);
}

function argument(arg: IntrinsicArg, scope: PathScope, field: string): Arg {
  if (arg.kind === 'literal') return { value: arg.value, raw: arg.raw };
  if (arg.kind === 'call') return { value: evaluateCall(arg.call, scope, field) };
  const found = lookupPath(arg.path, scope);
  if (!found.found) {
    throw new StatesError(
      'States.Runtime',
      `The JSONPath '${arg.path}' specified for the field '${field}' could not be found in the input '${toJsonText(scope.input)}'`,
    );
  }
  return { value: found.value };
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  'States.Format': { arity: [1, Infinity], run: format },
  'States.StringToJson': {
    arity: [1, 1],
    run: ([text], fail) => {
      const source = string(text.value, 'the argument', fail);
      if (source.trim() === '') return null;
      try {
        return JSON.parse(source) as Json;
      } catch {
        return fail(`'${source}' is not valid JSON`);
      }
    },
  },
  'States.JsonToString': { arity: [1, 1], run: ([value]) => toJsonText(value.value) },
  'States.Array': { arity: [0, Infinity], run: (args) => args.map((a) => a.value) },
  'States.ArrayPartition': {
    arity: [2, 2],
    run: ([array, size], fail) => {
      const items = list(array.value, fail);
      const chunk = rounded(size.value, 'the chunk size', fail);
      if (chunk <= 0) fail(`the chunk size must be a positive integer, got ${chunk}`);
      const chunks: Json[] = [];
      for (let i = 0; i < items.length; i += chunk) chunks.push(items.slice(i, i + chunk));
      return chunks;
    },
  },
  'States.ArrayContains': {
    arity: [2, 2],
    run: ([array, value], fail) => list(array.value, fail).some((item) => deepEqual(item, value.value)),
  },
  'States.ArrayRange': {
    arity: [3, 3],
    run: ([first, last, step], fail) => {
      const [from, to, by] = [first, last, step].map((a, i) => rounded(a.value, `argument ${i + 1}`, fail));
      if (by === 0) fail('the step must not be zero');
      const count = Math.sign(to - from) === -Math.sign(by) ? 0 : Math.floor((to - from) / by) + 1;
      if (count > MAX_RANGE_ITEMS) fail(`the range would hold ${count} items, more than ${MAX_RANGE_ITEMS}`);
      return Array.from({ length: count }, (_, i) => from + i * by);
    },
  },
  'States.ArrayGetItem': {
    arity: [2, 2],
    run: ([array, index], fail) => {
      const items = list(array.value, fail);
      const at = index.value;
      if (typeof at !== 'number' || !Number.isInteger(at))
        return fail(`the index must be an integer, got ${toJsonText(at)}`);
      if (at < 0 || at >= items.length)
        fail(`index ${at} is out of bounds for an array of length ${items.length}`);
      return items[at];
    },
  },
  'States.ArrayLength': { arity: [1, 1], run: ([array], fail) => list(array.value, fail).length },
  'States.ArrayUnique': {
    arity: [1, 1],
    run: ([array], fail) =>
      list(array.value, fail).reduce<Json[]>((kept, item) => {
        if (!kept.some((k) => deepEqual(k, item))) kept.push(item);
        return kept;
      }, []),
  },
  'States.Base64Encode': {
    arity: [1, 1],
    run: ([data], fail) => Buffer.from(limited(data.value, fail), 'utf8').toString('base64'),
  },
  'States.Base64Decode': {
    arity: [1, 1],
    run: ([data], fail) => {
      const encoded = limited(data.value, fail);
      if (encoded.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded))
        fail('the argument is not valid Base64');
      return Buffer.from(encoded, 'base64').toString('utf8');
    },
  },
  'States.Hash': {
    arity: [2, 2],
    run: ([data, algorithm], fail) => {
      // AWS hashes the stringified form of a non-string argument.
      const text = typeof data.value === 'string' ? data.value : toJsonText(data.value);
      if (text.length > MAX_ENCODE_INPUT)
        fail(`the data is ${text.length} characters long, more than ${MAX_ENCODE_INPUT}`);
      const name = typeof algorithm.value === 'string' ? HASHES[algorithm.value] : undefined;
      if (!name) {
        return fail(
          `the algorithm ${toJsonText(algorithm.value)} is not one of ${Object.keys(HASHES).join(', ')}`,
        );
      }
      return createHash(name).update(text, 'utf8').digest('hex');
    },
  },
  'States.JsonMerge': {
    arity: [3, 3],
    run: ([first, second, deep], fail) => {
      if (typeof deep.value !== 'boolean') fail('the third argument must be a boolean');
      if (deep.value) fail('only the shallow merging mode is supported; the third argument must be false');
      return { ...object(first.value, 'first', fail), ...object(second.value, 'second', fail) };
    },
  },
  'States.MathRandom': {
    arity: [2, 3],
    run: ([start, end, seed], fail) => {
      const from = rounded(start.value, 'the start', fail);
      const to = rounded(end.value, 'the end', fail);
      if (to <= from) fail(`the end (${to}) must be greater than the start (${from})`);
      if (seed === undefined) return from + Math.floor(Math.random() * (to - from));
      return from + new JavaRandom(rounded(seed.value, 'the seed', fail)).nextInt(to - from);
    },
  },
  'States.MathAdd': {
    arity: [2, 2],
    run: (args, fail) => {
      const [a, b] = args.map((arg, i) => rounded(arg.value, `argument ${i + 1}`, fail));
      for (const n of [a, b])
        if (n < INT32_MIN || n > INT32_MAX) fail(`${n} is outside ${INT32_MIN}..${INT32_MAX}`);
      return a + b;
    },
  },
  'States.StringSplit': {
    arity: [2, 2],
    run: ([text, delimiters], fail) => {
      const source = string(text.value, 'the first argument', fail);
      const splitters = new Set(string(delimiters.value, 'the second argument', fail));
      // Every character of the second argument is a delimiter; empty pieces are dropped, as AWS does.
      const parts: string[] = [''];
      for (const c of source) {
        if (splitters.has(c)) parts.push('');
        else parts[parts.length - 1] += c;
      }
      return parts.filter((p) => p !== '');
    },
  },
  'States.UUID': { arity: [0, 0], run: () => randomUUID() },
};

function format(args: Arg[], fail: (why: string) => never): Json {
  const [template, ...values] = args;
  if (typeof template.value !== 'string') return fail('the first argument must be a string');
  // A literal template keeps its escapes, so `\{` and `\}` stay braces rather than forming a placeholder.
  const source = template.raw ?? template.value;
  const escapes = template.raw !== undefined;
  const pieces: string[] = [''];
  for (let i = 0; i < source.length; i++) {
    if (escapes && source[i] === '\\') pieces[pieces.length - 1] += source[++i];
    else if (source.startsWith('{}', i)) {
      pieces.push('');
      i++;
    } else pieces[pieces.length - 1] += source[i];
  }
  if (pieces.length - 1 !== values.length) {
    fail(
      `the template has ${pieces.length - 1} '{}' placeholder(s) but ${values.length} value(s) were given`,
    );
  }
  return pieces.reduce((out, piece, i) => out + formatValue(values[i - 1].value) + piece);
}

// Values are printed as Java prints them: strings bare, objects as {key=value, …}, arrays as [a, b].
function formatValue(value: Json): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${formatValue(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

function list(value: Json, fail: (why: string) => never): Json[] {
  return Array.isArray(value) ? value : fail(`expected an array but got ${jsonType(value)}`);
}

function object(value: Json, which: string, fail: (why: string) => never): JsonObject {
  return isJsonObject(value)
    ? value
    : fail(`the ${which} argument must be a JSON object, got ${jsonType(value)}`);
}

function string(value: Json, what: string, fail: (why: string) => never): string {
  return typeof value === 'string' ? value : fail(`${what} must be a string, got ${jsonType(value)}`);
}

function limited(value: Json, fail: (why: string) => never): string {
  const text = string(value, 'the argument', fail);
  if (text.length > MAX_ENCODE_INPUT)
    fail(`the input is ${text.length} characters long, more than ${MAX_ENCODE_INPUT}`);
  return text;
}

// AWS rounds non-integers to the nearest integer, halves upwards (Java's Math.round): 2.5 → 3, -2.5 → -2.
function rounded(value: Json, what: string, fail: (why: string) => never): number {
  if (typeof value !== 'number') return fail(`${what} must be a number, got ${jsonType(value)}`);
  return Math.round(value) + 0;
}
