import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { Json } from '../../../workflows/asl';

/** An HTTP response about to be written. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** One `set-cookie` header each. */
  cookies: string[];
  body: Buffer;
}

/** Headers Node computes from the body it writes; a function's own values would be wrong or unsafe. */
const COMPUTED = new Set(['content-length', 'transfer-encoding', 'connection']);

/** The answer API Gateway gives itself (not the integration): `{"message": …}`. */
export function gatewayResponse(status: number, message: string): ApiResponse {
  return jsonResponse(status, { message });
}

export function jsonResponse(status: number, value: unknown): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(JSON.stringify(value)),
  };
}

/**
 * Maps what a function returned to the HTTP response, as payload format 2.0 does: a result with
 * a `statusCode` is a response (`headers`, `cookies`, `body`, `isBase64Encoded`); anything else is
 * a 200 `application/json` whose body is the string itself, or the JSON of the value. Returns a
 * description of what is wrong when the result cannot be a response (API Gateway answers 500).
 */
export function integrationResponse(payload: Json): ApiResponse | { malformed: string } {
  if (!isObject(payload) || !('statusCode' in payload)) {
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
    };
  }
  const { statusCode, headers = {}, cookies = [], body, isBase64Encoded = false } = payload;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    return { malformed: `statusCode must be an integer from 100 to 599, got ${JSON.stringify(statusCode)}` };
  }
  if (!isObject(headers)) return { malformed: 'headers must be an object' };
  if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string' && isHeaderValue(c))) {
    return { malformed: 'cookies must be a list of strings' };
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return { malformed: 'body must be a string' };
  }
  if (typeof isBase64Encoded !== 'boolean') return { malformed: 'isBase64Encoded must be a boolean' };
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === null || typeof value === 'object') return { malformed: `header ${name} must be a string` };
    try {
      validateHeaderName(name);
      validateHeaderValue(name, String(value));
    } catch {
      return { malformed: `header ${name} is not a valid HTTP header` };
    }
    if (!COMPUTED.has(name.toLowerCase())) out[name.toLowerCase()] = String(value);
  }
  // HTTP APIs label a response without a Content-Type as text.
  out['content-type'] ??= 'text/plain; charset=utf-8';
  return {
    status: statusCode,
    headers: out,
    cookies: cookies as string[],
    body: Buffer.from(body ?? '', isBase64Encoded ? 'base64' : 'utf8'),
  };
}

function isHeaderValue(value: string): boolean {
  try {
    validateHeaderValue('set-cookie', value);
    return true;
  } catch {
    return false;
  }
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
