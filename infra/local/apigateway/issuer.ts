import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Clock } from '../clock';
import type { LocalDatabase } from '../store/database';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS apigateway_signing_keys (
  kid TEXT PRIMARY KEY,
  private_jwk TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** The signing algorithm; the HTTP API's JWT authorizer accepts RSA signatures only. */
export const SIGNING_ALGORITHM = 'RS256';

/** Tokens live an hour unless the claims say otherwise. */
const DEFAULT_LIFETIME_SECONDS = 3600;

/**
 * The runtime's own token issuer: an RSA key pair generated once and kept in the data directory
 * (so tokens outlive a restart), whose public half the HTTP API serves at
 * `/.well-known/jwks.json` and its JWT authorizer trusts. Sign-up and log-in mint tokens here.
 */
export class LocalIssuer {
  private constructor(
    /** The `iss` of the tokens: the topology's `api.jwt.issuer`, as on AWS. */
    readonly issuer: string,
    /** The `aud` tokens get by default: the first of the topology's audiences. */
    readonly audience: string,
    private readonly kid: string,
    private readonly privateKey: CryptoKey,
    /** Every key's public half, newest first. */
    readonly jwks: JSONWebKeySet,
    private readonly clock: Clock,
  ) {}

  /** Loads the signing key, or generates one and commits it before resolving. */
  static async open(
    db: LocalDatabase,
    options: { issuer: string; audience: string; clock: Clock },
  ): Promise<LocalIssuer> {
    db.db.exec(SCHEMA);
    const rows = db.db
      .prepare('SELECT private_jwk FROM apigateway_signing_keys ORDER BY created_at DESC, kid')
      .all() as Array<{ private_jwk: string }>;
    let privateJwks = rows.map((row) => JSON.parse(row.private_jwk) as JWK);
    if (!privateJwks.length) {
      const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
      const jwk = await exportJWK(privateKey);
      const kid = await calculateJwkThumbprint(jwk);
      const stored: JWK = { ...jwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
      const insert = db.db.prepare(
        'INSERT INTO apigateway_signing_keys (kid, private_jwk, created_at) VALUES (?, ?, ?)',
      );
      db.write(() => insert.run(kid, JSON.stringify(stored), options.clock.now()));
      db.flush();
      privateJwks = [stored];
    }
    const current = privateJwks[0];
    const privateKey = (await importJWK(current, SIGNING_ALGORITHM)) as CryptoKey;
    const jwks = { keys: privateJwks.map(publicHalf) };
    return new LocalIssuer(options.issuer, options.audience, current.kid!, privateKey, jwks, options.clock);
  }

  /** A key resolver for `jwtVerify` over this issuer's public keys. */
  keys(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks);
  }

  /**
   * A signed token. `iss`, `aud`, `iat` and `exp` (an hour on) are filled in unless `claims`
   * sets them; the times come from the runtime's clock.
   */
  async sign(claims: JWTPayload = {}): Promise<string> {
    const now = Math.floor(this.clock.now() / 1000);
    const payload: JWTPayload = {
      iss: this.issuer,
      aud: this.audience,
      iat: now,
      exp: now + DEFAULT_LIFETIME_SECONDS,
      ...claims,
    };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.kid, typ: 'JWT' })
      .sign(this.privateKey);
  }
}

function publicHalf(jwk: JWK): JWK {
  return { kty: jwk.kty, n: jwk.n, e: jwk.e, kid: jwk.kid, alg: jwk.alg, use: jwk.use };
}
