import { describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { GOVERNANCE_TYPES, SETTING_GROUPS, type RegionActor } from '@sw/domain';
import {
  OPERATION_RULES,
  canDecideEntry,
  canManageRegion,
  canViewJourney,
  canViewPlayerPrivate,
  canViewRegionStats,
  canViewSelf,
  canWatchTravelFeed,
  isRegionOwner,
  regionActorOf,
  settingChangeFor,
} from './permissions.ts';

const OWNER = 'a0000000-0000-4000-8000-000000000001';
const GOVERNOR = 'd0000000-0000-4000-8000-000000000004';
const claims = (playerId: string | null, roles: Claims['roles'] = ['player']): Claims => ({ sub: 'u', username: 'x', playerId, roles, scopes: [], exp: 0 });

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

/** The roles of the grid as RegionActors in a region owned by OWNER with GOVERNOR in office. */
const region = { ownerId: OWNER, governorId: GOVERNOR };
const role = {
  stranger: regionActorOf(claims('e0000000-0000-4000-8000-000000000005'), region, { isCouncillor: false, isVotingMember: false }),
  citizen: regionActorOf(claims('e0000000-0000-4000-8000-000000000006'), region, { isCouncillor: false, isVotingMember: true }),
  councillor: regionActorOf(claims('e0000000-0000-4000-8000-000000000007'), region, { isCouncillor: true, isVotingMember: true }),
  governor: regionActorOf(claims(GOVERNOR), region, { isCouncillor: false, isVotingMember: true }),
  owner: regionActorOf(claims(OWNER), region, { isCouncillor: false, isVotingMember: false }),
  admin: regionActorOf(claims('c0000000-0000-4000-8000-000000000003', ['player', 'admin']), region, { isCouncillor: false, isVotingMember: false }),
} satisfies Record<string, RegionActor>;

/** Expected route per governance type × group × role: d = direct (decree/owner/admin), p = needs a policy, x = denied. */
const EXPECTED: Record<string, Record<string, Record<keyof typeof role, 'd' | 'p' | 'x'>>> = {
  autocracy: {
    economy: { stranger: 'x', citizen: 'p', councillor: 'p', governor: 'd', owner: 'd', admin: 'd' },
    governance: { stranger: 'x', citizen: 'p', councillor: 'p', governor: 'd', owner: 'd', admin: 'd' },
    immigration: { stranger: 'x', citizen: 'p', councillor: 'p', governor: 'd', owner: 'd', admin: 'd' },
    culture: { stranger: 'x', citizen: 'x', councillor: 'x', governor: 'd', owner: 'd', admin: 'd' },
  },
  democracy: {
    economy: { stranger: 'x', citizen: 'p', councillor: 'p', governor: 'p', owner: 'p', admin: 'd' },
    governance: { stranger: 'x', citizen: 'p', councillor: 'p', governor: 'p', owner: 'p', admin: 'd' },
    immigration: { stranger: 'x', citizen: 'p', councillor: 'p', governor: 'p', owner: 'p', admin: 'd' },
    culture: { stranger: 'x', citizen: 'x', councillor: 'x', governor: 'x', owner: 'd', admin: 'd' },
  },
  council: {
    economy: { stranger: 'x', citizen: 'x', councillor: 'p', governor: 'p', owner: 'p', admin: 'd' },
    governance: { stranger: 'x', citizen: 'x', councillor: 'p', governor: 'p', owner: 'p', admin: 'd' },
    immigration: { stranger: 'x', citizen: 'x', councillor: 'p', governor: 'p', owner: 'p', admin: 'd' },
    culture: { stranger: 'x', citizen: 'x', councillor: 'x', governor: 'x', owner: 'd', admin: 'd' },
  },
};
const short = { direct: 'd', policy: 'p', denied: 'x' } as const;

describe('who may change which settings, per governance type (the decision table, as the config mutations ask it)', () => {
  const cases = GOVERNANCE_TYPES.flatMap((type) => SETTING_GROUPS.flatMap((group) => (Object.keys(role) as (keyof typeof role)[]).map((r) => [type, group, r] as const)));
  it.each(cases)('%s / %s / %s', (type, group, r) => {
    expect(short[settingChangeFor(type, group, role[r]).route]).toBe(EXPECTED[type]![group]![r]);
  });

  it('records a decree under autocracy, an owner edit for culture elsewhere, an admin change by id', () => {
    expect(settingChangeFor('autocracy', 'economy', role.owner)).toEqual({ route: 'direct', via: 'decree' });
    expect(settingChangeFor('democracy', 'culture', role.owner)).toEqual({ route: 'direct', via: 'owner' });
    expect(settingChangeFor('council', 'economy', role.admin)).toEqual({ route: 'direct', via: 'admin' });
  });
});

describe('travel and stats predicates', () => {
  it.each([
    ['stranger', false, false, false, true],
    ['citizen', false, false, true, true],
    ['councillor', true, false, true, true],
    ['governor', true, true, true, true],
    ['owner', true, true, true, true],
    ['admin', true, true, true, true],
  ] as const)('%s: stats=%s decideEntry=%s watchFeed(member)=%s watchFeed(visitor)=%s', (r, stats, decide, feedMember, feedVisitor) => {
    expect(canViewRegionStats(role[r])).toBe(stats);
    expect(canDecideEntry(role[r])).toBe(decide);
    expect(canWatchTravelFeed(role[r], r === 'citizen' || r === 'councillor' ? 'citizen' : null)).toBe(feedMember || r !== 'stranger');
    expect(canWatchTravelFeed(role[r], 'visitor')).toBe(feedVisitor);
  });

  it('a stranger without membership may not watch a feed', () => {
    expect(canWatchTravelFeed(role.stranger, null)).toBe(false);
  });

  it('a journey is visible to its traveller and the officers of either end', () => {
    const traveller = 'f0000000-0000-4000-8000-000000000009';
    const ends = { origin: role.stranger, destination: role.stranger };
    expect(canViewJourney(claims(traveller), traveller, ends)).toBe(true);
    expect(canViewJourney(claims('f0000000-0000-4000-8000-00000000000a'), traveller, ends)).toBe(false);
    expect(canViewJourney(claims(OWNER), traveller, { origin: role.stranger, destination: role.owner })).toBe(true);
    expect(canViewJourney(null, traveller, ends)).toBe(false);
  });
});

describe('OPERATION_RULES', () => {
  it('has a rule for every Mutation and Subscription field of the Region subgraph', async () => {
    const { readFileSync } = await import('node:fs');
    const sdl = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    const fieldsOf = (type: string) => {
      const body = new RegExp(`type ${type} \\{([\\s\\S]*?)\\n\\}`).exec(sdl)?.[1] ?? '';
      return [...body.matchAll(/^ {2}(\w+)[(:]/gm)].map((m) => `${type}.${m[1]}`);
    };
    const fields = [...fieldsOf('Mutation'), ...fieldsOf('Subscription')];
    expect(fields.length).toBeGreaterThan(5);
    for (const f of fields) expect(OPERATION_RULES[f], f).toBeDefined();
  });
});
