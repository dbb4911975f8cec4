/**
 * One line per request, like an HTTP API stage's access log. Never a body, a query string, a
 * header value or a token: the path and what happened to the request only.
 */
export interface AccessLogEntry {
  /** The `apigw-requestid` the client got. */
  requestId: string;
  /** ISO time the request arrived (runtime clock). */
  time: string;
  method: string;
  path: string;
  /** The matched route (`GET /videos/{id}`, `$default`), or `-` when none. */
  routeKey: string;
  status: number;
  /** Wall-clock milliseconds from arrival to the last byte written. */
  latencyMs: number;
  /** The function's request id, when one was invoked. */
  integrationRequestId?: string;
  /** Why the response is not the function's: `Sandbox.Timedout`, `integration timeout`, a malformed result… */
  integrationError?: string;
  /** Why the JWT authorizer refused the request. */
  authorizerError?: string;
}

export type AccessLog = (entry: AccessLogEntry) => void;

/** Writes each entry as one JSON line (what `npm start` shows). */
export function jsonLinesAccessLog(write: (line: string) => void): AccessLog {
  return (entry) => write(`${JSON.stringify({ level: 'INFO', message: 'http api request', ...entry })}\n`);
}
