import { describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { canViewTreasury, isRegionOwner } from './permissions.ts';

const OWNER = 'a0000000-0000-4000-8000-000000000001';
const claims = (playerId: string | null, roles: Claims['roles'] = ['player']): Claims => ({
  sub: 'u',
  username: 'x',
  playerId,
  roles,
  scopes: [],
  exp: 0,
});

describe('governance permissions grid', () => {
  it.each([
    ['anonymous', null, false, false],
    ['owner', claims(OWNER), true, true],
    ['other player', claims('b0000000-0000-4000-8000-000000000002'), false, false],
    ['user without a player', claims(null), false, false],
    ['admin', claims('c0000000-0000-4000-8000-000000000003', ['player', 'admin']), false, true],
  ] as const)('%s: owner=%s treasury=%s', (_label, c, owner, treasury) => {
    expect(isRegionOwner(c, { ownerId: OWNER })).toBe(owner);
    expect(canViewTreasury(c, { ownerId: OWNER })).toBe(treasury);
  });

  it('a platform region treasury is admin-only', () => {
    expect(canViewTreasury(claims(null), { ownerId: null })).toBe(false);
    expect(canViewTreasury(claims('x', ['admin']), { ownerId: null })).toBe(true);
  });
});
