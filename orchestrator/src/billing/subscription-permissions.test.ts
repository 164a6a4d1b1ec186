import { describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { ADMIN_SCOPES } from '@sw/domain';
import { canCancelSubscription, canViewFleetBilling, canViewSubscription } from './subscription-permissions.ts';

const claims = (playerId: string | null, roles: Claims['roles'], scopes: string[] = []): Claims => ({ sub: 'u', username: 'x', playerId, roles, scopes, exp: 9e9 });
const sub = { playerId: 'p-subscriber' };

/** Every caller, and what both predicates answer for the subscription of `p-subscriber`. */
const CASES: [string, Claims | null, boolean][] = [
  ['anonymous', null, false],
  ['the subscriber', claims('p-subscriber', ['player']), true],
  ['another player', claims('p-other', ['player']), false],
  ['an account without a player', claims(null, ['player']), false],
  ['an admin with billing:view', claims('p-admin', ['player', 'admin'], ['billing:view']), true],
  ['an admin with every scope but billing:view', claims('p-admin', ['player', 'admin'], ADMIN_SCOPES.filter((s) => s !== 'billing:view')), false],
  ['an admin without scopes', claims('p-admin', ['player', 'admin']), false],
  ['an admin without the scope, on their own subscription', claims('p-subscriber', ['player', 'admin']), true],
  ['a player token carrying the scope without the admin role', claims('p-other', ['player'], ['billing:view']), false],
];

describe('subscription permissions', () => {
  it.each(CASES)('%s', (_who, actor, expected) => {
    expect(canViewSubscription(actor, sub)).toBe(expected);
    expect(canCancelSubscription(actor, sub)).toBe(expected);
  });
});

describe('fleet billing', () => {
  it('needs an admin with billing:view; fleet:manage alone is not enough', () => {
    expect(canViewFleetBilling(claims('p', ['player', 'admin'], ['billing:view']))).toBe(true);
    expect(canViewFleetBilling(claims('p', ['player', 'admin'], ['fleet:manage']))).toBe(false);
    expect(canViewFleetBilling(claims('p', ['player'], ['billing:view']))).toBe(false);
    expect(canViewFleetBilling(null)).toBe(false);
  });
});
