/**
 * HTTP API (payload format 2.0) requests and responses: the raw body bytes (base64 or not),
 * headers, JSON answers, and the named errors a caller must fix turned into a clear 4xx.
 */
import { isUtf8 } from 'node:buffer';
import type middy from '@middy/core';
import {
  AlreadyInProgressError,
  EventTooLargeError,
  InvalidSignatureError,
  MalformedRequestError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './errors';
import { logger } from './lambda';

/** The parts of an HTTP API event handlers read. Header names are lower case. */
export interface HttpRequest {
  headers: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded: boolean;
  pathParameters?: Record<string, string | undefined>;
  requestContext: {
    requestId: string;
    /** When API Gateway received the request, epoch milliseconds. */
    timeEpoch: number;
  };
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function json(statusCode: number, value: unknown): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** The body's bytes as the client sent them; a 400 when there is none, a 413 over `maxBytes`. */
export function rawBody(request: HttpRequest, maxBytes: number): Buffer {
  if (!request.body) throw new MalformedRequestError('The request has no body');
  const bytes = Buffer.from(request.body, request.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > maxBytes) {
    throw new PayloadTooLargeError(`The body is ${bytes.length} bytes; at most ${maxBytes} are accepted`);
  }
  return bytes;
}

/** The body as text: the raw bytes, which must be UTF-8 (so that the text gives the same bytes back). */
export function textBody(request: HttpRequest, maxBytes: number): string {
  const bytes = rawBody(request, maxBytes);
  if (!isUtf8(bytes)) throw new MalformedRequestError('The body is not UTF-8 text');
  return bytes.toString('utf8');
}

/** A header's value (HTTP APIs join repeated headers with commas). */
export function header(request: HttpRequest, name: string): string | undefined {
  return request.headers[name.toLowerCase()];
}

/** Refuses (415) a body whose Content-Type is not `type` (parameters such as charset aside). */
export function requireContentType(request: HttpRequest, type: string): void {
  const given = (header(request, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (given !== type) {
    throw new UnsupportedMediaTypeError(`The body must be ${type}, not ${given || 'untyped'}`);
  }
}

const STATUS = new Map<abstract new (...args: never[]) => Error, number>([
  [MalformedRequestError, 400],
  [InvalidSignatureError, 400],
  [UnauthorizedError, 401],
  [AlreadyInProgressError, 409],
  [PayloadTooLargeError, 413],
  [EventTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
]);

/** The 4xx answer to an error the caller can act on (`{ message }`); undefined for any other error. */
export function errorResponse(error: unknown): HttpResponse | undefined {
  for (const [type, status] of STATUS) {
    if (error instanceof type) return json(status, { message: error.message });
  }
  return undefined;
}

/**
 * Answers the errors `errorResponse` knows with their 4xx, logged as a warning (name and
 * message only); any other error fails the invocation, which API Gateway answers with a 500.
 */
export function httpErrors(): middy.MiddlewareObj<HttpRequest, HttpResponse> {
  return {
    onError(request) {
      const response = errorResponse(request.error);
      if (!response) return;
      const error = request.error as Error;
      logger.warn({
        message: 'request refused',
        status: response.statusCode,
        error: error.name,
        reason: error.message,
      });
      request.response = response;
    },
  };
}
