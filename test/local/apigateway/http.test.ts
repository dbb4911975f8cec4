/** CORS, the payload limit and malformed requests: what API Gateway answers before any function runs. */
import { ORIGIN, topology } from '../../fixtures/apigateway-topology';
import { logEntry, rawRequest, startApi, type TestApi } from './support';

let api: TestApi;

beforeAll(async () => {
  api = await startApi(topology);
});
afterAll(() => api.close());

const preflight = (path: string, origin: string) =>
  fetch(`${api.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });

describe('CORS', () => {
  it('answers a preflight from an allowed origin itself, with the allowed methods and headers', async () => {
    const response = await preflight('/uploads', ORIGIN);
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-methods': '*',
      'access-control-allow-headers': 'authorization,content-type',
    });
    expect(await response.text()).toBe('');
  });

  it('answers a preflight on a path no route has', async () => {
    expect((await preflight('/nowhere', ORIGIN)).status).toBe(204);
  });

  it('gives a preflight from another origin no CORS headers', async () => {
    const response = await preflight('/uploads', 'https://evil.test');
    expect(response.status).toBe(204);
    expect([...response.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('puts its own CORS headers on a response, replacing the function’s', async () => {
    const response = await fetch(`${api.url}/custom`, { headers: { origin: ORIGIN } });
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('vary')).toBe('origin');
  });

  it('strips the function’s CORS headers for a disallowed origin', async () => {
    const response = await fetch(`${api.url}/custom`, { headers: { origin: 'https://evil.test' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('puts CORS headers on the API’s own errors too, so a browser can read a 401', async () => {
    const response = await fetch(`${api.url}/me`, { headers: { origin: ORIGIN } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('routes an OPTIONS request that is not a preflight like any other', async () => {
    const response = await fetch(`${api.url}/uploads`, { method: 'OPTIONS', headers: { origin: ORIGIN } });
    expect(response.status).toBe(404);
  });
});

describe('payload limit', () => {
  const MB10 = 10 * 1024 * 1024;
  const upload = (bytes: number) =>
    fetch(`${api.url}/uploads/size`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(bytes, 7),
    });

  it('passes a body of exactly 10 MB', async () => {
    const response = await upload(MB10);
    expect(await response.json()).toEqual({ bytes: MB10 });
  });

  it('answers 413 with JSON for a body over 10 MB, without invoking the function', async () => {
    const response = await upload(MB10 + 1);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'HTTP content length exceeded 10485760 bytes.' });
    expect(await logEntry(api, response)).not.toHaveProperty('integrationRequestId');
  });
});

describe('malformed requests', () => {
  it('answers 400 with JSON to a path with broken percent-encoding', async () => {
    const response = await fetch(`${api.url}/videos/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'Bad Request' });
  });

  it('answers 400 with JSON to a query with broken percent-encoding', async () => {
    const response = await fetch(`${api.url}/videos/1?q=%zz`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'Bad Request' });
  });

  it('answers 400 with JSON to a request that is not HTTP', async () => {
    const { status, head, body } = await rawRequest(api.url, 'HELLO THERE\r\n\r\n');
    expect(status).toBe(400);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(body)).toEqual({ message: 'Bad Request' });
  });

  it('answers 400 with JSON to a request target that is not a path', async () => {
    const { status, body } = await rawRequest(
      api.url,
      'GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(status).toBe(400);
    expect(JSON.parse(body)).toEqual({ message: 'Bad Request' });
  });
});
