import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { Sha256 } from '../../../infra/local/s3/sha256';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { credentials } from '../../support/local';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A plain HTTP request, for what the SDK will not send (presigned URLs, preflights, forged headers). */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The `<Code>` of an S3 error document. */
export const errorCode = (body: string) => /<Code>([^<]*)<\/Code>/.exec(body)?.[1];

/** SigV4 headers for a request, signed with the test key (or `secretAccessKey`) as the SDK signs them. */
export async function signHeaders(
  endpoint: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  secretAccessKey = credentials.secretAccessKey,
): Promise<Record<string, string>> {
  const url = new URL(endpoint);
  const [pathname, query = ''] = path.split('?');
  const signer = new SignatureV4({
    credentials: { ...credentials, secretAccessKey },
    region: 'us-east-1',
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
  });
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: pathname,
    query: Object.fromEntries(new URLSearchParams(query)),
    headers: { host: url.host, ...headers },
  });
  return signed.headers;
}

/**
 * A request signed in the Authorization header like the SDK signs it, but with what the SDK will
 * not send: a forged payload hash, a declared length the body does not have, a broken body.
 */
export async function sendSigned(
  runtime: LocalRuntime,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    payloadHash?: string;
    secretAccessKey?: string;
    /** Headers changed after signing. */
    tampered?: Record<string, string>;
  },
): Promise<RawResponse> {
  const body = options.body ?? '';
  const headers = await signHeaders(
    runtime.endpoint,
    options.method,
    options.path,
    {
      'x-amz-content-sha256': options.payloadHash ?? createHash('sha256').update(body).digest('hex'),
      ...options.headers,
    },
    options.secretAccessKey,
  );
  return send(`${runtime.endpoint}${options.path}`, {
    method: options.method,
    headers: { ...headers, ...options.tampered },
    body,
  });
}
