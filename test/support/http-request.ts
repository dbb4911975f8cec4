/** HTTP API (payload 2.0) requests for unit tests of handler cores. */
import type { HttpRequest } from '../../handlers/shared/http';

export const RECEIVED_AT = Date.UTC(2026, 0, 1, 12);

export interface RequestParts {
  body?: string | Buffer;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  /** Default RECEIVED_AT. */
  timeEpoch?: number;
  /** Send the body base64-encoded, as HTTP APIs do for form bodies. */
  base64?: boolean;
}

export function httpRequest(parts: RequestParts = {}): HttpRequest {
  const body = parts.body === undefined ? undefined : Buffer.from(parts.body);
  return {
    headers: parts.headers ?? {},
    ...(body ? { body: body.toString(parts.base64 ? 'base64' : 'utf8') } : {}),
    isBase64Encoded: Boolean(parts.base64 && body),
    ...(parts.pathParameters ? { pathParameters: parts.pathParameters } : {}),
    requestContext: { requestId: 'test-request', timeEpoch: parts.timeEpoch ?? RECEIVED_AT },
  };
}

/** A form-encoded request, base64 as the HTTP API passes it. */
export function formRequest(fields: Record<string, string>, parts: RequestParts = {}): HttpRequest {
  return httpRequest({
    body: new URLSearchParams(fields).toString(),
    base64: true,
    ...parts,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...parts.headers },
  });
}
