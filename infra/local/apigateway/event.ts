import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { LOCAL_ACCOUNT } from '../lambda/functions';
import type { RouteMatch } from './routes';

/** The API id in events; a real one is ten lower-case letters and digits. */
export const LOCAL_API_ID = 'lectern';

/** What the HTTP API hands a Lambda integration: payload format version 2.0. */
export interface HttpApiEvent {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    authorizer?: { jwt: { claims: Record<string, string>; scopes: string[] | null } };
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: '$default';
    time: string;
    timeEpoch: number;
  };
  body?: string;
  pathParameters?: Record<string, string>;
  isBase64Encoded: boolean;
}

/** The parts of an HTTP request the event is made of. */
export interface ApiRequest {
  method: string;
  /** Decoded, as HTTP APIs pass `rawPath` (see `decodePath`). */
  path: string;
  /** After `?`, as received. */
  rawQueryString: string;
  /** Node's `rawHeaders`: name, value, name, value… in arrival order, duplicates kept. */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  /** e.g. `HTTP/1.1`. */
  protocol: string;
  /** The port the API listens on, for `x-forwarded-port`. */
  port: number;
}

export interface EventContext {
  requestId: string;
  /** Epoch milliseconds. */
  now: number;
  match: RouteMatch;
  claims?: Record<string, string>;
}

/** A request that cannot be turned into an event (bad percent-encoding): 400. */
export class MalformedRequestError extends Error {
  override readonly name = 'MalformedRequestError';
}

/** Headers a proxy consumes (RFC 9110 §7.6.1); API Gateway does not pass them on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Builds the payload format 2.0 event for a matched request. */
export function httpApiEvent(request: ApiRequest, context: EventContext): HttpApiEvent {
  const { headers, cookies } = eventHeaders(request.rawHeaders);
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-port'] = String(request.port);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(context.now);
  const domainName = headers.host ?? `127.0.0.1:${request.port}`;
  const routeKey = context.match.route.key;
  const event: HttpApiEvent = {
    version: '2.0',
    routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...optional('queryStringParameters', queryParameters(request.rawQueryString)),
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: LOCAL_API_ID,
      ...(context.claims ? { authorizer: { jwt: { claims: context.claims, scopes: null } } } : {}),
      domainName,
      domainPrefix: domainName.split(/[.:]/)[0],
      http: {
        method: request.method,
        path: request.path,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey,
      stage: '$default',
      time: requestTime(context.now),
      timeEpoch: context.now,
    },
    ...optional('pathParameters', context.match.pathParameters),
    isBase64Encoded: false,
  };
  if (request.body.length) {
    const text = isText(headers['content-type']) && isUtf8(request.body);
    event.body = request.body.toString(text ? 'utf8' : 'base64');
    event.isBase64Encoded = !text;
  }
  return event;
}

/**
 * Headers lower-cased, repeated ones joined with commas; `cookie` headers become the `cookies`
 * list instead (format 2.0).
 */
export function eventHeaders(rawHeaders: string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const value = rawHeaders[i + 1];
    if (HOP_BY_HOP.has(name)) continue;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/** Query parameters decoded, repeated ones joined with commas; undefined when there are none. */
export function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const pair of rawQueryString.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return Object.keys(parameters).length ? parameters : undefined;
}

/**
 * The request path as HTTP APIs hand it to integrations and match it against routes: percent-
 * decoded (REST APIs and function URLs keep the encoding; HTTP APIs do not).
 */
export function decodePath(rawPath: string): string {
  return decode(rawPath);
}

/**
 * Bodies of these types arrive as text; every other type, a missing Content-Type and (unlike
 * what one might expect) `application/x-www-form-urlencoded` arrive base64-encoded, as observed
 * on HTTP APIs. A "text" body that is not valid UTF-8 is base64-encoded too, so that the bytes a
 * webhook signature covers are never altered.
 */
export function isText(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type === 'application/javascript'
  );
}

/** An id like API Gateway's (`JKJaXmPLvHcESHA=`), also sent back as `apigw-requestid`. */
export function newRequestId(): string {
  return randomBytes(11).toString('base64');
}

/** `12/Mar/2020:19:03:58 +0000`. */
export function requestTime(epochMs: number): string {
  const [, day, month, year, time] = /^\w+, (\d\d) (\w+) (\d+) (\S+) GMT$/.exec(
    new Date(epochMs).toUTCString(),
  )!;
  return `${day}/${month}/${year}:${time} +0000`;
}

function traceId(epochMs: number): string {
  return `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new MalformedRequestError(`Invalid percent-encoding in '${text}'`);
  }
}

/** `{ key: value }` when the record has entries, else nothing (HTTP APIs omit empty fields). */
function optional<K extends string>(
  key: K,
  record: Record<string, string> | undefined,
): { [P in K]?: Record<string, string> } {
  return record && Object.keys(record).length
    ? ({ [key]: record } as { [P in K]: Record<string, string> })
    : {};
}
