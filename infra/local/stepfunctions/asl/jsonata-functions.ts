import { createHash, randomUUID } from 'node:crypto';
import { JavaRandom } from './java-random';
import { MAX_ENCODE_INPUT, MAX_RANGE_ITEMS } from './intrinsics';

// The functions Step Functions adds to JSONata, replacing the JSONPath intrinsics. AWS rounds non-integer
// arguments down. $eval is not available in Step Functions ($parse replaces it).

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function integer(value: unknown, what: string, fn: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`${fn}: ${what} must be a number`);
  return Math.floor(value);
}

function partition(array: unknown, size: unknown): unknown[] {
  const items = Array.isArray(array) ? array : [array];
  const chunk = integer(size, 'the chunk size', '$partition');
  if (chunk < 1) throw new Error('$partition: the chunk size must be a positive integer');
  const chunks: unknown[][] = [];
  for (let i = 0; i < items.length; i += chunk) chunks.push(items.slice(i, i + chunk));
  return chunks;
}

// Returned as a JSONata sequence, so a one-item range is the item itself, as AWS returns `$range(1, 9, 9)` as 1.
function range(start: unknown, end: unknown, step: unknown): unknown[] {
  const [from, to, by] = [start, end, step].map((v, i) => integer(v, `argument ${i + 1}`, '$range'));
  if (by === 0) throw new Error('$range: the step must not be zero');
  const count = Math.sign(to - from) === -Math.sign(by) ? 0 : Math.floor((to - from) / by) + 1;
  if (count > MAX_RANGE_ITEMS)
    throw new Error(`$range: the range would hold more than ${MAX_RANGE_ITEMS} items`);
  const values: unknown[] & { sequence?: boolean } = Array.from({ length: count }, (_, i) => from + i * by);
  values.sequence = true;
  return values;
}

function hash(data: unknown, algorithm: unknown): string {
  if (typeof data !== 'string') throw new Error('$hash: the data must be a string');
  if (data.length > MAX_ENCODE_INPUT)
    throw new Error(`$hash: the data is longer than ${MAX_ENCODE_INPUT} characters`);
  const name = typeof algorithm === 'string' ? HASHES[algorithm] : undefined;
  if (!name) throw new Error(`$hash: the algorithm must be one of ${Object.keys(HASHES).join(', ')}`);
  return createHash(name).update(data, 'utf8').digest('hex');
}

function random(seed?: unknown): number {
  return seed === undefined
    ? Math.random()
    : new JavaRandom(integer(seed, 'the seed', '$random')).nextDouble();
}

function parse(text: unknown): unknown {
  if (typeof text !== 'string') throw new Error('$parse: the argument must be a string');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`$parse: the argument is not valid JSON: ${text}`);
  }
}

/** Bindings for jsonata's evaluate(): the names are used without their `$`. */
export const STEP_FUNCTIONS_JSONATA_FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  partition,
  range,
  hash,
  random,
  uuid: () => randomUUID(),
  parse,
  eval: () => {
    throw new Error('$eval is not supported in Step Functions; use $parse');
  },
};
