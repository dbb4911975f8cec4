import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveJsonRpc, type JsonRpcService } from './json-rpc';

/** The largest request body the endpoint reads for JSON APIs. */
const MAX_JSON_BODY = 8 * 1024 * 1024;

/**
 * One HTTP port for every local AWS API. JSON-RPC services are told apart by the prefix of
 * `X-Amz-Target` (aws-wire.md §1.1); REST services will be routed by path.
 */
export class LocalEndpoint {
  private readonly server: Server;
  private readonly jsonRpc = new Map<string, JsonRpcService>();

  constructor() {
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

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string' && request.method === 'POST') {
      const dot = target.indexOf('.');
      const service = this.jsonRpc.get(target.slice(0, dot));
      if (service) {
        const body = await readBody(request, MAX_JSON_BODY);
        if (!body) return tooLarge(response);
        return serveJsonRpc(service, target.slice(dot + 1), body, request, response);
      }
    }
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
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
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
