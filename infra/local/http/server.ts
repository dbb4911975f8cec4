import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { serveJsonRpc, type JsonRpcService } from './json-rpc';
import { closeServer, listenOn } from './listen';

/** The largest request body the endpoint reads for JSON APIs. */
const MAX_JSON_BODY = 8 * 1024 * 1024;

/** A REST-style service (MediaConvert, SES v2, S3): it reads the request body itself. */
export interface RestService {
  name: string;
  /** Whether this request is for the service (checked in registration order). */
  matches(request: IncomingMessage): boolean;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/**
 * One HTTP port for every local AWS API. JSON-RPC services are told apart by the prefix of
 * `X-Amz-Target`; REST services by path, in registration order, S3 last as the catch-all
 * (aws-wire.md §1.1).
 */
export class LocalEndpoint {
  private readonly server: Server;
  private readonly jsonRpc = new Map<string, JsonRpcService>();
  private readonly rest: RestService[] = [];
  private opened!: () => void;
  /** Requests wait here until every service has started (the port is bound earlier, to know the URL). */
  private readonly ready = new Promise<void>((resolve) => (this.opened = resolve));

  /** `commit` makes every change so far durable; it runs before any JSON API answers. */
  constructor(private readonly commit: () => void) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
      });
    });
    this.server.keepAliveTimeout = 60_000;
  }

  addJsonRpc(service: JsonRpcService): void {
    this.jsonRpc.set(service.prefix, service);
  }

  addRest(service: RestService): void {
    this.rest.push(service);
  }

  listen(port: number, host: string): Promise<number> {
    return listenOn(this.server, port, host);
  }

  /** Lets the requests that arrived during start-up through. */
  open(): void {
    this.opened();
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await this.ready;
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string' && request.method === 'POST') {
      const dot = target.indexOf('.');
      const service = this.jsonRpc.get(target.slice(0, dot));
      if (service) {
        const body = await readBody(request, MAX_JSON_BODY);
        if (!body) return tooLarge(response);
        return serveJsonRpc(service, target.slice(dot + 1), body, request, response, this.commit);
      }
    }
    const rest = this.rest.find((service) => service.matches(request));
    if (rest) return rest.handle(request, response);
    response.writeHead(404, {
      'content-type': 'application/json',
      'x-amzn-errortype': 'UnknownOperationException',
    });
    response.end(
      JSON.stringify({
        __type: 'UnknownOperationException',
        message: `No local service for ${target ?? request.url}`,
      }),
    );
  }
}

/** The whole body, or undefined once it passes `limit` bytes. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      request.resume();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function tooLarge(response: ServerResponse): void {
  response.writeHead(413, {
    'content-type': 'application/json',
    'x-amzn-errortype': 'RequestEntityTooLargeException',
  });
  response.end(
    JSON.stringify({ __type: 'RequestEntityTooLargeException', message: 'Request body too large' }),
  );
}
