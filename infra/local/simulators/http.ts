import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import { readBody, type RestService } from '../http/server';
import type { FaultSetting, FaultState } from './faults';

/** Control requests (issue a message, a sale, a fault) are small JSON documents. */
const MAX_JSON_BODY = 64 * 1024;

/** A request the simulator refuses: a 4xx with a message that says what to fix. */
export class SimulatorError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimulatorError';
  }
}

export interface Route {
  method: string;
  /** Matched against the path below the service's prefix; capture groups become `params`. */
  path: RegExp;
  handle(request: IncomingMessage, response: ServerResponse, params: string[]): unknown;
}

/**
 * A REST service for every path under `prefix` (e.g. `/simulators/paypal`): an unknown path is a
 * 404 and a known path with another method a 405, both as JSON `{ message }`, like every refusal.
 */
export function simulatorService(name: string, prefix: string, routes: Route[]): RestService {
  return {
    name,
    matches: (request) => pathOf(request).startsWith(`${prefix}/`),
    async handle(request, response) {
      try {
        const path = pathOf(request).slice(prefix.length);
        const method = request.method ?? 'GET';
        const matching = routes.filter((route) => route.path.test(path));
        const route = matching.find((candidate) => candidate.method === method);
        if (!route) {
          if (!matching.length) throw new SimulatorError(404, `The ${name} simulator has no ${path}`);
          response.setHeader('allow', matching.map((candidate) => candidate.method).join(', '));
          throw new SimulatorError(405, `${path} takes ${matching.map((r) => r.method).join(' or ')}`);
        }
        const params = route.path.exec(path)!.slice(1).map(decodeSegment);
        await route.handle(request, response, params);
      } catch (error) {
        if (response.headersSent) return void response.destroy();
        if (error instanceof SimulatorError) sendJson(response, error.status, { message: error.message });
        else sendJson(response, 500, { message: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}

/** `GET faults` and `POST faults`: read and set the fault switch of a simulator's provider endpoint. */
export function faultRoutes(simulator: { faults(setting?: FaultSetting): FaultState }): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/faults$/,
      handle: (_request, response) => sendJson(response, 200, simulator.faults()),
    },
    {
      method: 'POST',
      path: /^\/faults$/,
      handle: async (request, response) =>
        sendJson(response, 200, simulator.faults((await readJsonObject(request)) as FaultSetting)),
    },
  ];
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SimulatorError(400, `Invalid path segment ${segment}`);
  }
}

/** The request's query parameters. */
export function queryOf(request: IncomingMessage): URLSearchParams {
  return new URL(request.url ?? '/', 'http://local').searchParams;
}

/** The body as a JSON object, or a 400 that says why not. */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(request, MAX_JSON_BODY);
  if (!body) throw new SimulatorError(413, `The request body is larger than ${MAX_JSON_BODY} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SimulatorError(400, 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimulatorError(400, 'The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** `schema.parse`, with every issue in one 400, e.g. `mc_gross: must be an amount such as "19.95"`. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new SimulatorError(400, problems.join('; '));
}

export function sendJson(response: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function sendText(response: ServerResponse, status: number, text: string, contentType: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * Answers a verification call the way a provider that is down does: a bare status (the body read
 * first, so the connection stays usable), or a connection closed without an answer.
 */
export async function sendFault(
  request: IncomingMessage,
  response: ServerResponse,
  fault: { status: number; drop: boolean },
): Promise<void> {
  if (fault.drop) return void request.socket.destroy();
  if (!request.readableEnded) {
    request.resume();
    await new Promise((resolve) => request.once('end', resolve).once('close', resolve));
  }
  sendText(response, fault.status, STATUS_CODES[fault.status] ?? 'Error', 'text/plain; charset=utf-8');
}
