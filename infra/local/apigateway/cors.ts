/**
 * The HTTP API's CORS configuration beyond its origins (the topology gives only those). The CDK
 * target must configure the same: any method, these request headers, no credentials.
 */
export const CORS_ALLOW_METHODS = '*';
export const CORS_ALLOW_HEADERS = 'authorization,content-type';

/**
 * CORS as an HTTP API configured with `corsOrigins` does it: API Gateway answers preflight
 * requests itself, on any path, and puts its own CORS headers on every response, replacing any a
 * function returns. A request whose origin is not allowed gets no CORS headers at all.
 */
export class Cors {
  constructor(private readonly origins: string[]) {}

  /** A preflight needs both headers; a bare OPTIONS request goes to the routes like any other. */
  isPreflight(method: string, headers: Record<string, string | string[] | undefined>): boolean {
    return method === 'OPTIONS' && !!headers.origin && !!headers['access-control-request-method'];
  }

  /** The headers of the preflight answer (204). */
  preflight(origin: string): Record<string, string> {
    const allowed = this.allowOrigin(origin);
    if (!allowed) return {};
    return {
      ...allowed,
      'access-control-allow-methods': CORS_ALLOW_METHODS,
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
    };
  }

  /** `headers` without a function's CORS headers, plus the API's for `origin`. */
  apply(headers: Record<string, string>, origin: string | undefined): Record<string, string> {
    const out = Object.fromEntries(
      Object.entries(headers).filter(([name]) => !name.startsWith('access-control-')),
    );
    return origin ? { ...out, ...this.allowOrigin(origin) } : out;
  }

  private allowOrigin(origin: string): Record<string, string> | undefined {
    if (this.origins.includes('*')) return { 'access-control-allow-origin': '*' };
    if (this.origins.includes(origin)) return { 'access-control-allow-origin': origin, vary: 'origin' };
    return undefined;
  }
}
