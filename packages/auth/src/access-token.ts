import { SignJWT, errors as joseErrors, jwtVerify, type CryptoKey } from 'jose';
import { DomainError } from '@sw/domain';
import { BoundedCache } from './bounded-cache.ts';
import { assertNotExpired, nowSeconds, parseClaims } from './claims.ts';
import type { Claims } from './claims.ts';
import { jwtSecret } from './secrets.ts';

/** Lifetime of an access token unless the caller passes `ttlSeconds` (8 hours: dev login and service tokens). */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 8 * 60 * 60;
/** Lifetime of a signed-in session's access token (15 minutes; the refresh token renews it). */
export const SESSION_ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** `iss` of every access token; tokens from another issuer are rejected. */
export const TOKEN_ISSUER = 'sectorwars-2102';
/** How many verified tokens are remembered per secret. */
export const VERIFIED_TOKEN_CACHE_SIZE = 1000;

const encoder = new TextEncoder();
/**
 * One imported HMAC key per secret. Handing jose the raw bytes made it import a fresh CryptoKey on every sign and
 * verify (WebCrypto importKey + algorithm normalisation), which was the largest single cost of the gateway's auth.
 */
const keys = new Map<string, Promise<CryptoKey>>();
const verifiedBySecret = new Map<string, BoundedCache<Claims>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    if (keys.size > 16) keys.clear();
    keys.set(secret, key);
    key.catch(() => keys.delete(secret));
  }
  return key;
}

function cacheFor(secret: string): BoundedCache<Claims> {
  let cache = verifiedBySecret.get(secret);
  if (cache === undefined) {
    cache = new BoundedCache<Claims>(VERIFIED_TOKEN_CACHE_SIZE);
    if (verifiedBySecret.size > 16) verifiedBySecret.clear();
    verifiedBySecret.set(secret, cache);
  }
  return cache;
}

/**
 * Issues an HS256 JWT for the given identity, valid for `ttlSeconds` (default 8 h). The secret defaults to
 * JWT_SECRET (development default DEV_JWT_SECRET). Called by the gateway's login endpoints.
 */
export async function signAccessToken(
  c: Omit<Claims, 'exp'>,
  opts: { secret?: string; ttlSeconds?: number } = {},
): Promise<string> {
  const ttl = opts.ttlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  const now = nowSeconds();
  const body = { username: c.username, playerId: c.playerId, roles: [...c.roles], scopes: [...c.scopes], ...(c.sid ? { sid: c.sid } : {}) };
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(c.sub)
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(await keyFor(opts.secret ?? jwtSecret()));
}

/**
 * Verifies an access token (signature, algorithm HS256, issuer, expiry, claim shape) and returns its frozen
 * claims. Throws DomainError ERR_INVALID_TOKEN otherwise. Successful verifications are cached per token
 * until the token's `exp` in a bounded LRU, so a token reused on every request costs one Map lookup.
 */
export async function verifyAccessToken(token: string, opts: { secret?: string } = {}): Promise<Claims> {
  const secret = opts.secret ?? jwtSecret();
  const cache = cacheFor(secret);
  const hit = cache.get(token);
  if (hit !== undefined) return hit;
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, await keyFor(secret), { algorithms: ['HS256'], issuer: TOKEN_ISSUER }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new DomainError('ERR_INVALID_TOKEN', 'token expired');
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw new DomainError('ERR_INVALID_TOKEN', 'token signature is invalid');
    }
    throw new DomainError('ERR_INVALID_TOKEN', `malformed token: ${err instanceof Error ? err.message : 'unknown'}`);
  }
  const claims = parseClaims({ ...payload, exp: payload.exp });
  assertNotExpired(claims);
  cache.set(token, claims, claims.exp * 1000);
  return claims;
}
