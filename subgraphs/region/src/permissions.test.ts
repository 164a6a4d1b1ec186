import { describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { canManageRegion, canViewPlayerPrivate, canViewSelf, isRegionOwner } from './permissions.ts';

const OWNER = 'a0000000-0000-4000-8000-000000000001';
const claims = (playerId: string | null, roles: Claims['roles'] = ['player']): Claims => ({
  sub: 'u',
  username: 'x',
  playerId,
  roles,
  scopes: [],
  exp: 0,
});

const actors = {
  anonymous: null,
  owner: claims(OWNER),
  otherPlayer: claims('b0000000-0000-4000-8000-000000000002'),
  playerless: claims(null),
  admin: claims('c0000000-0000-4000-8000-000000000003', ['player', 'admin']),
} as const;

describe('region permissions grid', () => {
  const owned = { ownerId: OWNER };
  const platform = { ownerId: null };
  it.each([
    ['anonymous', false, false, false],
    ['owner', true, true, true],
    ['otherPlayer', false, false, true],
    ['playerless', false, false, true],
    ['admin', false, true, true],
  ] as const)('%s: owner=%s manage=%s self=%s', (actor, owner, manage, self) => {
    const c = actors[actor];
    expect(isRegionOwner(c, owned)).toBe(owner);
    expect(canManageRegion(c, owned)).toBe(manage);
    expect(canViewSelf(c)).toBe(self);
  });

  it('nobody owns a platform region; only admins manage it', () => {
    expect(isRegionOwner(actors.playerless, platform)).toBe(false);
    expect(isRegionOwner(actors.owner, platform)).toBe(false);
    expect(canManageRegion(actors.owner, platform)).toBe(false);
    expect(canManageRegion(actors.admin, platform)).toBe(true);
  });

  it.each([
    ['anonymous', false],
    ['owner', true],
    ['otherPlayer', false],
    ['playerless', false],
    ['admin', true],
  ] as const)('%s: sees the private fields of player OWNER = %s', (actor, allowed) => {
    expect(canViewPlayerPrivate(actors[actor], { id: OWNER })).toBe(allowed);
  });
});
