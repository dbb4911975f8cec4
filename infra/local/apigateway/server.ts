import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Json } from '../../../workflows/asl';
import type { Clock } from '../clock';
import { closeServer, listenOn } from '../http/listen';
import { TooManyRequestsError, type InvokeResult, type LocalFunctions } from '../lambda/functions';
import type { AccessLog, AccessLogEntry } from './access-log';
import type { JwtAuthorizer } from './authorizer';
import type { Cors } from './cors';
import { decodePath, httpApiEvent, MalformedRequestError, newRequestId, type ApiRequest } from './event';
import type { LocalIssuer } from './issuer';
import { gatewayResponse, integrationResponse, jsonResponse, type ApiResponse } from './response';
import type { Router } from './routes';

/** HTTP APIs refuse request bodies over 10 MB. */
export const MAX_REQUEST_BODY = 10 * 1024 * 1024;
/** The HTTP API integration timeout (its default and maximum): then 503, whatever the function does. */
export const INTEGRATION_TIMEOUT_MS = 30_000;
/** Where the runtime's issuer publishes its public keys. */
export const JWKS_PATH = '/.well-known/jwks.json';

export interface HttpApiServerOptions {
  router: Router;
  functions: LocalFunctions;
  clock: Clock;
  /** Present when some route uses `auth: 'jwt'`. */
  authorizer?: JwtAuthorizer;
  /** Present when the API has `corsOrigins`. */
  cors?: Cors;
  /** Its keys are served at `JWKS_PATH`. */
  issuer?: LocalIssuer;
  accessLog?: AccessLog;
}

/**
 * What the request pipeline decided, and what the access log should say about it. A preflight
 * answer carries its CORS headers already; every other response gets them on the way out.
 */
type Outcome = { response: ApiResponse; preflight?: true } & Partial<
  Pick<AccessLogEntry, 'routeKey' | 'integrationRequestId' | 'integrationError' | 'authorizerError'>
>;

/** The HTTP API on its own port: routes, JWT authorizer, CORS, Lambda proxy integrations. */
export class HttpApiServer {
  private readonly server: Server;
  private port = 0;

  constructor(private readonly options: HttpApiServerOptions) {
    this.server = createServer((request, response) => void this.serve(request, response));
    this.server.keepAliveTimeout = 60_000;
    this.server.on('clientError', refuseMalformed);
  }

  async listen(port: number, host: string): Promise<number> {
    this.port = await listenOn(this.server, port, host);
    return this.port;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = newRequestId();
    const now = this.options.clock.now();
    let outcome: Outcome;
    try {
      outcome = await this.decide(request, requestId, now);
    } catch (error) {
      outcome =
        error instanceof MalformedRequestError
          ? { response: gatewayResponse(400, 'Bad Request') }
          : { response: gatewayResponse(500, 'Internal Server Error'), integrationError: String(error) };
    }
    const { response: answer, preflight, ...logged } = outcome;
    response.once('close', () =>
      this.options.accessLog?.({
        requestId,
        time: new Date(now).toISOString(),
        method: request.method ?? '',
        path: (request.url ?? '').split('?')[0],
        routeKey: '-',
        ...logged,
        status: answer.status,
        latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
      }),
    );
    const headers =
      this.options.cors && !preflight
        ? this.options.cors.apply(answer.headers, request.headers.origin)
        : answer.headers;
    response.statusCode = answer.status;
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    // The `cookies` of the result go first, then any set-cookie header the function set itself.
    const setCookie = [...answer.cookies, ...(headers['set-cookie'] ? [headers['set-cookie']] : [])];
    if (setCookie.length) response.setHeader('set-cookie', setCookie);
    response.setHeader('apigw-requestid', requestId);
    response.end(answer.body);
  }

  private async decide(request: IncomingMessage, requestId: string, now: number): Promise<Outcome> {
    const { router, authorizer, cors, issuer } = this.options;
    const method = request.method ?? 'GET';
    const url = request.url ?? '';
    const query = url.indexOf('?');
    const rawPath = query < 0 ? url : url.slice(0, query);
    if (!rawPath.startsWith('/')) throw new MalformedRequestError(`Not a path: ${rawPath}`);
    const path = decodePath(rawPath);

    const body = await readBody(request, MAX_REQUEST_BODY);
    if (!body) {
      return { response: gatewayResponse(413, `HTTP content length exceeded ${MAX_REQUEST_BODY} bytes.`) };
    }
    if (cors?.isPreflight(method, request.headers)) {
      const headers = cors.preflight(request.headers.origin!);
      return { response: { status: 204, headers, cookies: [], body: Buffer.alloc(0) }, preflight: true };
    }
    if (issuer && method === 'GET' && path === JWKS_PATH) return { response: jsonResponse(200, issuer.jwks) };
    const match = router.match(method, path);
    if (!match) return { response: gatewayResponse(404, 'Not Found') };
    const routeKey = match.route.key;

    let claims: Record<string, string> | undefined;
    if (match.route.auth === 'jwt') {
      const authorization = await authorizer!.authorize(request.headers.authorization);
      if ('refused' in authorization) {
        return {
          response: gatewayResponse(401, 'Unauthorized'),
          routeKey,
          authorizerError: authorization.refused,
        };
      }
      claims = authorization.claims;
    }

    const apiRequest: ApiRequest = {
      method,
      path,
      rawQueryString: query < 0 ? '' : url.slice(query + 1),
      rawHeaders: request.rawHeaders,
      body,
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      protocol: `HTTP/${request.httpVersion}`,
      port: this.port,
    };
    const event = httpApiEvent(apiRequest, { requestId, now, match, claims });
    const result = await this.invoke(match.route.function, event as unknown as Json, now);
    if (result === 'timeout') {
      return {
        response: gatewayResponse(503, 'Service Unavailable'),
        routeKey,
        integrationError: 'integration timeout',
      };
    }
    // A throttled function (over its reserved concurrency) is an Internal Server Error to the client.
    if (result === 'throttled') {
      return {
        response: gatewayResponse(500, 'Internal Server Error'),
        routeKey,
        integrationError: 'TooManyRequestsException',
      };
    }
    const integrationRequestId = result.requestId;
    if (result.functionError) {
      const errorType = (result.payload as { errorType?: string } | null)?.errorType ?? 'Unhandled';
      return {
        response: gatewayResponse(500, 'Internal Server Error'),
        routeKey,
        integrationRequestId,
        integrationError: errorType,
      };
    }
    const mapped = integrationResponse(result.payload);
    if ('malformed' in mapped) {
      return {
        response: gatewayResponse(500, 'Internal Server Error'),
        routeKey,
        integrationRequestId,
        integrationError: `malformed response: ${mapped.malformed}`,
      };
    }
    return { response: mapped, routeKey, integrationRequestId };
  }

  /** Invokes the route's function, or gives up when the integration timeout passes first. */
  private async invoke(
    name: string,
    event: Json,
    arrived: number,
  ): Promise<InvokeResult | 'timeout' | 'throttled'> {
    const fn = this.options.functions.find(name)!;
    let cancel = () => {};
    const timedOut = new Promise<'timeout'>((resolve) => {
      cancel = this.options.clock.at(arrived + INTEGRATION_TIMEOUT_MS, () => resolve('timeout'));
    });
    try {
      return await Promise.race([this.options.functions.invoke(fn, event), timedOut]);
    } catch (error) {
      if (error instanceof TooManyRequestsError) return 'throttled';
      throw error;
    } finally {
      cancel();
    }
  }
}

/**
 * The whole body, or undefined once it passes `limit` bytes. The rest is still read (and
 * dropped) so that the client, still sending, gets the 413 rather than a reset connection.
 */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size <= limit ? Buffer.concat(chunks) : undefined;
}

/** Requests Node cannot even parse get a JSON 400 (or 431 for oversized headers), then the socket closes. */
function refuseMalformed(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ['431', 'Request Header Fields Too Large']
      : ['400', 'Bad Request'];
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${message}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
