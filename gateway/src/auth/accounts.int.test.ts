/**
 * Registration, sign-in and sessions through the gateway's /api/v1/auth endpoints against a real hub database:
 * every error code of the endpoints, the starting placement, refresh rotation and reuse detection, sign-out,
 * sign-out everywhere, one session per device, and web (cookie) sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { verifyAccessToken } from '@sw/auth';
import { hub } from '@sw/db';
import { insertUserWithPlayer } from '@sw/testing';
import { createPasswordHasher } from '@sw/accounts';
import { AUTH_JWT_SECRET, TERRAN_STARTING_CREDITS, newAccount, startAuthHarness, type AuthHarness } from '../__fixtures__/auth-harness.ts';

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuthHarness();
});
afterAll(async () => {
  await h?.stop();
});

const code = (r: { body: { error?: { code?: string } } }) => r.body?.error?.code;

describe('POST /api/v1/auth/register', () => {
  it('creates the account, its player in Terran Space at the capital with Terran starting credits, and a session', async () => {
    const r = await h.call('/register', newAccount('Newbie'));
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ username: 'newbie' });
    expect(r.body.placement).toEqual({ regionId: h.terranId, regionName: 'terran-space', sectorNumber: 1, startingCredits: TERRAN_STARTING_CREDITS });
    expect(r.body.inviteNotice).toBeNull();
    expect(r.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const claims = await verifyAccessToken(r.body.accessToken, { secret: AUTH_JWT_SECRET });
    expect(claims).toMatchObject({ sub: r.body.user.id, username: 'newbie', playerId: r.body.user.playerId, roles: ['player'], scopes: [], sid: r.body.sessionId });
    // 15-minute access token
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(14 * 60);
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(15 * 60);
    const [player] = await h.db.db.select().from(hub.players).where(eq(hub.players.id, r.body.user.playerId));
    expect(player).toMatchObject({ name: 'Newbie', credits: TERRAN_STARTING_CREDITS, homeRegionId: h.terranId, currentRegionId: h.terranId, currentSectorNumber: 1 });
    const [user] = await h.db.db.select().from(hub.users).where(eq(hub.users.id, r.body.user.id));
    expect(user).toMatchObject({ username: 'newbie', displayName: 'Newbie', email: 'newbie@example.org', roles: ['player'] });
    const [cred] = await h.db.db.select().from(hub.userCredentials).where(eq(hub.userCredentials.userId, r.body.user.id));
    expect(cred!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('ERR_VALIDATION lists every shape problem and changes nothing', async () => {
    const before = await h.db.db.$count(hub.users);
    const r = await h.call('/register', { username: '?', email: 'nope', password: 'a long enough passphrase' });
    expect(r.status).toBe(400);
    expect(code(r)).toBe('ERR_VALIDATION');
    expect(r.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['username', 'email']);
    expect(await h.db.db.$count(hub.users)).toBe(before);
  });

  it('ERR_WEAK_PASSWORD with every reason', async () => {
    const r = await h.call('/register', newAccount('weakling', { password: 'weakling' }));
    expect(r.status).toBe(400);
    expect(code(r)).toBe('ERR_WEAK_PASSWORD');
    expect(r.body.error.details.issues.map((i: { message: string }) => i.message)).toEqual(['at least 12 characters', 'must not contain your username', 'must not contain your e-mail address']);
  });

  it('ERR_USERNAME_TAKEN and ERR_EMAIL_TAKEN compare case-insensitively', async () => {
    expect((await h.call('/register', newAccount('Twin'))).status).toBe(201);
    const sameName = await h.call('/register', newAccount('TWIN', { email: 'other-twin@example.org' }));
    expect([sameName.status, code(sameName)]).toEqual([409, 'ERR_USERNAME_TAKEN']);
    const sameMail = await h.call('/register', newAccount('twin2', { email: 'TWIN@Example.ORG' }));
    expect([sameMail.status, code(sameMail)]).toEqual([409, 'ERR_EMAIL_TAKEN']);
  });

  it('the unique indexes decide when two sign-ups race for one name', async () => {
    const results = await Promise.all([1, 2, 3].map((i) => h.call('/register', newAccount('racer', { email: `racer${i}@example.org` }))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => code(r) === 'ERR_USERNAME_TAKEN')).toBe(true);
  });

  it('refuses a body that is not JSON', async () => {
    const r = await h.call('/register', 'username=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect([r.status, code(r)]).toEqual([400, 'ERR_BAD_REQUEST']);
  });
});

describe('POST /api/v1/auth/login', () => {
  beforeAll(async () => {
    expect((await h.call('/register', newAccount('pilot'))).status).toBe(201);
  });
  const password = newAccount('pilot').password as string;

  it('signs in by username or e-mail, any case', async () => {
    for (const login of ['pilot', 'PILOT', 'Pilot@Example.org']) {
      const r = await h.call('/login', { login, password });
      expect(r.status).toBe(200);
      expect(r.body.user.username).toBe('pilot');
      expect(r.body.accessToken).toBeTruthy();
    }
  });

  it('gives one answer for an unknown user, a wrong password and a password-less account', async () => {
    await insertUserWithPlayer(h.db.db, { username: 'seeded_demo' });
    const answers = await Promise.all([
      h.call('/login', { login: 'nobody-here', password }),
      h.call('/login', { login: 'pilot', password: 'not the password at all' }),
      h.call('/login', { login: 'seeded_demo', password }),
    ]);
    for (const r of answers) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'ERR_INVALID_CREDENTIALS', message: 'wrong username, e-mail or password' } });
    }
  });

  it('does the same argon2 work for an unknown user as for a wrong password (and about the same time)', async () => {
    // Count verifications on a second gateway whose hasher is wrapped (same parameters).
    const real = createPasswordHasher();
    const calls = { verify: 0, dummy: 0 };
    const g = await h.anotherGateway({
      accounts: {
        hasher: {
          ...real,
          verify: (hash: string, pw: string) => ((calls.verify += 1), real.verify(hash, pw)),
          verifyDummy: (pw: string) => ((calls.dummy += 1), real.verifyDummy(pw)),
        },
      },
    });
    const login = async (body: unknown) => {
      const t0 = performance.now();
      const r = await fetch(`${g.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status).toBe(401);
      return performance.now() - t0;
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so load from other processes falls on both sides alike.
    for (let i = 0; i < 5; i++) {
      wrong.push(await login({ login: 'pilot', password: 'not the password at all' }));
      unknown.push(await login({ login: `nobody-${i}`, password: 'not the password at all' }));
    }
    expect(calls).toEqual({ verify: 5, dummy: 5 });
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[2]!;
    // Without the dummy verification an unknown user answers ~20x faster; with it both pay one argon2id run.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.25);
    expect(median(wrong)).toBeGreaterThan(median(unknown) * 0.25);
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh token works once and yields a new pair of the same session', async () => {
    const reg = await h.call('/register', newAccount('rotor'));
    const first = await h.call('/refresh', { refreshToken: reg.body.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.sessionId).toBe(reg.body.sessionId);
    expect(first.body.refreshToken).not.toBe(reg.body.refreshToken);
    const second = await h.call('/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    expect((await verifyAccessToken(second.body.accessToken, { secret: AUTH_JWT_SECRET })).sid).toBe(reg.body.sessionId);
  });

  it('reuse of a rotated token revokes the whole family (later tokens and access tokens die too)', async () => {
    const reg = await h.call('/register', newAccount('thief'));
    const rotated = await h.call('/refresh', { refreshToken: reg.body.refreshToken });
    expect(rotated.status).toBe(200);
    expect((await h.graphql('{ whoami { username } }', rotated.body.accessToken)).body.data.whoami.username).toBe('thief');

    const replay = await h.call('/refresh', { refreshToken: reg.body.refreshToken });
    expect([replay.status, code(replay)]).toEqual([401, 'ERR_REFRESH_TOKEN_REUSED']);
    const afterReuse = await h.call('/refresh', { refreshToken: rotated.body.refreshToken });
    expect([afterReuse.status, code(afterReuse)]).toEqual([401, 'ERR_INVALID_REFRESH_TOKEN']);
    const gql = await h.graphql('{ whoami { username } }', rotated.body.accessToken);
    expect(gql.status).toBe(401);
    expect(gql.body.errors[0]!.extensions.code).toBe('ERR_SESSION_REVOKED');
    const [session] = await h.db.db.select().from(hub.authSessions).where(eq(hub.authSessions.id, reg.body.sessionId));
    expect(session!.revokedReason).toBe('reuse_detected');
  });

  it('two concurrent refreshes with one token: one wins, the other counts as reuse', async () => {
    const reg = await h.call('/register', newAccount('doubler'));
    const both = await Promise.all([h.call('/refresh', { refreshToken: reg.body.refreshToken }), h.call('/refresh', { refreshToken: reg.body.refreshToken })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    expect(both.map(code).filter(Boolean)).toEqual(['ERR_REFRESH_TOKEN_REUSED']);
  });

  it('ERR_INVALID_REFRESH_TOKEN for unknown, malformed, missing and expired tokens', async () => {
    for (const body of [{ refreshToken: 'A'.repeat(43) }, { refreshToken: 'short' }, {}]) {
      const r = await h.call('/refresh', body);
      expect([r.status, code(r)]).toEqual([401, 'ERR_INVALID_REFRESH_TOKEN']);
    }
    const reg = await h.call('/register', newAccount('expiring'));
    await h.db.sql`UPDATE auth_refresh_tokens SET issued_at = now() - interval '2 days', expires_at = now() - interval '1 second'
                   WHERE session_id = ${reg.body.sessionId}`;
    const r = await h.call('/refresh', { refreshToken: reg.body.refreshToken });
    expect([r.status, code(r)]).toEqual([401, 'ERR_INVALID_REFRESH_TOKEN']);
  });
});

describe('sessions: logout, logout everywhere, one family per device', () => {
  it('logout ends the session (idempotent) and its access token', async () => {
    const reg = await h.call('/register', newAccount('leaver'));
    const out = await h.call('/logout', { refreshToken: reg.body.refreshToken });
    expect(out.body).toEqual({ ended: true, sessionId: reg.body.sessionId });
    expect((await h.call('/logout', { refreshToken: reg.body.refreshToken })).body).toEqual({ ended: false, sessionId: reg.body.sessionId });
    expect(code(await h.call('/refresh', { refreshToken: reg.body.refreshToken }))).toBe('ERR_INVALID_REFRESH_TOKEN');
    expect((await h.graphql('{ whoami { username } }', reg.body.accessToken)).body.errors[0]!.extensions.code).toBe('ERR_SESSION_REVOKED');
  });

  it('logout with only an access token ends that session', async () => {
    const reg = await h.call('/register', newAccount('bearerout'));
    const out = await h.call('/logout', {}, { authorization: `Bearer ${reg.body.accessToken}` });
    expect(out.body).toEqual({ ended: true, sessionId: reg.body.sessionId });
    const anon = await h.call('/logout', {});
    expect([anon.status, code(anon)]).toEqual([401, 'ERR_UNAUTHENTICATED']);
  });

  it('logout-all ends every device of the user and nobody else', async () => {
    const reg = await h.call('/register', newAccount('everywhere'));
    const password = newAccount('everywhere').password;
    const laptop = await h.call('/login', { login: 'everywhere', password, deviceId: 'laptop-0001' });
    const phone = await h.call('/login', { login: 'everywhere', password, deviceId: 'phone-00001' });
    const bystander = await h.call('/register', newAccount('bystander'));
    const listed = await h.call('/sessions', undefined, { authorization: `Bearer ${laptop.body.accessToken}` }, 'GET');
    expect(listed.body.sessions).toHaveLength(3);
    expect(listed.body.sessions.filter((s: { current: boolean }) => s.current).map((s: { deviceId: string }) => s.deviceId)).toEqual(['laptop-0001']);

    const all = await h.call('/logout-all', {}, { authorization: `Bearer ${phone.body.accessToken}` });
    expect(all.body).toEqual({ ended: 3 });
    for (const t of [reg.body.refreshToken, laptop.body.refreshToken, phone.body.refreshToken]) {
      expect(code(await h.call('/refresh', { refreshToken: t }))).toBe('ERR_INVALID_REFRESH_TOKEN');
    }
    expect((await h.call('/refresh', { refreshToken: bystander.body.refreshToken })).status).toBe(200);
  });

  it('signing in again on the same device replaces that device session', async () => {
    await h.call('/register', newAccount('onedevice'));
    const password = newAccount('onedevice').password;
    const a = await h.call('/login', { login: 'onedevice', password, deviceId: 'tablet-0001' });
    const b = await h.call('/login', { login: 'onedevice', password, deviceId: 'tablet-0001' });
    expect(b.body.sessionId).not.toBe(a.body.sessionId);
    expect(code(await h.call('/refresh', { refreshToken: a.body.refreshToken }))).toBe('ERR_INVALID_REFRESH_TOKEN');
    expect((await h.call('/refresh', { refreshToken: b.body.refreshToken })).status).toBe(200);
  });

  it('another gateway refuses an ended session at once (revocation travels over Redis)', async () => {
    const other = await h.anotherGateway();
    const reg = await h.call('/register', newAccount('roamer'));
    const ask = async () => {
      const r = await fetch(`${other.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reg.body.accessToken}` },
        body: JSON.stringify({ query: '{ whoami { username } }' }),
      });
      return (await r.json()) as { data?: { whoami: { username: string } }; errors?: { extensions: { code: string } }[] };
    };
    expect((await ask()).data?.whoami.username).toBe('roamer');
    await h.call('/logout', { refreshToken: reg.body.refreshToken });
    const deadline = Date.now() + 10_000;
    let last = await ask();
    while (last.errors?.[0]?.extensions.code !== 'ERR_SESSION_REVOKED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      last = await ask();
    }
    expect(last.errors?.[0]?.extensions.code).toBe('ERR_SESSION_REVOKED');
  });
});

describe('web sessions (cookie mode)', () => {
  it('keeps the refresh token in an httpOnly SameSite=Strict cookie, never in a body', async () => {
    const reg = await h.call('/register', newAccount('browser', { useCookie: true }));
    expect(reg.status).toBe(201);
    expect(reg.body.refreshToken).toBeUndefined();
    const cookies = ([] as string[]).concat(reg.headers['set-cookie'] ?? []);
    const refresh = cookies.find((c) => c.startsWith('sw_refresh='))!;
    expect(refresh).toMatch(/HttpOnly/);
    expect(refresh).toMatch(/SameSite=Strict/);
    expect(refresh).toMatch(/Path=\/api\/v1\/auth/);
    expect(cookies.some((c) => c.startsWith('sw_device='))).toBe(true);
    const jar = refresh.split(';')[0]!;

    const rotated = await h.call('/refresh', {}, { cookie: jar });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).toBeUndefined();
    const next = ([] as string[]).concat(rotated.headers['set-cookie'] ?? []).find((c) => c.startsWith('sw_refresh='))!;
    expect(next.split(';')[0]).not.toBe(jar);
    // the old cookie value is a rotated token now: reuse
    expect(code(await h.call('/refresh', {}, { cookie: jar }))).toBe('ERR_REFRESH_TOKEN_REUSED');
  });
});
