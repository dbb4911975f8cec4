/** What the HTTP API tests share: a runtime with its API on a free port, and raw HTTP. */
import { connect } from 'node:net';
import type { AccessLogEntry } from '../../../infra/local/apigateway/access-log';
import type { HttpApiEvent } from '../../../infra/local/apigateway/event';
import type { ManualClock } from '../../../infra/local/clock';
import type { LocalRuntime, RuntimeOptions } from '../../../infra/local/runtime';
import type { Topology } from '../../../infra/topology';
import { startTestRuntime } from '../../support/local';

export interface TestApi {
  runtime: LocalRuntime;
  clock: ManualClock;
  /** The API's URL. */
  url: string;
  /** Every access log entry so far. */
  log: AccessLogEntry[];
  close(): Promise<void>;
}

/** An in-memory runtime whose HTTP API listens on a free port and logs into `log`. */
export async function startApi(topology: Topology, options: RuntimeOptions = {}): Promise<TestApi> {
  const log: AccessLogEntry[] = [];
  const { runtime, sfn, clock } = await startTestRuntime(topology, {
    apiPort: 0,
    apiAccessLog: (entry) => log.push(entry),
    ...options,
  });
  sfn.destroy();
  return { runtime, clock, url: runtime.apiEndpoint!, log, close: () => runtime.close() };
}

/** The event the `echo` function received. */
export async function echoed(response: Response): Promise<HttpApiEvent> {
  expect(response.status).toBe(200);
  return (await response.json()) as HttpApiEvent;
}

/** The access log entry of a response (logged once the response is written). */
export async function logEntry(api: TestApi, response: Response): Promise<AccessLogEntry> {
  const id = response.headers.get('apigw-requestid');
  for (;;) {
    const entry = api.log.find((e) => e.requestId === id);
    if (entry) return entry;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Sends bytes as they are (duplicate headers, broken requests) and reads the whole answer. */
export async function rawRequest(
  url: string,
  request: string,
): Promise<{ status: number; head: string; body: string }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.end(request);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  const split = text.indexOf('\r\n\r\n');
  return { status: Number(text.split(' ')[1]), head: text.slice(0, split), body: text.slice(split + 4) };
}
