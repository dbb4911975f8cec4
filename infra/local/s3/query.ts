import { S3Error } from './errors';

/** A query string as the signer needs it: decoded, repeated names as arrays. */
export type RawQuery = Record<string, string | string[]>;

/** Splits `a=1&b=&c` into decoded names and values (`c` → ''). `+` stays `+`, as SigV4 reads it. */
export function parseQuery(text: string): RawQuery {
  const query: RawQuery = {};
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/** The first value of a parameter. */
export function first(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.");
  }
}
