import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../clock';

/**
 * Only RSA signatures, as the HTTP API's JWT authorizer: `none`, HMAC (a public key used as an
 * HS256 secret) and every other algorithm are refused before any key is looked at.
 */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/** How far `exp`, `nbf` and `iat` may be off from the local clock. */
export const CLOCK_SKEW_SECONDS = 5;

/** Where the authorizer takes its trust from: the issuer it accepts and that issuer's public keys. */
export interface TokenIssuer {
  issuer: string;
  /** e.g. `createLocalJWKSet(jwks)` or, for a real identity provider, `createRemoteJWKSet(url)`. */
  keys: JWTVerifyGetKey;
}

/** The claims the integration gets (every value a string, as API Gateway passes them), or why not. */
export type Authorization = { claims: Record<string, string> } | { refused: string };

/**
 * The JWT authorizer of an HTTP API route: the bearer token (with or without the `Bearer `
 * prefix) must carry a `kid` found among the issuer's keys, an allowed algorithm and a valid
 * signature, the configured `iss`, an `aud` (or, without `aud`, a `client_id`) among the
 * audiences, an `exp` in the future, and no `nbf` or `iat` in the future.
 */
export class JwtAuthorizer {
  constructor(
    private readonly trust: TokenIssuer,
    private readonly audience: string[],
    private readonly clock: Clock,
  ) {}

  async authorize(authorization: string | undefined): Promise<Authorization> {
    const token = authorization?.trim().replace(/^bearer\s+/i, '');
    if (!token) return { refused: 'no token' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keyWithKid, {
        algorithms: ALLOWED_ALGORITHMS,
        issuer: this.trust.issuer,
        requiredClaims: ['exp'],
        currentDate: new Date(this.clock.now()),
        clockTolerance: CLOCK_SKEW_SECONDS,
      }));
    } catch (error) {
      return { refused: reason(error) };
    }
    if (typeof payload.iat === 'number' && payload.iat > this.clock.now() / 1000 + CLOCK_SKEW_SECONDS) {
      return { refused: 'iat is in the future' };
    }
    // API Gateway reads client_id only when the token has no aud.
    const audiences = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
    if (!audiences.some((a) => typeof a === 'string' && this.audience.includes(a))) {
      return { refused: 'audience not accepted' };
    }
    return { claims: Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, claimText(v)])) };
  }

  private readonly keyWithKid: JWTVerifyGetKey = (header, token) => {
    if (!header.kid) throw new errors.JWKSNoMatchingKey('the token has no kid');
    return this.trust.keys(header, token);
  };
}

/** Claims as API Gateway renders them: numbers and booleans as text, lists as `[a b]`. */
function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimText).join(' ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** A short reason for the access log (never the token). */
function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim}: ${error.reason}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature invalid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no matching key';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed token';
  if (error instanceof errors.JOSEError) return error.code;
  return 'keys unavailable';
}
