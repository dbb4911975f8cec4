import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../http/aws-error';
import { addressOf } from './addressing';
import type { Authenticated } from './auth';
import { S3Error } from './errors';
import { first, parseQuery, type RawQuery } from './query';
import type { Requester } from './events';
import { escapeXml, tag } from './xml';

/** One S3 request: where it is addressed, its parameters, and how to answer it. */
export class S3Call {
  readonly requestId = randomBytes(8).toString('hex').toUpperCase();
  readonly hostId = randomBytes(24).toString('base64');
  readonly method: string;
  readonly rawPath: string;
  readonly query: RawQuery = {};
  bucket?: string;
  key?: string;
  auth?: Authenticated;
  /** Added to every response (CORS). */
  readonly extraHeaders: Record<string, string> = {};

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
  ) {
    this.method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const q = url.indexOf('?');
    this.rawPath = q < 0 ? url : url.slice(0, q);
  }

  /** Parses the query and address; throws InvalidURI for undecodable ones. */
  parse(): void {
    const url = this.request.url ?? '/';
    const q = url.indexOf('?');
    Object.assign(this.query, parseQuery(q < 0 ? '' : url.slice(q + 1)));
    Object.assign(this, addressOf(this.request.headers.host, this.rawPath));
  }

  param(name: string): string | undefined {
    return first(this.query, name);
  }

  has(name: string): boolean {
    return Object.hasOwn(this.query, name);
  }

  /**
   * A request header; for a presigned URL, an `x-amz-*` query parameter stands for the header
   * (the presigner hoists them there, aws-wire.md §8.4).
   */
  readonly header = (name: string): string | undefined => {
    const value = this.request.headers[name];
    if (value !== undefined) return Array.isArray(value) ? value.join(',') : value;
    if (this.auth?.presigned && name.startsWith('x-amz-')) {
      for (const [param, v] of Object.entries(this.query)) {
        if (param.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
      }
    }
    return undefined;
  };

  /** `x-amz-meta-*` from headers (and the presigned query), names lower-cased, without the prefix. */
  metadata(): Record<string, string> {
    const metadata: Record<string, string> = {};
    const add = (name: string, value: string | string[] | undefined) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('x-amz-meta-') && value !== undefined) {
        metadata[lower.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
      }
    };
    if (this.auth?.presigned) for (const [name, value] of Object.entries(this.query)) add(name, value);
    for (const [name, value] of Object.entries(this.request.headers)) add(name, value);
    return metadata;
  }

  requester(): Requester {
    return { requestId: this.requestId, sourceIp: this.request.socket.remoteAddress ?? '127.0.0.1' };
  }

  /** Starts the response with S3's request ids and the call's extra headers. */
  head(status: number, headers: Record<string, string | number> = {}): void {
    this.response.writeHead(status, {
      'x-amz-request-id': this.requestId,
      'x-amz-id-2': this.hostId,
      ...this.extraHeaders,
      ...headers,
    });
  }

  send(status: number, headers: Record<string, string | number> = {}, body?: string): void {
    const length = body === undefined ? 0 : Buffer.byteLength(body);
    this.head(status, { 'content-length': length, ...headers });
    this.response.end(this.method === 'HEAD' ? undefined : body);
  }

  sendXml(xml: string, status = 200): void {
    this.send(status, { 'content-type': 'application/xml' }, xml);
  }

  /** S3's error document (no body for HEAD, whose errors the SDK reads from the status alone). */
  sendError(error: unknown): void {
    if (this.response.headersSent) {
      this.response.destroy();
      return;
    }
    const known = error instanceof AwsError;
    const code = known ? error.code : 'InternalError';
    const message = known ? error.message : 'We encountered an internal error. Please try again.';
    const fields = error instanceof S3Error ? error.fields : {};
    const headers: Record<string, string> = error instanceof S3Error ? { ...error.headers } : {};
    // A body we did not read (the error came first) is not worth reading: end the connection.
    if (!this.request.complete) headers.connection = 'close';
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${tag('Code', code)}${tag('Message', message)}` +
      Object.entries(fields)
        .map(([name, value]) => tag(name, value))
        .join('') +
      `${tag('RequestId', this.requestId)}<HostId>${escapeXml(this.hostId)}</HostId></Error>`;
    this.send(known ? error.status : 500, { 'content-type': 'application/xml', ...headers }, body);
  }
}
