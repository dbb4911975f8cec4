import type { RouteSpec } from '../../topology';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;

type Segment = { literal: string } | { param: string; greedy: boolean };

/** A topology route, parsed: `METHOD /path/{param}/{proxy+}` or `$default`. */
export interface Route {
  /** As API Gateway spells it in `routeKey`: `GET /videos/{id}` or `$default`. */
  key: string;
  /** Upper case, `ANY` for every method; undefined for `$default`. */
  method?: string;
  segments: Segment[];
  function: string;
  auth: 'none' | 'jwt';
}

export interface RouteMatch {
  route: Route;
  /** Path parameters by name (`proxy` for `{proxy+}`); empty for routes without any. */
  pathParameters: Record<string, string>;
}

export class InvalidRouteError extends Error {
  override readonly name = 'InvalidRouteError';
}

/** Parses one route of the topology, refusing what API Gateway would refuse to create. */
export function parseRoute(spec: RouteSpec): Route {
  const auth = spec.auth ?? 'none';
  if (spec.route === '$default') return { key: '$default', segments: [], function: spec.function, auth };
  const match = /^(\S+) (\/\S*)$/.exec(spec.route);
  const method = match?.[1];
  if (!match || !(METHODS as readonly string[]).includes(method!)) {
    throw new InvalidRouteError(
      `Route '${spec.route}': expected '$default' or 'METHOD /path' (${METHODS.join(', ')})`,
    );
  }
  const parts = match[2] === '/' ? [] : match[2].slice(1).split('/');
  const segments = parts.map((part, index): Segment => {
    const param = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(part);
    if (param) {
      if (param[2] && index !== parts.length - 1) {
        throw new InvalidRouteError(`Route '${spec.route}': a greedy path variable must be the last segment`);
      }
      return { param: param[1], greedy: param[2] === '+' };
    }
    if (!part || /[{}]/.test(part)) {
      throw new InvalidRouteError(`Route '${spec.route}': invalid path segment '${part}'`);
    }
    return { literal: part };
  });
  return { key: `${method} ${match[2]}`, method, segments, function: spec.function, auth };
}

/**
 * Selects routes the way HTTP APIs do: a full match beats a greedy `{proxy+}` match, which beats
 * `$default`. Among full (or greedy) matches the path decides first, literal segments beating
 * variables from left to right (a longer greedy prefix beating a shorter one), then a named
 * method beats `ANY`. A path whose only routes are for other methods is not matched: HTTP APIs
 * answer 404 there, not 405.
 */
export class Router {
  private readonly routes: Route[];
  private readonly fallback?: Route;

  constructor(specs: RouteSpec[]) {
    const routes = specs.map(parseRoute);
    const keys = new Set<string>();
    for (const route of routes) {
      if (keys.has(route.key)) throw new InvalidRouteError(`Route '${route.key}' is declared twice`);
      keys.add(route.key);
    }
    this.routes = routes.filter((r) => r.key !== '$default');
    this.fallback = routes.find((r) => r.key === '$default');
  }

  /** Every route, `$default` last. */
  list(): Route[] {
    return this.fallback ? [...this.routes, this.fallback] : [...this.routes];
  }

  /** The route for a request, or undefined (404). `path` is the decoded request path. */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = path === '/' ? [] : path.slice(1).split('/');
    let best: { match: RouteMatch; rank: number[] } | undefined;
    for (const route of this.routes) {
      if (route.method !== 'ANY' && route.method !== method) continue;
      const pathParameters = bind(route.segments, parts);
      if (!pathParameters) continue;
      const rank = rankOf(route);
      if (!best || compareRanks(rank, best.rank) > 0) best = { match: { route, pathParameters }, rank };
    }
    if (best) return best.match;
    return this.fallback ? { route: this.fallback, pathParameters: {} } : undefined;
  }
}

/** The path parameters if `segments` match the request path's parts. */
function bind(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    if ('literal' in segment) {
      if (parts[index] !== segment.literal) return undefined;
    } else if (segment.greedy) {
      // `{proxy+}` takes one or more whole segments.
      if (parts.length <= index) return undefined;
      parameters[segment.param] = parts.slice(index).join('/');
      return parameters;
    } else {
      if (!parts[index]) return undefined;
      parameters[segment.param] = parts[index];
    }
  }
  return segments.length === parts.length ? parameters : undefined;
}

/** Higher is more specific: [full match?, per segment literal 2 / variable 1 ..., named method?]. */
function rankOf(route: Route): number[] {
  const greedy = route.segments.some((s) => 'greedy' in s && s.greedy);
  const path = route.segments
    .filter((s) => !('greedy' in s && s.greedy))
    .map((s) => ('literal' in s ? 2 : 1));
  // The method goes last and below any segment score, so it only breaks ties between equal paths.
  return [greedy ? 0 : 1, ...path, 0, route.method === 'ANY' ? 0 : 1];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff) return diff;
  }
  return 0;
}
