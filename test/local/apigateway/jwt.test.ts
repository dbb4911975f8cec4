/** The JWT authorizer on `auth: 'jwt'` routes, and the runtime's own token issuer. */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
} from 'jose';
import type { LocalIssuer } from '../../../infra/local/apigateway/issuer';
import { AUDIENCE, ISSUER, topology } from '../../fixtures/apigateway-topology';
import { echoed, logEntry, startApi, type TestApi } from './support';

let api: TestApi;
let issuer: LocalIssuer;
/** A key pair the runtime does not know. */
let stranger: { privateKey: CryptoKey; publicKey: CryptoKey };

beforeAll(async () => {
  api = await startApi(topology);
  issuer = api.runtime.api!.issuer!;
  stranger = await generateKeyPair('RS256');
});
afterAll(() => api.close());

const nowSeconds = () => Math.floor(api.clock.now() / 1000);
const kid = () => issuer.jwks.keys[0].kid!;
const me = (authorization?: string) =>
  fetch(`${api.url}/me`, { headers: authorization ? { authorization } : {} });

/** Expects a 401 whose access log names `reason`. */
async function refused(response: Response, reason: string | RegExp): Promise<void> {
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({ message: 'Unauthorized' });
  expect((await logEntry(api, response)).authorizerError).toMatch(reason);
}

const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER,
  aud: AUDIENCE[0],
  sub: 'user-1',
  iat: nowSeconds(),
  exp: nowSeconds() + 600,
  ...overrides,
});

describe('accepted tokens', () => {
  it('lets a token from the runtime issuer through, with its claims as strings and no scopes', async () => {
    const token = await issuer.sign({
      sub: 'user-1',
      email: 'zoe@example.com',
      'cognito:groups': ['admin', 'buyer'],
    });
    const event = await echoed(await me(`Bearer ${token}`));
    expect(event.requestContext.authorizer).toEqual({
      jwt: {
        claims: {
          iss: ISSUER,
          aud: 'lectern-web',
          sub: 'user-1',
          email: 'zoe@example.com',
          'cognito:groups': '[admin buyer]',
          iat: String(nowSeconds()),
          exp: String(nowSeconds() + 3600),
        },
        scopes: null,
      },
    });
  });

  it('takes the token without the Bearer prefix too', async () => {
    const response = await me(await issuer.sign());
    expect(response.status).toBe(200);
  });

  it('accepts a token whose aud list holds one of the audiences', async () => {
    const response = await me(`Bearer ${await issuer.sign({ aud: ['other-app', 'lectern-mobile'] })}`);
    expect((await echoed(response)).requestContext.authorizer!.jwt.claims.aud).toBe(
      '[other-app lectern-mobile]',
    );
  });

  it('reads client_id when the token has no aud', async () => {
    const response = await me(`Bearer ${await issuer.sign({ aud: undefined, client_id: 'lectern-web' })}`);
    expect(response.status).toBe(200);
  });

  it('allows a few seconds of clock skew on exp', async () => {
    const response = await me(`Bearer ${await issuer.sign({ exp: nowSeconds() - 3 })}`);
    expect(response.status).toBe(200);
  });
});

describe('refused tokens', () => {
  it('refuses a request without a token', async () => {
    await refused(await me(), 'no token');
  });

  it('refuses an expired token', async () => {
    await refused(await me(`Bearer ${await issuer.sign({ exp: nowSeconds() - 60 })}`), 'token expired');
  });

  it('refuses a token without exp', async () => {
    await refused(await me(`Bearer ${await issuer.sign({ exp: undefined })}`), /claim exp/);
  });

  it('refuses a token not valid yet (nbf)', async () => {
    await refused(await me(`Bearer ${await issuer.sign({ nbf: nowSeconds() + 60 })}`), /claim nbf/);
  });

  it('refuses a token issued in the future (iat)', async () => {
    await refused(
      await me(`Bearer ${await issuer.sign({ iat: nowSeconds() + 60 })}`),
      'iat is in the future',
    );
  });

  it('refuses a token for another audience', async () => {
    await refused(await me(`Bearer ${await issuer.sign({ aud: 'someone-else' })}`), 'audience not accepted');
  });

  it('refuses a token from another issuer, even signed with the right key', async () => {
    await refused(await me(`Bearer ${await issuer.sign({ iss: 'https://evil.test' })}`), /claim iss/);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'none', kid: kid(), typ: 'JWT' })}.${part(claims())}.`;
    await refused(await me(`Bearer ${token}`), 'algorithm not allowed');
  });

  it('refuses an HMAC token made with the public key as its secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(issuer.jwks.keys[0]));
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: kid() }).sign(secret);
    await refused(await me(`Bearer ${token}`), 'algorithm not allowed');
  });

  it('refuses a token signed by another key under the issuer key id (forged signature)', async () => {
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', kid: kid() })
      .sign(stranger.privateKey);
    await refused(await me(`Bearer ${token}`), 'signature invalid');
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = (await issuer.sign({ sub: 'user-1' })).split('.');
    const payload = Buffer.from(JSON.stringify(claims({ sub: 'admin' }))).toString('base64url');
    await refused(await me(`Bearer ${header}.${payload}.${signature}`), 'signature invalid');
  });

  it('refuses a token with an unknown key id', async () => {
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', kid: 'unknown' })
      .sign(stranger.privateKey);
    await refused(await me(`Bearer ${token}`), 'no matching key');
  });

  it('refuses a token without a key id', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(stranger.privateKey);
    await refused(await me(`Bearer ${token}`), 'no matching key');
  });

  it('refuses garbage', async () => {
    await refused(await me('Bearer not.a.token'), 'malformed token');
  });
});

describe('the runtime issuer', () => {
  it('serves its public keys at /.well-known/jwks.json, without the private parts', async () => {
    const response = await fetch(`${api.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toEqual([
      { kty: 'RSA', kid: kid(), alg: 'RS256', use: 'sig', n: expect.any(String), e: 'AQAB' },
    ]);
  });

  it('signs tokens that verify against the served keys', async () => {
    const keys = createRemoteJWKSet(new URL(`${api.url}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(await issuer.sign({ sub: 'user-9' }), keys, {
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(api.clock.now()),
    });
    expect(payload.sub).toBe('user-9');
  });
});

describe('an injected issuer', () => {
  let other: TestApi;

  beforeAll(async () => {
    const jwk = { ...(await exportJWK(stranger.publicKey)), kid: 'idp-1', alg: 'RS256' };
    other = await startApi(topology, {
      apiTokenIssuer: { issuer: 'https://idp.test', keys: createLocalJWKSet({ keys: [jwk] }) },
    });
  });
  afterAll(() => other.close());

  it('is trusted instead of the runtime issuer', async () => {
    const token = await new SignJWT(
      claims({ iss: 'https://idp.test', iat: Math.floor(other.clock.now() / 1000) }),
    )
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
      .sign(stranger.privateKey);
    const response = await fetch(`${other.url}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
  });

  it('makes tokens of the runtime issuer unacceptable', async () => {
    const token = await other.runtime.api!.issuer!.sign();
    const response = await fetch(`${other.url}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
  });
});
