import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@sw/domain';
import { BoundedCache } from './bounded-cache.ts';
import { assertNotExpired, nowSeconds, parseClaims } from './claims.ts';
import type { Claims } from './claims.ts';
import { internalClaimsSecret } from './secrets.ts';

/** Header (and graphql-ws connectionParams key) carrying base64url(JSON(claims)) from the gateway. */
export const CLAIMS_HEADER = 'x-sw-claims';
/** Header carrying base64url(HMAC-SHA256(INTERNAL_CLAIMS_SECRET, value of CLAIMS_HEADER)). */
export const CLAIMS_SIG_HEADER = 'x-sw-claims-sig';

const FORWARDED_CACHE_SIZE = 1000;
/** Verified pairs keyed by signature (short to hash); the payload is compared before a hit is trusted. */
const decodedBySecret = new Map<string, BoundedCache<{ payload: string; claims: Claims }>>();

function sign(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

function forged(message: string): DomainError {
  return new DomainError('ERR_INVALID_TOKEN', message);
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  // Repeated headers (string[]) or non-string connectionParams are never produced by the gateway.
  throw forged(`${name} must be a single string`);
}

/**
 * Encodes verified claims for the gateway→subgraph hop: returns both headers to add to the upstream request
 * (or to graphql-ws connectionParams). The secret defaults to INTERNAL_CLAIMS_SECRET.
 */
export function encodeForwardedClaims(c: Claims, secret: string = internalClaimsSecret()): Record<string, string> {
  const payload = Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
  return { [CLAIMS_HEADER]: payload, [CLAIMS_SIG_HEADER]: sign(payload, secret).toString('base64url') };
}

/**
 * Reads forwarded claims from request headers (lower-case names, as Node delivers them) or from graphql-ws
 * connectionParams. Returns null when CLAIMS_HEADER is absent (anonymous caller). Throws DomainError
 * ERR_INVALID_TOKEN when the signature is missing or wrong, the payload is malformed, or `exp` has passed.
 * Verified (payload, signature) pairs are cached until exp, so repeat callers cost one Map lookup.
 */
export function decodeForwardedClaims(
  headers: Record<string, string | string[] | undefined>,
  secret: string = internalClaimsSecret(),
): Claims | null {
  const h = headers as Record<string, unknown>;
  const payload = headerValue(h, CLAIMS_HEADER);
  const sig = headerValue(h, CLAIMS_SIG_HEADER);
  if (payload === undefined) {
    if (sig !== undefined) throw forged(`${CLAIMS_SIG_HEADER} without ${CLAIMS_HEADER}`);
    return null;
  }
  if (sig === undefined) throw forged(`${CLAIMS_HEADER} without ${CLAIMS_SIG_HEADER}`);

  let cache = decodedBySecret.get(secret);
  if (cache === undefined) {
    cache = new BoundedCache<{ payload: string; claims: Claims }>(FORWARDED_CACHE_SIZE);
    if (decodedBySecret.size > 16) decodedBySecret.clear();
    decodedBySecret.set(secret, cache);
  }
  const hit = cache.get(sig);
  if (hit !== undefined && hit.payload === payload) return hit.claims;

  const expected = sign(payload, secret);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw forged('forwarded claims signature is invalid');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw forged('forwarded claims are not valid JSON');
  }
  const claims = parseClaims(raw);
  assertNotExpired(claims, nowSeconds());
  cache.set(sig, { payload, claims }, claims.exp * 1000);
  return claims;
}
