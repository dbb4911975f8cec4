import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../http/aws-error';
import { readBody, type RestService } from '../http/server';
import { badRequest, type Input } from './input';
import type { LocalSes } from './local-ses';

/** Raw messages may be 40 MB; base64 in JSON makes that about 54 MB. */
const MAX_BODY = 56 * 1024 * 1024;

type Operation = (ses: LocalSes, input: Input, name: string) => unknown;

/** restJson1 routes (aws-wire.md §7); `{name}` path segments arrive as the third argument. */
const ROUTES: Array<[method: string, path: RegExp, operation: Operation]> = [
  ['POST', /^\/v2\/email\/outbound-emails$/, (ses, input) => ses.send(input)],
  ['GET', /^\/v2\/email\/account$/, (ses) => ses.account()],
  ['POST', /^\/v2\/email\/identities$/, (ses, input) => ses.identities.create(input)],
  // ListEmailIdentities: a GET with a query in older clients, a POST with a body in newer ones.
  ['GET', /^\/v2\/email\/identities$/, (ses, input) => ses.identities.list(input)],
  ['POST', /^\/v2\/email\/list-identities$/, (ses, input) => ses.identities.list(input)],
  ['GET', /^\/v2\/email\/identities\/([^/]+)$/, (ses, _, name) => ses.identities.get(name)],
  ['DELETE', /^\/v2\/email\/identities\/([^/]+)$/, (ses, _, name) => ses.identities.delete(name)],
  ['POST', /^\/v2\/email\/templates$/, (ses, input) => ses.templates.create(input)],
  ['GET', /^\/v2\/email\/templates$/, (ses, input) => ses.templates.list(input)],
  ['GET', /^\/v2\/email\/templates\/([^/]+)$/, (ses, _, name) => ses.templates.get(name)],
  ['PUT', /^\/v2\/email\/templates\/([^/]+)$/, (ses, input, name) => ses.templates.update(name, input)],
  ['DELETE', /^\/v2\/email\/templates\/([^/]+)$/, (ses, _, name) => ses.templates.delete(name)],
];

/** The SES v2 API (restJson1, `/v2/email/…`). `commit` runs before any answer is written. */
export function sesService(ses: LocalSes, commit: () => void): RestService {
  return {
    name: 'ses',
    matches: (request) => (request.url ?? '').startsWith('/v2/email/'),
    handle: (request, response) => serve(ses, commit, request, response),
  };
}

async function serve(ses: LocalSes, commit: () => void, request: IncomingMessage, response: ServerResponse) {
  const requestId = randomUUID();
  const send = (status: number, payload: unknown, errorType?: string) => {
    commit();
    const text = JSON.stringify(payload);
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': requestId,
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    response.end(text);
  };
  try {
    const url = new URL(request.url ?? '/', 'http://local');
    const method = request.method ?? 'GET';
    let found: { operation: Operation; name: string } | undefined;
    for (const [m, path, operation] of ROUTES) {
      const match = m === method ? path.exec(url.pathname) : null;
      if (match) found = { operation, name: match[1] === undefined ? '' : decode(match[1]) };
    }
    if (!found)
      throw new AwsError(
        'UnknownOperationException',
        `The local SES v2 does not implement ${method} ${url.pathname}`,
        404,
      );
    const body = await readBody(request, MAX_BODY);
    if (!body) throw badRequest('The request body is too large');
    const input = body.length ? parseJson(body) : Object.fromEntries(url.searchParams);
    send(200, (await found.operation(ses, input, found.name)) ?? {});
  } catch (error) {
    if (error instanceof AwsError) send(error.status, { message: error.message }, error.code);
    else send(500, { message: error instanceof Error ? error.message : String(error) }, 'InternalFailure');
  }
}

function parseJson(body: Buffer): Input {
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw badRequest('The request body must be a JSON object');
  }
  return input as Input;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`Invalid path segment ${segment}`);
  }
}
