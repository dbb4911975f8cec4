import dynalite from 'dynalite';
import { randomUUID } from 'node:crypto';
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardRequest } from './request-guard';

/** One answer of dynalite, as it came over the wire. */
export interface DynamoResponse {
  status: number;
  /** Node's lower-cased header names. */
  headers: IncomingHttpHeaders;
  /** The JSON body, `{}` when empty. */
  body: Record<string, unknown>;
}

/** An error answer: its name (the part of `__type` after `#`), message and status. */
export class DynamoDbError extends Error {
  override readonly name = 'DynamoDbError';

  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly requestId: string,
  ) {
    super(message);
  }

  static from(response: DynamoResponse): DynamoDbError {
    const type = typeof response.body.__type === 'string' ? response.body.__type : '';
    const text = response.body.message ?? response.body.Message;
    return new DynamoDbError(
      type.slice(type.indexOf('#') + 1) ||
        (response.status === 413 ? 'RequestEntityTooLarge' : 'UnknownError'),
      typeof text === 'string' ? text : '',
      response.status,
      String(response.headers['x-amzn-requestid'] ?? ''),
    );
  }
}

// dynalite checks that a request is signed but never verifies the signature, the key or the
// region (index.js), so one fixed header serves every call.
const SIGNATURE = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
  'x-amz-date': '20260101T000000Z',
};

/**
 * dynalite in this process, on a loopback port of its own: LevelDB under `path` (it survives a
 * SIGKILL: LevelDB hands every write to the OS before dynalite answers), or in memory.
 */
export class Dynalite {
  private readonly agent = new Agent({ keepAlive: true });
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(path: string | null): Promise<Dynalite> {
    // Tables go ACTIVE at once instead of after dynalite's default 500 ms.
    const server = dynalite({
      ...(path ? { path } : {}),
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    });
    // dynalite throws from a request's 'error' listener, so a connection dropped mid-request
    // (any local process can open its port) would take this process down; drop that listener.
    server.on('request', (request: IncomingMessage) => {
      request.removeAllListeners('error');
      request.on('error', () => {});
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new Dynalite(server, (server.address() as AddressInfo).port);
  }

  /** Sends one API call (`operation` as in `X-Amz-Target`, e.g. `PutItem`); errors are answers too. */
  send(operation: string, input: unknown): Promise<DynamoResponse> {
    if (this.closed) return Promise.reject(new Error('The local DynamoDB is closed'));
    const call = this.exchange(operation, input);
    this.inFlight.add(call);
    const forget = () => this.inFlight.delete(call);
    call.then(forget, forget);
    return call;
  }

  private exchange(operation: string, input: unknown): Promise<DynamoResponse> {
    const guarded = guardRequest(operation, input);
    if ('error' in guarded) {
      return Promise.resolve({
        status: 400,
        headers: { 'x-amzn-requestid': randomUUID() },
        body: guarded.error,
      });
    }
    const payload = Buffer.from(JSON.stringify(guarded.input));
    return new Promise((resolve, reject) => {
      const call = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: {
            ...SIGNATURE,
            'content-type': 'application/x-amz-json-1.0',
            'content-length': payload.length,
            'x-amz-target': `DynamoDB_20120810.${operation}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              const body: unknown = text ? JSON.parse(text) : {};
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                // TagResource and UntagResource answer `""`.
                body: body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {},
              });
            } catch {
              reject(
                new Error(
                  `dynalite answered ${operation} with something other than JSON: ${text.slice(0, 200)}`,
                ),
              );
            }
          });
        },
      );
      call.on('error', reject);
      call.end(payload);
    });
  }

  /** Sends one API call and resolves with its output, or rejects with a DynamoDbError. */
  async call<T = Record<string, unknown>>(operation: string, input: unknown): Promise<T> {
    const response = await this.send(operation, input);
    if (response.status >= 300) throw DynamoDbError.from(response);
    return response.body as T;
  }

  /** Lets the calls in flight finish, then stops the server and closes its store. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled(this.inFlight);
    this.agent.destroy();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
