import { describe, expect, it } from 'vitest';
import { CLAIMS_HEADER, CLAIMS_SIG_HEADER, decodeForwardedClaims, signAccessToken } from '@sw/auth';
import { createRequestAuthenticator, isInternalClaimsHeader } from './request-auth.ts';

const jwtSecret = 'request-auth-test-jwt-secret-0123456789';
const internalSecret = 'request-auth-test-internal-secret-012345';
const identity = { sub: 'u-1', username: 'alice', playerId: 'p-1', roles: ['player' as const], scopes: [] };

describe('createRequestAuthenticator', () => {
  const authenticate = createRequestAuthenticator({ jwtSecret, internalSecret });

  it('treats a missing header as anonymous', async () => {
    expect(await authenticate(undefined)).toEqual({ ok: true, auth: null });
    expect(await authenticate('')).toEqual({ ok: true, auth: null });
  });

  it('verifies a bearer token and signs forwarded claims a subgraph accepts', async () => {
    const token = await signAccessToken(identity, { secret: jwtSecret });
    const outcome = await authenticate(`Bearer ${token}`);
    if (!outcome.ok || !outcome.auth) throw new Error('expected verified auth');
    expect(outcome.auth.claims).toMatchObject(identity);
    expect(Object.keys(outcome.auth.forwardHeaders).sort()).toEqual([CLAIMS_HEADER, CLAIMS_SIG_HEADER].sort());
    expect(decodeForwardedClaims(outcome.auth.forwardHeaders, internalSecret)).toMatchObject(identity);
    // Cached: the same object for the same token.
    const again = await authenticate(`Bearer ${token}`);
    expect(again.ok && again.auth).toBe(outcome.auth);
  });

  it('rejects bad schemes, garbage, wrong secrets and expired tokens with ERR_INVALID_TOKEN', async () => {
    const other = await signAccessToken(identity, { secret: 'another-secret-entirely-0123456789' });
    const expired = await signAccessToken(identity, { secret: jwtSecret, ttlSeconds: -5 });
    for (const header of ['Basic abc', 'Bearer', 'Bearer x.y.z', `Bearer ${other}`, `Bearer ${expired}`]) {
      expect(await authenticate(header)).toMatchObject({ ok: false, code: 'ERR_INVALID_TOKEN' });
    }
  });
});

describe('isInternalClaimsHeader', () => {
  it('matches the whole x-sw-claims family case-insensitively', () => {
    expect(isInternalClaimsHeader('x-sw-claims')).toBe(true);
    expect(isInternalClaimsHeader('X-SW-Claims-Sig')).toBe(true);
    expect(isInternalClaimsHeader('x-sw-claims-extra')).toBe(true);
    expect(isInternalClaimsHeader('authorization')).toBe(false);
  });
});
