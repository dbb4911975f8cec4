import { S3Error } from './errors';
import type { ObjectRecord } from './records';

/**
 * The conditional request headers of GET/HEAD (RFC 9110 §13.2.2 as S3 applies it): If-Match, else
 * If-Unmodified-Since → 412; then If-None-Match, else If-Modified-Since → 304. Returns 304 or
 * undefined (go on); throws PreconditionFailed.
 */
export function checkConditions(
  object: ObjectRecord,
  header: (name: string) => string | undefined,
): 304 | undefined {
  const etag = `"${object.etag}"`;
  // HTTP dates have whole seconds.
  const modified = Math.floor(object.lastModified / 1000) * 1000;
  const ifMatch = header('if-match');
  if (ifMatch !== undefined) {
    if (!matches(ifMatch, etag)) throw preconditionFailed('If-Match');
  } else {
    const since = date(header('if-unmodified-since'));
    if (since !== undefined && modified > since) throw preconditionFailed('If-Unmodified-Since');
  }
  const ifNoneMatch = header('if-none-match');
  if (ifNoneMatch !== undefined) return matches(ifNoneMatch, etag) ? 304 : undefined;
  const since = date(header('if-modified-since'));
  return since !== undefined && modified <= since ? 304 : undefined;
}

function matches(list: string, etag: string): boolean {
  return list.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag || tag === etag.slice(1, -1);
  });
}

function date(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

export const preconditionFailed = (condition: string) =>
  new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
    Condition: condition,
  });
