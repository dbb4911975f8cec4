import type { ObjectRecord } from './records';
import type { S3Store } from './store';

export interface ListRequest {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  /** The UTF-8 key position to start at (inclusive). */
  from: Buffer;
}

export interface ListPage {
  contents: ObjectRecord[];
  commonPrefixes: string[];
  /** Where the next page starts (inclusive); absent when this page is the last. */
  next?: Buffer;
}

const BATCH = 1000;

/**
 * One page of a bucket listing, as S3 computes it: keys under `prefix` in byte order; with a
 * delimiter, keys that contain it after the prefix roll up into one common prefix each, and a
 * common prefix counts as one entry against `maxKeys`.
 */
export function listPage(store: S3Store, bucket: string, request: ListRequest): ListPage {
  const { prefix, delimiter, maxKeys } = request;
  const page: ListPage = { contents: [], commonPrefixes: [] };
  const prefixBytes = Buffer.from(prefix);
  let position = Buffer.compare(request.from, prefixBytes) > 0 ? request.from : prefixBytes;
  for (;;) {
    const rows = store.scan(bucket, position, BATCH);
    let restart = false;
    for (const row of rows) {
      if (!row.key.startsWith(prefix)) return page;
      const cut = delimiter ? row.key.indexOf(delimiter, prefix.length) : -1;
      const entry = cut >= 0 ? row.key.slice(0, cut + delimiter!.length) : undefined;
      if (page.contents.length + page.commonPrefixes.length >= maxKeys) {
        page.next = entry === undefined ? Buffer.from(row.key) : Buffer.from(entry);
        return page;
      }
      if (entry === undefined) {
        page.contents.push(row);
        position = afterKey(row.key);
        continue;
      }
      page.commonPrefixes.push(entry);
      const skip = successor(Buffer.from(entry));
      if (!skip) return page;
      // Jump past every key under this common prefix.
      position = skip;
      restart = true;
      break;
    }
    if (!restart && rows.length < BATCH) return page;
  }
}

/** The smallest key greater than `key`. */
export function afterKey(key: string): Buffer {
  return Buffer.concat([Buffer.from(key), Buffer.from([0])]);
}

/** The smallest byte string greater than every string that starts with `prefix`. */
function successor(prefix: Buffer): Buffer | undefined {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) return undefined;
  const next = Buffer.from(prefix.subarray(0, end));
  next[end - 1]++;
  return next;
}
