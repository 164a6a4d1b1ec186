import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { DEV_JWT_SECRET } from '@sw/config';
import { signAccessToken, verifyAccessToken, TOKEN_ISSUER } from './access-token.ts';

const identity = { sub: 'u-1', username: 'alice', playerId: 'p-1', roles: ['player' as const], scopes: ['regions:write'] };

async function expectInvalid(p: Promise<unknown>, message?: RegExp) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toMatchObject({ name: 'DomainError', code: 'ERR_INVALID_TOKEN' });
  if (message) expect((err as Error).message).toMatch(message);
}

describe('signAccessToken / verifyAccessToken', () => {
  it('round-trips the claims with an exp ttlSeconds in the future', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await signAccessToken(identity, { secret: 's1-0123456789', ttlSeconds: 120 });
    const claims = await verifyAccessToken(token, { secret: 's1-0123456789' });
    expect(claims).toEqual({ ...identity, exp: claims.exp });
    expect(claims.exp).toBeGreaterThanOrEqual(before + 120);
    expect(claims.exp).toBeLessThanOrEqual(before + 121);
    expect(Object.isFrozen(claims)).toBe(true);
  });

  it('uses JWT_SECRET / the dev default when no secret is given', async () => {
    const token = await signAccessToken(identity);
    expect((await verifyAccessToken(token, { secret: process.env.JWT_SECRET || DEV_JWT_SECRET })).username).toBe('alice');
  });

  it('returns the cached claims object for a repeated token', async () => {
    const token = await signAccessToken(identity, { secret: 'cache-secret' });
    const a = await verifyAccessToken(token, { secret: 'cache-secret' });
    const b = await verifyAccessToken(token, { secret: 'cache-secret' });
    expect(b).toBe(a);
  });

  it('rejects a tampered payload', async () => {
    const token = await signAccessToken(identity, { secret: 'k' });
    const [h, p, s] = token.split('.');
    const body = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    body.roles = ['player', 'admin'];
    const tampered = `${h}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${s}`;
    await expectInvalid(verifyAccessToken(tampered, { secret: 'k' }), /signature/);
  });

  it('rejects a token signed with another secret (even after the right one was cached)', async () => {
    const token = await signAccessToken(identity, { secret: 'right' });
    await verifyAccessToken(token, { secret: 'right' });
    await expectInvalid(verifyAccessToken(token, { secret: 'wrong' }), /signature/);
  });

  it('rejects an expired token', async () => {
    const token = await signAccessToken(identity, { secret: 'k', ttlSeconds: -10 });
    await expectInvalid(verifyAccessToken(token, { secret: 'k' }), /expired/);
  });

  it('rejects garbage, alg=none and unknown roles', async () => {
    await expectInvalid(verifyAccessToken('not.a.jwt', { secret: 'k' }));
    await expectInvalid(verifyAccessToken('', { secret: 'k' }));
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...identity, iss: TOKEN_ISSUER, exp: 9e9 })).toString('base64url')}.`;
    await expectInvalid(verifyAccessToken(none, { secret: 'k' }));
    const key = new TextEncoder().encode('k');
    const badRole = await new SignJWT({ username: 'x', playerId: null, roles: ['god'], scopes: [] })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer(TOKEN_ISSUER).setExpirationTime('1h').sign(key);
    await expectInvalid(verifyAccessToken(badRole, { secret: 'k' }), /roles/);
    const otherIssuer = await new SignJWT({ username: 'x', playerId: null, roles: [], scopes: [] })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer('evil').setExpirationTime('1h').sign(key);
    await expectInvalid(verifyAccessToken(otherIssuer, { secret: 'k' }));
  });
});

describe('session-bound access tokens', () => {
  it('carry the session id (sid) through signing, verification and forwarding', async () => {
    const { encodeForwardedClaims, decodeForwardedClaims } = await import('./forwarded-claims.ts');
    const token = await signAccessToken({ ...identity, sid: 'session-1' }, { secret: 'sid-secret-0123456789', ttlSeconds: 900 });
    const claims = await verifyAccessToken(token, { secret: 'sid-secret-0123456789' });
    expect(claims.sid).toBe('session-1');
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(900);
    expect(decodeForwardedClaims(encodeForwardedClaims(claims, 'internal-x'), 'internal-x')?.sid).toBe('session-1');
  });

  it('tokens without a session have no sid; a malformed sid is refused', async () => {
    const plain = await verifyAccessToken(await signAccessToken(identity, { secret: 'k2' }), { secret: 'k2' });
    expect('sid' in plain).toBe(false);
    const key = new TextEncoder().encode('k3');
    const bad = await new SignJWT({ username: 'x', playerId: null, roles: [], scopes: [], sid: 42 })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer(TOKEN_ISSUER).setExpirationTime('1h').sign(key);
    await expectInvalid(verifyAccessToken(bad, { secret: 'k3' }), /sid/);
  });
});

describe('hasScope', () => {
  it('is true only for admins holding the scope', async () => {
    const { hasScope } = await import('./claims.ts');
    const base = { ...identity, exp: 9e9 };
    expect(hasScope(null, 'galaxy:manage')).toBe(false);
    expect(hasScope({ ...base, roles: ['player'], scopes: ['galaxy:manage'] }, 'galaxy:manage')).toBe(false);
    expect(hasScope({ ...base, roles: ['player', 'admin'], scopes: ['fleet:manage'] }, 'galaxy:manage')).toBe(false);
    expect(hasScope({ ...base, roles: ['player', 'admin'], scopes: ['galaxy:manage'] }, 'galaxy:manage')).toBe(true);
  });
});
