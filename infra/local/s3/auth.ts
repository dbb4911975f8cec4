import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { secretFor } from './credentials';
import { accessDenied, S3Error, signatureDoesNotMatch } from './errors';
import { first, type RawQuery } from './query';
import { Sha256 } from './sha256';

/** Presigned URLs live at most a week; a URL dated this far in the future is not valid yet. */
const MAX_EXPIRES_SECONDS = 604_800;
const CLOCK_SKEW_MS = 15 * 60_000;

/** Who signed the request, and how. */
export interface Authenticated {
  accessKeyId: string;
  /** Query-string authentication (a presigned URL): `x-amz-*` parameters stand for headers. */
  presigned: boolean;
}

/**
 * Checks a request's SigV4 signature, in the Authorization header or a presigned URL's query,
 * against the accepted keys. `rawPath` is the path as received: S3 signs it without re-encoding.
 * Header-signed requests are not checked for clock skew: tests move a manual clock far from the
 * time the SDK signs with. The body's hash is checked as it is read (see `receive.ts`).
 */
export async function authenticate(
  request: IncomingMessage,
  rawPath: string,
  query: RawQuery,
  now: number,
): Promise<Authenticated> {
  if (first(query, 'X-Amz-Algorithm') !== undefined || first(query, 'X-Amz-Signature') !== undefined) {
    return verifyPresigned(request, rawPath, query, now);
  }
  const authorization = request.headers.authorization;
  if (authorization) return verifyHeader(request, rawPath, query, authorization);
  throw accessDenied();
}

async function verifyPresigned(
  request: IncomingMessage,
  rawPath: string,
  query: RawQuery,
  now: number,
): Promise<Authenticated> {
  const param = (name: string) => first(query, name);
  if (param('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const [credential, amzDate, expiresText, signedHeaders, given] = [
    'X-Amz-Credential',
    'X-Amz-Date',
    'X-Amz-Expires',
    'X-Amz-SignedHeaders',
    'X-Amz-Signature',
  ].map(param);
  if (!credential || !amzDate || !expiresText || !signedHeaders || !given) {
    throw queryError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const scope = parseScope(credential, amzDate, queryError);
  const date = parseAmzDate(amzDate, queryError);
  const expires = Number(expiresText);
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_SECONDS) {
    throw queryError('X-Amz-Expires must be less than a week (in seconds) that is 604800');
  }
  if (now > date.getTime() + expires * 1000) throw accessDenied('Request has expired');
  if (date.getTime() > now + CLOCK_SKEW_MS) throw accessDenied('Request is not valid yet');

  const names = signedHeaders.split(';');
  const unsigned = { ...query };
  delete unsigned['X-Amz-Signature'];
  const headers = pick(request, names);
  // Only the source of the payload hash: neither signed nor moved into the query.
  headers['x-amz-content-sha256'] = param('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  const keep = new Set([...names, 'x-amz-content-sha256']);
  const signed = await signer(scope).presign(httpRequest(request, rawPath, unsigned, headers), {
    signingDate: date,
    expiresIn: expires,
    signingRegion: scope.region,
    signingService: scope.service,
    unhoistableHeaders: keep,
    unsignableHeaders: new Set(['x-amz-content-sha256']),
  });
  if (!sameSignature(String(signed.query?.['X-Amz-Signature']), given)) throw signatureDoesNotMatch();
  return { accessKeyId: scope.accessKeyId, presigned: true };
}

async function verifyHeader(
  request: IncomingMessage,
  rawPath: string,
  query: RawQuery,
  authorization: string,
): Promise<Authenticated> {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      authorization.trim(),
    );
  if (!match) {
    if (/^AWS /.test(authorization)) {
      throw new S3Error(
        'InvalidRequest',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    }
    throw headerError('The authorization header is malformed.');
  }
  const [, credential, signedHeaders, given] = match;
  const amzDate = request.headers['x-amz-date'];
  if (typeof amzDate !== 'string') {
    throw accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  }
  const scope = parseScope(credential, amzDate, headerError);
  const date = parseAmzDate(amzDate, headerError);
  if (typeof request.headers['x-amz-content-sha256'] !== 'string') {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  const names = signedHeaders.split(';');
  const headers = pick(request, [...names, 'x-amz-content-sha256']);
  const signed = await signer(scope).sign(httpRequest(request, rawPath, query, headers), {
    signingDate: date,
    signingRegion: scope.region,
    signingService: scope.service,
    signableHeaders: new Set(names),
    unsignableHeaders: names.includes('x-amz-content-sha256') ? undefined : new Set(['x-amz-content-sha256']),
  });
  const computed = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1] ?? '';
  if (!sameSignature(computed, given)) throw signatureDoesNotMatch();
  return { accessKeyId: scope.accessKeyId, presigned: false };
}

interface Scope {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

function parseScope(credential: string, amzDate: string, malformed: (m: string) => S3Error): Scope {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1])) {
    throw malformed(
      `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`,
    );
  }
  const [accessKeyId, shortDate, region, service] = parts;
  if (service !== 's3') {
    throw malformed(
      `Error parsing the X-Amz-Credential parameter; incorrect service "${service}". This endpoint belongs to "s3".`,
    );
  }
  if (amzDate.slice(0, 8) !== shortDate) {
    throw malformed(
      `Error parsing the X-Amz-Credential parameter; the date "${shortDate}" does not match the request date.`,
    );
  }
  const secretAccessKey = secretFor(accessKeyId);
  if (secretAccessKey === undefined) {
    throw new S3Error(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      403,
      { AWSAccessKeyId: accessKeyId },
    );
  }
  return { accessKeyId, secretAccessKey, region, service };
}

function parseAmzDate(text: string, malformed: (m: string) => S3Error): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw malformed(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

function signer(scope: Scope): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId: scope.accessKeyId, secretAccessKey: scope.secretAccessKey },
    region: scope.region,
    service: scope.service,
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
}

/** The named headers as the client sent them (the Host with its port). */
function pick(request: IncomingMessage, names: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = request.headers[name];
    headers[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
  }
  return headers;
}

function httpRequest(
  request: IncomingMessage,
  path: string,
  query: RawQuery,
  headers: Record<string, string>,
): HttpRequest {
  return { method: request.method ?? 'GET', protocol: 'http:', hostname: 'local', path, query, headers };
}

function sameSignature(computed: string, given: string): boolean {
  const a = Buffer.from(computed);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const queryError = (message: string) => new S3Error('AuthorizationQueryParametersError', message);
const headerError = (message: string) => new S3Error('AuthorizationHeaderMalformed', message);
