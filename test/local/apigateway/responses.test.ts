/** What the client gets back: the function's result mapped as format 2.0, or API Gateway's own errors. */
import { BINARY, hanging } from '../../fixtures/handlers/apigateway';
import { topology } from '../../fixtures/apigateway-topology';
import { logEntry, startApi, type TestApi } from './support';

let api: TestApi;

beforeAll(async () => {
  api = await startApi(topology);
});
afterAll(() => api.close());

/** Resolves once the `hang` handler is running, `before` invocations having been seen already. */
async function hangStarted(before: number): Promise<void> {
  while (hanging.length === before) await new Promise((resolve) => setImmediate(resolve));
}

describe('response mapping', () => {
  it('sends a bare string as a 200 JSON response whose body is the string', async () => {
    const response = await fetch(`${api.url}/text`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('Hello from Lambda!');
  });

  it('sends an object without statusCode as a 200 JSON response of its JSON', async () => {
    const response = await fetch(`${api.url}/object`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ message: 'Hello from Lambda!', count: 2 });
  });

  it('sends statusCode, headers and a base64 body decoded to its bytes', async () => {
    const response = await fetch(`${api.url}/custom`);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(Buffer.from(await response.arrayBuffer()).equals(BINARY)).toBe(true);
  });

  it('turns each of the cookies into its own set-cookie header', async () => {
    const response = await fetch(`${api.url}/custom`);
    expect(response.headers.getSetCookie()).toEqual(['session=abc; HttpOnly; Path=/', 'theme=dark']);
  });

  it('labels a response without a content type as text', async () => {
    const response = await fetch(`${api.url}/untyped`);
    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('accepted');
  });

  it('sends the request id back as apigw-requestid', async () => {
    const response = await fetch(`${api.url}/text`);
    expect(response.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });
});

describe('integration errors', () => {
  it('answers 500 Internal Server Error when the function throws, without its error', async () => {
    const response = await fetch(`${api.url}/fail`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers 500 when the result cannot be a response', async () => {
    const response = await fetch(`${api.url}/malformed`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect((await logEntry(api, response)).integrationError).toMatch(/^malformed response: statusCode/);
  });

  it('answers 503 Service Unavailable when the function outlives the 30 s integration timeout', async () => {
    const before = hanging.length;
    let answered = false;
    const pending = fetch(`${api.url}/slow`).finally(() => (answered = true));
    await hangStarted(before);
    api.clock.advance(29_999);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    api.clock.advance(1);
    const response = await pending;
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    expect((await logEntry(api, response)).integrationError).toBe('integration timeout');
  });

  it('answers 500 when the function hits its own Lambda timeout first', async () => {
    const before = hanging.length;
    const pending = fetch(`${api.url}/stuck`);
    await hangStarted(before);
    api.clock.advance(3000);
    const response = await pending;
    expect(response.status).toBe(500);
    expect((await logEntry(api, response)).integrationError).toBe('Sandbox.Timedout');
  });

  it('answers 500 when the function is throttled (over its reserved concurrency)', async () => {
    const before = hanging.length;
    const first = fetch(`${api.url}/single`);
    await hangStarted(before);
    const second = await fetch(`${api.url}/single`);
    expect(second.status).toBe(500);
    expect(await second.json()).toEqual({ message: 'Internal Server Error' });
    expect((await logEntry(api, second)).integrationError).toBe('TooManyRequestsException');
    api.clock.advance(3000);
    expect((await first).status).toBe(500);
  });
});

describe('access log', () => {
  it('logs one entry per request: id, route, status and latency', async () => {
    const response = await fetch(`${api.url}/videos/42?token=secret`, {
      headers: { authorization: 'Bearer secret' },
    });
    const entry = await logEntry(api, response);
    expect(entry).toEqual({
      requestId: response.headers.get('apigw-requestid'),
      time: new Date(api.clock.now()).toISOString(),
      method: 'GET',
      path: '/videos/42',
      routeKey: 'GET /videos/{id}',
      status: 200,
      latencyMs: expect.any(Number),
      integrationRequestId: expect.any(String),
    });
    expect(api.log.filter((e) => e.requestId === entry.requestId)).toHaveLength(1);
  });

  it('never logs a body, a query string or a token', async () => {
    const response = await fetch(`${api.url}/webhooks/stripe?sig=secret-query`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token', 'content-type': 'application/json' },
      body: '{"card":"secret-body"}',
    });
    expect(JSON.stringify(await logEntry(api, response))).not.toMatch(/secret/);
  });

  it('logs unmatched requests with no route', async () => {
    const response = await fetch(`${api.url}/nowhere`);
    expect(await logEntry(api, response)).toMatchObject({ routeKey: '-', status: 404 });
  });
});
