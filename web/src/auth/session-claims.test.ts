import { describe, expect, it } from 'vitest';
import { isAdminUser, isExpiring, sessionUserFromToken } from './session-claims';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (payload: unknown) => `${b64({ alg: 'HS256' })}.${b64(payload)}.sig`;

describe('sessionUserFromToken', () => {
  it('reads sub, username, playerId, roles and exp', () => {
    const user = sessionUserFromToken(token({ sub: 'u1', username: 'alice', playerId: 'p1', roles: ['player'], exp: 2_000_000_000 }));
    expect(user).toEqual({ userId: 'u1', username: 'alice', playerId: 'p1', roles: ['player'], expiresAt: 2_000_000_000_000 });
  });

  it.each([
    ['not a jwt', 'abc'],
    ['payload not json', 'a.b.c'],
    ['no exp', token({ sub: 'u1' })],
    ['no sub', token({ exp: 1 })],
  ])('returns null for %s', (_label, raw) => {
    expect(sessionUserFromToken(raw)).toBeNull();
  });
});

describe('isExpiring', () => {
  const user = { userId: 'u', username: 'u', playerId: null, roles: [], expiresAt: 100_000 };
  it('is true inside the margin and false before it', () => {
    expect(isExpiring(user, 80_000)).toBe(true);
    expect(isExpiring(user, 60_000)).toBe(false);
  });
});

describe('isAdminUser', () => {
  it('needs the admin role', () => {
    expect(isAdminUser(null)).toBe(false);
    expect(isAdminUser({ userId: 'u', username: 'u', playerId: null, roles: ['player', 'admin'], expiresAt: 0 })).toBe(true);
  });
});
