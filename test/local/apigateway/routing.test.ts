/** Which route a request reaches: the most specific, path parameters, greedy variables, ANY, $default. */
import { defaultRouteTopology, topology } from '../../fixtures/apigateway-topology';
import { echoed, startApi, type TestApi } from './support';

let api: TestApi;
let withDefault: TestApi;

beforeAll(async () => {
  [api, withDefault] = await Promise.all([startApi(topology), startApi(defaultRouteTopology)]);
});
afterAll(async () => {
  await api.close();
  await withDefault.close();
});

const routeOf = async (target: TestApi, method: string, path: string) => {
  const event = await echoed(await fetch(`${target.url}${path}`, { method }));
  return { routeKey: event.routeKey, pathParameters: event.pathParameters };
};

describe('route selection', () => {
  it('binds path parameters', async () => {
    expect(await routeOf(api, 'GET', '/videos/42')).toEqual({
      routeKey: 'GET /videos/{id}',
      pathParameters: { id: '42' },
    });
  });

  it('prefers a literal segment over a path variable', async () => {
    expect((await routeOf(api, 'GET', '/videos/featured')).routeKey).toBe('GET /videos/featured');
  });

  it('prefers a route for the method over ANY on the same path', async () => {
    expect((await routeOf(api, 'GET', '/videos/7')).routeKey).toBe('GET /videos/{id}');
  });

  it('takes ANY for the methods no route names', async () => {
    expect(await routeOf(api, 'DELETE', '/videos/7')).toEqual({
      routeKey: 'ANY /videos/{id}',
      pathParameters: { id: '7' },
    });
  });

  it('gives a greedy variable every remaining segment', async () => {
    expect(await routeOf(api, 'GET', '/files/2026/01/intro.mp4')).toEqual({
      routeKey: 'GET /files/{proxy+}',
      pathParameters: { proxy: '2026/01/intro.mp4' },
    });
  });

  it('prefers a full match over a greedy one, even with fewer literal segments', async () => {
    expect(await routeOf(api, 'GET', '/files/special/poster')).toEqual({
      routeKey: 'GET /files/special/{name}',
      pathParameters: { name: 'poster' },
    });
  });

  it('prefers the greedy route with the longer literal prefix', async () => {
    expect(await routeOf(api, 'GET', '/files/special/a/b')).toEqual({
      routeKey: 'ANY /files/special/{proxy+}',
      pathParameters: { proxy: 'a/b' },
    });
  });

  it('does not let a greedy variable match nothing', async () => {
    const response = await fetch(`${api.url}/files`);
    expect(response.status).toBe(404);
  });
});

describe('unmatched requests', () => {
  it('answers 404 Not Found for an unknown path', async () => {
    const response = await fetch(`${api.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });

  it('answers 404, not 405, for a known path with a method no route takes (as HTTP APIs do)', async () => {
    const response = await fetch(`${api.url}/text`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('allow')).toBeNull();
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });

  it('does not match a trailing slash the route does not have', async () => {
    expect((await fetch(`${api.url}/text/`)).status).toBe(404);
  });

  it('sends what no route matches to $default, with no path parameters', async () => {
    expect(await routeOf(withDefault, 'PUT', '/any/thing')).toEqual({
      routeKey: '$default',
      pathParameters: undefined,
    });
  });

  it('sends a known path with another method to $default', async () => {
    expect((await routeOf(withDefault, 'POST', '/known')).routeKey).toBe('$default');
    expect((await routeOf(withDefault, 'GET', '/known')).routeKey).toBe('GET /known');
  });
});
