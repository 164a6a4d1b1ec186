/**
 * Rate limits and sign-in lockouts on Redis through a real gateway (limits switched on, small budgets, a private
 * Redis prefix): N wrong passwords lock the account (the right password is refused until the window ends), the
 * address lockout, the registration budget, request budgets per caller with 429 + Retry-After, and the separate
 * budget of costly mutations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '@sw/auth';
import { AUTH_JWT_SECRET, newAccount, startAuthHarness, type AuthHarness } from '../__fixtures__/auth-harness.ts';

let h: AuthHarness;
const WINDOW_S = 3;

beforeAll(async () => {
  h = await startAuthHarness({
    rateLimits: {
      enabled: true,
      loginFailsPerAccount: 3,
      loginAccountWindowSeconds: WINDOW_S,
      loginFailsPerAddress: 1000,
      loginAddressWindowSeconds: 60,
      registrationsPerAddressPerHour: 1000,
      anonymousPerMinute: 1000,
      signedInPerMinute: 1000,
      adminPerMinute: 1000,
    },
  });
});
afterAll(async () => {
  await h?.stop();
});

const code = (r: { body: { error?: { code?: string } } }) => r.body?.error?.code;

describe('sign-in brute-force protection', () => {
  it('locks an account after N wrong passwords; the right password is refused until the window ends', async () => {
    const account = newAccount('bruteforced');
    expect((await h.call('/register', account)).status).toBe(201);
    for (let i = 0; i < 3; i++) {
      expect(code(await h.call('/login', { login: 'bruteforced', password: `guess number ${i} of many` }))).toBe('ERR_INVALID_CREDENTIALS');
    }
    const lockedAt = Date.now();
    const locked = await h.call('/login', { login: 'bruteforced', password: account.password });
    expect(locked.status).toBe(429);
    expect(code(locked)).toBe('ERR_RATE_LIMITED');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_S);
    // The lock is on the account, not on the spelling: another case and the account's e-mail are locked too.
    expect((await h.call('/login', { login: 'BruteForced', password: account.password })).status).toBe(429);
    expect((await h.call('/login', { login: 'BRUTEFORCED@example.org', password: account.password })).status).toBe(429);

    // Once the window has passed, the right password works again (wait for the condition, bounded).
    let after = locked;
    while (after.status === 429 && Date.now() - lockedAt < (WINDOW_S + 5) * 1000) {
      await new Promise((r) => setTimeout(r, 250));
      after = await h.call('/login', { login: 'bruteforced', password: account.password });
    }
    expect(after.status).toBe(200);
    expect(Date.now() - lockedAt).toBeGreaterThanOrEqual((retryAfter - 1) * 1000);
  });

  it('a successful sign-in clears the consecutive failures of the account', async () => {
    const account = newAccount('forgetful');
    await h.call('/register', account);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) await h.call('/login', { login: 'forgetful', password: 'wrong but long password' });
      expect((await h.call('/login', { login: 'forgetful', password: account.password })).status).toBe(200);
    }
  });

  it('locks an address that fails on many accounts, whatever account it tries next', async () => {
    const g = await h.anotherGateway({ rateLimits: { enabled: true, loginFailsPerAddress: 4, loginAddressWindowSeconds: 60, keyPrefix: `${h.prefix}addr:` } });
    const post = (body: unknown) =>
      fetch(`${g.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (let i = 0; i < 4; i++) expect((await post({ login: `victim${i}`, password: 'wrong but long password' })).status).toBe(401);
    const res = await post({ login: 'someone-else', password: 'wrong but long password' });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ERR_RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits sign-ups per address', async () => {
    const g = await h.anotherGateway({ rateLimits: { enabled: true, registrationsPerAddressPerHour: 2, keyPrefix: `${h.prefix}reg:` } });
    const post = (name: string) =>
      fetch(`${g.url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(newAccount(name)) });
    expect((await post('signup-a')).status).toBe(201);
    expect((await post('signup-b')).status).toBe(201);
    const third = await post('signup-c');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('request rate limits', () => {
  it('anonymous, signed-in and admin callers each have their own budget; over budget is 429 ERR_RATE_LIMITED with Retry-After', async () => {
    const g = await h.anotherGateway({
      rateLimits: { enabled: true, anonymousPerMinute: 3, signedInPerMinute: 5, adminPerMinute: 4, keyPrefix: `${h.prefix}req:` },
    });
    const ask = (token?: string) =>
      fetch(`${g.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: '{ whoami { username } }' }),
      });
    const statuses = async (n: number, token?: string) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await ask(token)).status);
      return out;
    };
    const player = await signAccessToken({ sub: 'u-limited', username: 'limited', playerId: null, roles: ['player'], scopes: [] }, { secret: AUTH_JWT_SECRET });
    const admin = await signAccessToken({ sub: 'u-admin', username: 'boss', playerId: null, roles: ['player', 'admin'], scopes: [] }, { secret: AUTH_JWT_SECRET });
    expect(await statuses(4)).toEqual([200, 200, 200, 429]);
    expect(await statuses(6, player)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await statuses(5, admin)).toEqual([200, 200, 200, 200, 429]);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('ERR_RATE_LIMITED');
  });

  it('subscriptions spend the same budget', async () => {
    const g = await h.anotherGateway({ rateLimits: { enabled: true, anonymousPerMinute: 1, keyPrefix: `${h.prefix}ws:` } });
    const { RawWsClient } = await import('../__fixtures__/raw-ws-client.ts');
    const c = await RawWsClient.open(`${g.url.replace('http', 'ws')}/graphql`);
    expect((await c.init()).type).toBe('connection_ack');
    c.subscribe('1', 'subscription { ticks }');
    c.subscribe('2', 'subscription { ticks }');
    const refused = await c.take('2', 1);
    expect(refused[0]).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'ERR_RATE_LIMITED' } }] });
    c.close();
  });
});
