import { InvalidRouteError, parseRoute, Router } from './routes';

const route = (r: string) => ({ route: r, function: 'f' });

describe('parseRoute', () => {
  it('reads methods, literal segments, variables and a greedy variable', () => {
    expect(parseRoute({ route: 'GET /a/{id}/{rest+}', function: 'f', auth: 'jwt' })).toEqual({
      key: 'GET /a/{id}/{rest+}',
      method: 'GET',
      segments: [{ literal: 'a' }, { param: 'id', greedy: false }, { param: 'rest', greedy: true }],
      function: 'f',
      auth: 'jwt',
    });
  });

  it.each([
    ['an unknown method', 'FETCH /a'],
    ['a path without a leading slash', 'GET a'],
    ['a greedy variable before the end', 'GET /{proxy+}/a'],
    ['an empty segment', 'GET /a//b'],
    ['a half-open brace', 'GET /a/{id'],
    ['no path', 'GET'],
  ])('refuses %s', (_, key) => {
    expect(() => parseRoute(route(key))).toThrow(InvalidRouteError);
  });
});

describe('Router', () => {
  it('refuses a route declared twice', () => {
    expect(() => new Router([route('GET /a'), route('GET /a')])).toThrow(/declared twice/);
  });

  it('matches the root path', () => {
    expect(new Router([route('GET /')]).match('GET', '/')?.route.key).toBe('GET /');
  });

  it('ranks by path before method: a literal ANY route beats a variable GET route', () => {
    const router = new Router([route('GET /a/{id}'), route('ANY /a/b')]);
    expect(router.match('GET', '/a/b')?.route.key).toBe('ANY /a/b');
  });

  it('ranks literals left to right', () => {
    const router = new Router([route('GET /{x}/b'), route('GET /a/{y}')]);
    expect(router.match('GET', '/a/b')?.route.key).toBe('GET /a/{y}');
  });

  it('lists $default last', () => {
    const router = new Router([route('$default'), route('GET /a')]);
    expect(router.list().map((r) => r.key)).toEqual(['GET /a', '$default']);
  });
});
