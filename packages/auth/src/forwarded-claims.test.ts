import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { CLAIMS_HEADER, CLAIMS_SIG_HEADER, decodeForwardedClaims, encodeForwardedClaims } from './forwarded-claims.ts';
import { isAdmin } from './claims.ts';
import type { Claims } from './claims.ts';

const future = () => Math.floor(Date.now() / 1000) + 600;
const claims = (over: Partial<Claims> = {}): Claims => ({
  sub: 'u-1', username: 'admin', playerId: null, roles: ['player', 'admin'], scopes: [], exp: future(), ...over,
});

function expectInvalid(fn: () => unknown, message?: RegExp) {
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  expect(err).toMatchObject({ name: 'DomainError', code: 'ERR_INVALID_TOKEN' });
  if (message) expect((err as Error).message).toMatch(message);
}

describe('encodeForwardedClaims / decodeForwardedClaims', () => {
  it('round-trips claims through the two headers', () => {
    const c = claims();
    const headers = encodeForwardedClaims(c, 'internal');
    expect(Object.keys(headers).sort()).toEqual([CLAIMS_HEADER, CLAIMS_SIG_HEADER]);
    expect(decodeForwardedClaims({ ...headers, host: 'x' }, 'internal')).toEqual(c);
    // second call is served from the cache and is equal
    expect(decodeForwardedClaims(headers, 'internal')).toEqual(c);
  });

  it('returns null when no claims headers are present', () => {
    expect(decodeForwardedClaims({}, 'internal')).toBeNull();
    expect(decodeForwardedClaims({ [CLAIMS_HEADER]: '' }, 'internal')).toBeNull();
  });

  it('rejects a header without its signature and a signature without claims', () => {
    const headers = encodeForwardedClaims(claims(), 'internal');
    expectInvalid(() => decodeForwardedClaims({ [CLAIMS_HEADER]: headers[CLAIMS_HEADER] }, 'internal'), /without/);
    expectInvalid(() => decodeForwardedClaims({ [CLAIMS_SIG_HEADER]: headers[CLAIMS_SIG_HEADER] }, 'internal'), /without/);
  });

  it('rejects claims forged by a client (made-up payload, reused signature, wrong secret)', () => {
    const real = encodeForwardedClaims(claims({ roles: ['player'], username: 'bob' }), 'internal');
    const forgedPayload = Buffer.from(JSON.stringify(claims())).toString('base64url');
    expectInvalid(() => decodeForwardedClaims({ [CLAIMS_HEADER]: forgedPayload, [CLAIMS_SIG_HEADER]: real[CLAIMS_SIG_HEADER]! }, 'internal'), /signature/);
    expectInvalid(() => decodeForwardedClaims({ [CLAIMS_HEADER]: forgedPayload, [CLAIMS_SIG_HEADER]: 'abc' }, 'internal'), /signature/);
    expectInvalid(() => decodeForwardedClaims(encodeForwardedClaims(claims(), 'guessed'), 'internal'), /signature/);
    // the gateway's valid pair was cached; a forged pair must still fail afterwards
    decodeForwardedClaims(real, 'internal');
    expectInvalid(() => decodeForwardedClaims({ ...real, [CLAIMS_HEADER]: forgedPayload }, 'internal'));
  });

  it('rejects repeated headers (string[])', () => {
    const h = encodeForwardedClaims(claims(), 'internal');
    expectInvalid(() => decodeForwardedClaims({ [CLAIMS_HEADER]: [h[CLAIMS_HEADER]!, 'x'], [CLAIMS_SIG_HEADER]: h[CLAIMS_SIG_HEADER] }, 'internal'));
  });

  it('rejects expired claims even with a valid signature', () => {
    expectInvalid(() => decodeForwardedClaims(encodeForwardedClaims(claims({ exp: Math.floor(Date.now() / 1000) - 1 }), 'internal'), 'internal'), /expired/);
  });

  it('rejects a correctly signed payload with the wrong shape', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'u', roles: 'admin' })).toString('base64url');
    const sig = createHmac('sha256', 'internal').update(payload).digest('base64url');
    expectInvalid(() => decodeForwardedClaims({ [CLAIMS_HEADER]: payload, [CLAIMS_SIG_HEADER]: sig }, 'internal'));
    const notJson = Buffer.from('{nope').toString('base64url');
    const sig2 = createHmac('sha256', 'internal').update(notJson).digest('base64url');
    expectInvalid(() => decodeForwardedClaims({ [CLAIMS_HEADER]: notJson, [CLAIMS_SIG_HEADER]: sig2 }, 'internal'), /JSON/);
  });
});

describe('isAdmin', () => {
  it('is true only for claims holding the admin role', () => {
    expect(isAdmin(null)).toBe(false);
    expect(isAdmin(claims({ roles: ['player'] }))).toBe(false);
    expect(isAdmin(claims())).toBe(true);
  });
});
