import { S3Error } from './errors';

/** An inclusive byte range of an object. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against an object of `size` bytes: undefined when there is none or it is
 * not a single `bytes=` range (S3 then sends the whole object, as RFC 9110 allows for a header it
 * does not understand); 416 InvalidRange when it cannot be satisfied.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first, last] = match;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) throw invalidRange(header, size);
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw invalidRange(header, size);
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

function invalidRange(header: string, size: number): S3Error {
  return new S3Error(
    'InvalidRange',
    'The requested range is not satisfiable',
    416,
    { RangeRequested: header, ActualObjectSize: size },
    { 'content-range': `bytes */${size}` },
  );
}
