import { BoundedCache, CLAIMS_HEADER, CLAIMS_SIG_HEADER, encodeForwardedClaims, verifyAccessToken } from '@sw/auth';
import type { Claims } from '@sw/auth';

/** What the gateway knows about the caller after checking the Authorization header. */
export interface VerifiedAuth {
  claims: Claims;
  /** The signed x-sw-claims headers to send to subgraphs (computed once per token, reused while cached). */
  forwardHeaders: Record<string, string>;
}

export type AuthOutcome =
  | { ok: true; auth: VerifiedAuth | null }
  | { ok: false; code: 'ERR_INVALID_TOKEN' | 'ERR_SESSION_REVOKED'; message: string };

/** Answers whether a session (the token's `sid`) has ended; see auth/session-revocations.ts. */
export interface RevocationCheck {
  isRevoked(sessionId: string | undefined): boolean;
}

/** Headers a client might send to impersonate the gateway; they never reach a subgraph. */
export const FORWARDED_CLAIMS_HEADERS = [CLAIMS_HEADER, CLAIMS_SIG_HEADER] as const;

/** True for any client header in the internal `x-sw-claims*` family (case-insensitive). */
export function isInternalClaimsHeader(name: string): boolean {
  return name.toLowerCase().startsWith('x-sw-claims');
}

/**
 * Verifies `Authorization: Bearer <jwt>` and caches the verified result per token until the token's own expiry, so a
 * client reusing one token costs one map lookup per request instead of an HMAC verification plus a claims signature.
 * The cache is bounded (oldest entry evicted first). A missing header is anonymous (auth null); a malformed, forged or
 * expired token is ERR_INVALID_TOKEN; a token of an ended session (`revocations`) is ERR_SESSION_REVOKED, checked
 * on every call (one Map lookup), cached or not.
 */
export function createRequestAuthenticator(opts: {
  jwtSecret?: string;
  internalSecret?: string;
  maxEntries?: number;
  revocations?: RevocationCheck;
}) {
  const cache = new BoundedCache<VerifiedAuth>(opts.maxEntries ?? 10_000);
  const revoked = (auth: VerifiedAuth): AuthOutcome | null =>
    opts.revocations?.isRevoked(auth.claims.sid)
      ? { ok: false, code: 'ERR_SESSION_REVOKED', message: 'this session was signed out; sign in again' }
      : null;

  return async function authenticate(authorization: string | undefined): Promise<AuthOutcome> {
    if (authorization === undefined || authorization === '') return { ok: true, auth: null };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return { ok: false, code: 'ERR_INVALID_TOKEN', message: 'Authorization header must be "Bearer <token>"' };
    const token = match[1]!;
    const hit = cache.get(token);
    if (hit !== undefined) return revoked(hit) ?? { ok: true, auth: hit };
    let claims: Claims;
    try {
      claims = await verifyAccessToken(token, opts.jwtSecret === undefined ? undefined : { secret: opts.jwtSecret });
    } catch (err) {
      const message = err instanceof Error ? err.message : 'invalid token';
      return { ok: false, code: 'ERR_INVALID_TOKEN', message: `Invalid access token: ${message}` };
    }
    const auth: VerifiedAuth = { claims, forwardHeaders: encodeForwardedClaims(claims, opts.internalSecret) };
    cache.set(token, auth, claims.exp * 1000);
    return revoked(auth) ?? { ok: true, auth };
  };
}
