/** The payload format 2.0 event the HTTP API hands a function, as the function sees it. */
import { BINARY } from '../../fixtures/handlers/apigateway';
import { topology } from '../../fixtures/apigateway-topology';
import { echoed, rawRequest, startApi, type TestApi } from './support';

let api: TestApi;

beforeAll(async () => {
  api = await startApi(topology);
});
afterAll(() => api.close());

describe('the event', () => {
  it('has the payload format 2.0 fields of a POST with a JSON body', async () => {
    const response = await fetch(`${api.url}/webhooks/stripe?b=2&a=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Stripe/1.0', 'X-Mixed-Case': 'v' },
      body: '{"id":"evt_1"}',
    });
    const event = await echoed(response);
    const host = new URL(api.url).host;
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'POST /webhooks/{provider}',
      rawPath: '/webhooks/stripe',
      rawQueryString: 'b=2&a=1',
      headers: expect.objectContaining({
        'content-type': 'application/json',
        'user-agent': 'Stripe/1.0',
        'x-mixed-case': 'v',
        'content-length': '14',
        host,
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-port': String(new URL(api.url).port),
        'x-forwarded-proto': 'http',
        'x-amzn-trace-id': expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/),
      }),
      queryStringParameters: { b: '2', a: '1' },
      pathParameters: { provider: 'stripe' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'lectern',
        domainName: host,
        domainPrefix: '127',
        http: {
          method: 'POST',
          path: '/webhooks/stripe',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'Stripe/1.0',
        },
        requestId: response.headers.get('apigw-requestid'),
        routeKey: 'POST /webhooks/{provider}',
        stage: '$default',
        time: '01/Jan/2026:00:00:00 +0000',
        timeEpoch: api.clock.now(),
      },
      body: '{"id":"evt_1"}',
      isBase64Encoded: false,
    });
  });

  it('omits body, cookies, query and path parameters when the request has none', async () => {
    const event = await echoed(await fetch(`${api.url}/videos/featured`));
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).toMatchObject({ rawQueryString: '', isBase64Encoded: false });
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('lower-cases header names and joins repeated headers with commas', async () => {
    const { status, body } = await rawRequest(
      api.url,
      'GET /files/a HTTP/1.1\r\nHost: x\r\nX-Repeat: one\r\nx-repeat: two\r\nConnection: close\r\n\r\n',
    );
    expect(status).toBe(200);
    expect(JSON.parse(body).headers).toMatchObject({ 'x-repeat': 'one,two', host: 'x' });
  });

  it('moves cookies out of the headers into the cookies list', async () => {
    const event = await echoed(
      await fetch(`${api.url}/files/a`, { headers: { cookie: 'session=abc; theme=dark' } }),
    );
    expect(event.cookies).toEqual(['session=abc', 'theme=dark']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('decodes query parameters and joins repeated ones with commas, keeping rawQueryString as sent', async () => {
    const event = await echoed(await fetch(`${api.url}/files/a?tag=a%20b&tag=c&flag&q=%C3%A9`));
    expect(event.rawQueryString).toBe('tag=a%20b&tag=c&flag&q=%C3%A9');
    expect(event.queryStringParameters).toEqual({ tag: 'a b,c', flag: '', q: 'é' });
  });

  it('decodes the path, and path parameters, as HTTP APIs do', async () => {
    const event = await echoed(await fetch(`${api.url}/videos/intro%20to%20HLS`));
    expect(event.rawPath).toBe('/videos/intro to HLS');
    expect(event.requestContext.http.path).toBe('/videos/intro to HLS');
    expect(event.pathParameters).toEqual({ id: 'intro to HLS' });
  });
});

describe('the body', () => {
  it('keeps a JSON webhook body byte for byte, whitespace and Unicode included', async () => {
    const raw = '{\n  "id": "evt_1",\t"name": "Zoë 🎬",\n  "amount":  1999 }\r\n';
    const event = await echoed(
      await fetch(`${api.url}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: raw,
      }),
    );
    expect(event.isBase64Encoded).toBe(false);
    expect(Buffer.from(event.body!, 'utf8').equals(Buffer.from(raw, 'utf8'))).toBe(true);
  });

  it('base64-encodes a form-encoded body (a PayPal IPN), like an HTTP API does', async () => {
    const raw = 'mc_gross=19.99&payer_email=buyer%40example.com&txn_id=61E67681CH3238416';
    const event = await echoed(
      await fetch(`${api.url}/webhooks/paypal`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: raw,
      }),
    );
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64').toString()).toBe(raw);
  });

  it('passes a binary upload base64-encoded, byte for byte', async () => {
    const event = await echoed(
      await fetch(`${api.url}/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: BINARY,
      }),
    );
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64').equals(BINARY)).toBe(true);
  });

  it('base64-encodes a body without a content type', async () => {
    const event = await echoed(
      await fetch(`${api.url}/uploads`, { method: 'POST', body: new Uint8Array([104, 105]) }),
    );
    expect(event).toMatchObject({ body: 'aGk=', isBase64Encoded: true });
  });

  it('base64-encodes a "text" body that is not UTF-8, so that no byte changes', async () => {
    const event = await echoed(
      await fetch(`${api.url}/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: BINARY,
      }),
    );
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64').equals(BINARY)).toBe(true);
  });
});
