import type { HttpApiSpec } from '../../topology';
import type { Clock } from '../clock';
import type { LocalFunctions } from '../lambda/functions';
import type { LocalDatabase } from '../store/database';
import type { AccessLog } from './access-log';
import { JwtAuthorizer, type TokenIssuer } from './authorizer';
import { Cors } from './cors';
import { LocalIssuer } from './issuer';
import { InvalidRouteError, Router, type Route } from './routes';
import { HttpApiServer } from './server';

export interface HttpApiOptions {
  spec: HttpApiSpec;
  functions: LocalFunctions;
  db: LocalDatabase;
  clock: Clock;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The issuer the JWT authorizer trusts instead of the runtime's own (e.g. a real identity provider). */
  tokenIssuer?: TokenIssuer;
  accessLog?: AccessLog;
}

/** The topology's HTTP API, served on its own port. */
export interface LocalHttpApi {
  /** e.g. `http://127.0.0.1:3000`: what the API's invoke URL is on AWS. */
  endpoint: string;
  port: number;
  /** Every route, `$default` last. */
  routes: Route[];
  /**
   * The runtime's own token issuer (keys in the data directory, JWKS at `/.well-known/jwks.json`),
   * which the JWT authorizer trusts unless another was injected; null when the API has no `jwt`.
   */
  issuer: LocalIssuer | null;
  close(): Promise<void>;
}

/** Checks the spec like a deployment would, then serves it. */
export async function startHttpApi(options: HttpApiOptions): Promise<LocalHttpApi> {
  const { spec, functions, db, clock } = options;
  const router = new Router(spec.routes);
  const routes = router.list();
  for (const route of routes) {
    if (!functions.find(route.function)) {
      throw new InvalidRouteError(
        `Route '${route.key}' invokes '${route.function}', which the topology does not declare`,
      );
    }
  }
  if (spec.jwt && !spec.jwt.audience.length) {
    throw new InvalidRouteError('The JWT authorizer needs at least one audience (api.jwt.audience)');
  }
  const unauthorized = routes.find((r) => r.auth === 'jwt' && !spec.jwt);
  if (unauthorized) {
    throw new InvalidRouteError(
      `Route '${unauthorized.key}' uses the JWT authorizer, but api.jwt is not set`,
    );
  }

  const issuer = spec.jwt
    ? await LocalIssuer.open(db, { issuer: spec.jwt.issuer, audience: spec.jwt.audience[0], clock })
    : null;
  const trust = options.tokenIssuer ?? (issuer && { issuer: issuer.issuer, keys: issuer.keys() });
  const server = new HttpApiServer({
    router,
    functions,
    clock,
    authorizer: trust && spec.jwt ? new JwtAuthorizer(trust, spec.jwt.audience, clock) : undefined,
    cors: spec.corsOrigins?.length ? new Cors(spec.corsOrigins) : undefined,
    issuer: issuer ?? undefined,
    accessLog: options.accessLog,
  });
  let port: number;
  try {
    port = await server.listen(options.port, options.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(
      `The HTTP API cannot listen on ${options.host}:${options.port}: the port is in use (choose another with --api-port or LECTERN_API_PORT)`,
      { cause: error },
    );
  }
  return {
    endpoint: `http://${options.host}:${port}`,
    port,
    routes,
    issuer,
    close: () => server.close(),
  };
}
