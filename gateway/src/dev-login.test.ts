import { describe, expect, it } from 'vitest';
import { verifyAccessToken } from '@sw/auth';
import { devLogin } from './dev-login.ts';
import type { DevLoginUser } from './dev-login.ts';

const secret = 'dev-login-unit-test-secret-0123456789';
const users: Record<string, DevLoginUser> = {
  alice: { id: '11111111-1111-4111-8111-111111111111', username: 'alice', roles: ['player'], playerId: '22222222-2222-4222-8222-222222222222' },
};
const lookup = async (u: string) => users[u] ?? null;

describe('devLogin', () => {
  it('issues a token carrying the seeded identity', async () => {
    const out = await devLogin({ username: ' Alice ' }, { enabled: true, lookup, jwtSecret: secret });
    if (!out.ok) throw new Error(out.message);
    expect(out.user).toEqual(users.alice);
    expect(await verifyAccessToken(out.token, { secret })).toMatchObject({ sub: users.alice!.id, playerId: users.alice!.playerId, roles: ['player'] });
  });

  it('refuses when disabled, before looking at the body', async () => {
    expect(await devLogin({ username: 'alice' }, { enabled: false, lookup, jwtSecret: secret })).toMatchObject({ ok: false, code: 'ERR_DEV_LOGIN_DISABLED' });
  });

  it('maps bad bodies to ERR_BAD_REQUEST and unknown users to ERR_UNKNOWN_USER', async () => {
    for (const body of [null, 'alice', {}, { username: 7 }, { username: 'x' }, { username: 'a'.repeat(60) }]) {
      expect(await devLogin(body, { enabled: true, lookup, jwtSecret: secret })).toMatchObject({ ok: false, code: 'ERR_BAD_REQUEST' });
    }
    expect(await devLogin({ username: 'zed' }, { enabled: true, lookup, jwtSecret: secret })).toMatchObject({ ok: false, code: 'ERR_UNKNOWN_USER' });
  });
});
