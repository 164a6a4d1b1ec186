import { describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { checkPermission, type RuntimeAction } from './permissions.ts';

const claims = (playerId: string | null, roles: Claims['roles'], scopes: string[] = []): Claims => ({ sub: 'u', username: 'x', playerId, roles, scopes, exp: 9e9 });
const admin = claims('p-admin', ['player', 'admin'], ['fleet:manage']);
/** An admin without the fleet:manage scope is treated like any player. */
const unscopedAdmin = claims('p-admin', ['player', 'admin'], ['galaxy:manage']);
const owner = claims('p-owner', ['player']);
const stranger = claims('p-other', ['player']);
const noPlayer = claims(null, ['player']);
const region = { ownerId: 'p-owner' };

const ACTIONS: RuntimeAction[] = ['provision', 'view', 'scale', 'terminate', 'terminate_immediately', 'cancel_termination', 'fleet'];
const OWNER_MAY = new Set<RuntimeAction>(['view', 'scale', 'terminate', 'cancel_termination']);

describe('checkPermission (role × action grid)', () => {
  it.each(ACTIONS)('%s', (action) => {
    expect(checkPermission(null, action, region)).toEqual({ kind: 'unauthenticated' });
    expect(checkPermission(admin, action, region)).toBeNull();
    if (OWNER_MAY.has(action)) {
      expect(checkPermission(unscopedAdmin, action, region)).toEqual({ kind: 'not_owner' });
      expect(checkPermission(owner, action, region)).toBeNull();
      expect(checkPermission(stranger, action, region)).toEqual({ kind: 'not_owner' });
      expect(checkPermission(noPlayer, action, { ownerId: null })).toEqual({ kind: 'not_owner' });
    } else {
      expect(checkPermission(unscopedAdmin, action, region)).toEqual({ kind: 'admin_required' });
      expect(checkPermission(owner, action, region)).toEqual({ kind: 'admin_required' });
      expect(checkPermission(stranger, action, region)).toEqual({ kind: 'admin_required' });
    }
  });
});
