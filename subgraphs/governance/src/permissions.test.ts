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

describe('OPERATION_RULES', () => {
  it('has a rule for every Mutation and Subscription field of this subgraph, naming only grid roles', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse, Kind } = await import('graphql');
    const { GRID_ROLES } = await import('@sw/auth');
    const { OPERATION_RULES } = await import('./permissions.ts');
    const doc = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
    const fields: string[] = [];
    for (const def of doc.definitions) {
      if ((def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION) && ['Mutation', 'Subscription'].includes(def.name.value)) {
        for (const f of def.fields ?? []) fields.push(`${def.name.value}.${f.name.value}`);
      }
    }
    expect(fields.length).toBeGreaterThan(15);
    for (const f of fields) expect(OPERATION_RULES[f], f).toBeDefined();
    for (const roles of Object.values(OPERATION_RULES)) for (const r of roles) expect(GRID_ROLES).toContain(r);
  });
  it('terms and member lists follow ownership', async () => {
    const { canViewMembers, canViewTreatyTerms } = await import('./permissions.ts');
    expect(canViewMembers(claims(OWNER), { ownerId: OWNER })).toBe(true);
    expect(canViewMembers(claims('b0000000-0000-4000-8000-000000000002'), { ownerId: OWNER })).toBe(false);
    expect(canViewTreatyTerms(claims(OWNER), [{ ownerId: 'x' }, { ownerId: OWNER }])).toBe(true);
    expect(canViewTreatyTerms(null, [{ ownerId: OWNER }])).toBe(false);
    expect(canViewTreatyTerms(claims('c', ['player', 'admin']), [{ ownerId: OWNER }])).toBe(true);
  });
});
