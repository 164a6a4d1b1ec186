import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { regionServerAuthHeaders } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import { dataOf, errorCodes, postGraphql, testClaims, type EntitiesData } from '@sw/testing';
import { startRegionSubgraph, type RunningSubgraph } from './start-region-subgraph.ts';

const ids = {
  userAlice: 'a0000000-0000-4000-8000-00000000000a',
  userBob: 'a0000000-0000-4000-8000-00000000000b',
  userCarol: 'a0000000-0000-4000-8000-00000000000c',
  alice: 'b0000000-0000-4000-8000-00000000000a',
  bob: 'b0000000-0000-4000-8000-00000000000b',
  carol: 'b0000000-0000-4000-8000-00000000000c',
  nexus: 'c0000000-0000-4000-8000-000000000001',
  terran: 'c0000000-0000-4000-8000-000000000002',
  alpha: 'c0000000-0000-4000-8000-000000000003',
  beta: 'c0000000-0000-4000-8000-000000000004',
  gamma: 'c0000000-0000-4000-8000-000000000005',
  unknown: 'c0000000-0000-4000-8000-0000000000ff',
};

const worldStats = { sectors: 500, clusters: 12, ports: 41, planets: 77, warps: 1310, playersOnline: 2 };

let tdb: TestDatabase<HubDb>;
let service: RunningSubgraph;
let worldServer: http.Server;
let worldUrl: string;
let slowServer: http.Server;
let slowUrl: string;

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

function close(server: http.Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

async function seed(db: HubDb): Promise<void> {
  await db.insert(hub.users).values([
    { id: ids.userAlice, username: 'alice', displayName: 'Alice', roles: ['player'] },
    { id: ids.userBob, username: 'bob', displayName: 'Bob', roles: ['player', 'admin'] },
    { id: ids.userCarol, username: 'carol', displayName: 'Carol', roles: ['player'] },
  ]);
  await db.insert(hub.players).values([
    { id: ids.alice, userId: ids.userAlice, name: 'Alice', credits: 12_345 },
    { id: ids.bob, userId: ids.userBob, name: 'Bob', isGalacticCitizen: true },
    { id: ids.carol, userId: ids.userCarol, name: 'Carol' },
  ]);
  const t = (minutes: number) => new Date(Date.UTC(2102, 0, 1, 0, minutes));
  await db.insert(hub.regions).values([
    { id: ids.nexus, name: 'central-nexus', displayName: 'Central Nexus', regionType: 'central_nexus', status: 'active', totalSectors: 5000, createdAt: t(0) },
    { id: ids.terran, name: 'terran-space', displayName: 'Terran Space', regionType: 'terran_space', status: 'active', totalSectors: 300, createdAt: t(1) },
    {
      id: ids.alpha,
      name: 'alpha',
      displayName: 'Alpha Reach',
      ownerId: ids.alice,
      governorId: ids.bob,
      status: 'active',
      sizeTier: 'premium',
      totalSectors: 1000,
      governanceType: 'democracy',
      votingThreshold: 0.6,
      governanceQuorumPct: 0.4,
      taxRate: 0.125,
      tradeBonuses: { ore: 1.5 },
      treasuryBalance: 4200,
      totalTradeVolume: '987.65',
      aestheticTheme: { palette: 'amber' },
      createdAt: t(2),
    },
    { id: ids.beta, name: 'beta', displayName: 'Beta', ownerId: ids.alice, status: 'suspended', totalSectors: 500, createdAt: t(3) },
    { id: ids.gamma, name: 'gamma', displayName: 'Gamma', ownerId: ids.carol, status: 'pending', totalSectors: 100, createdAt: t(4) },
  ]);
  await db.insert(hub.regionalMemberships).values([
    { playerId: ids.alice, regionId: ids.alpha, membershipType: 'citizen', reputationScore: 50, votingPower: 1.5 },
    { playerId: ids.bob, regionId: ids.alpha, membershipType: 'citizen' },
    { playerId: ids.carol, regionId: ids.alpha, membershipType: 'visitor' },
    { playerId: ids.bob, regionId: ids.beta, membershipType: 'resident' },
    { playerId: ids.alice, regionId: ids.terran, membershipType: 'citizen' },
  ]);
  await db.update(hub.players).set({ homeRegionId: ids.terran, currentRegionId: ids.alpha });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db);
  worldServer = http.createServer((req, res) => {
    // Like a real region-server: the world answers only with this region's service token.
    if (req.url === '/world/stats' && req.headers.authorization === regionServerAuthHeaders(ids.alpha).authorization) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(worldStats));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  worldUrl = await listen(worldServer);
  slowServer = http.createServer((_req, res) => {
    const timer = setTimeout(() => res.end(JSON.stringify(worldStats)), 3000);
    res.on('close', () => clearTimeout(timer));
  });
  slowUrl = await listen(slowServer);
  service = await startRegionSubgraph({ port: 0, databaseUrl: tdb.url, worldStatsTimeoutMs: 300 });
});

afterAll(async () => {
  await service?.stop();
  slowServer?.closeAllConnections();
  await Promise.all([close(worldServer), close(slowServer)]);
  await tdb?.drop();
});

const q = <T = unknown>(query: string, variables?: Record<string, unknown>, claims?: ReturnType<typeof testClaims> | null) =>
  postGraphql<T>(service.url, query, variables, claims ?? null);

/** `regions` selections this file reads by field. */
interface RegionsData { regions: Array<{ id: string; name: string; counts: unknown }> }
/** `region(id)` selections this file reads by field. */
interface RegionData { region: { viewerIsOwner: boolean; world: unknown } }

/** `q` with a declared result shape, for assertions without `any`. */
const typed = <T>(query: string, variables?: Record<string, unknown>, claims?: ReturnType<typeof testClaims> | null) =>
  postGraphql<T>(service.url, query, variables, claims ?? null);

const alice = () => testClaims(ids.userAlice, 'alice', ids.alice);
const bobAdmin = () => testClaims(ids.userBob, 'bob', ids.bob, true);

describe('regions list', () => {
  it('returns every region newest first with enums upper-cased and numerics as numbers', async () => {
    const res = await q<RegionsData>(`{ regions { id name status regionType sizeTier totalSectors
      governance { governanceType votingThreshold governanceQuorumPct electionFrequencyDays }
      economy { taxRate treasuryBalance totalTradeVolume tradeBonuses startingCredits startingShip }
      culture { aestheticTheme } createdAt } }`);
    expect(res.errors).toBeUndefined();
    const regions = dataOf(res).regions;
    expect(regions.map((r) => r.name)).toEqual(['gamma', 'beta', 'alpha', 'terran-space', 'central-nexus']);
    const alpha = regions.find((r) => r.id === ids.alpha);
    expect(alpha).toMatchObject({
      status: 'ACTIVE',
      regionType: 'PLAYER_OWNED',
      sizeTier: 'PREMIUM',
      totalSectors: 1000,
      governance: { governanceType: 'DEMOCRACY', votingThreshold: 0.6, governanceQuorumPct: 0.4, electionFrequencyDays: 90 },
      economy: { taxRate: 0.125, treasuryBalance: 4200, totalTradeVolume: 987.65, tradeBonuses: { ore: 1.5 }, startingCredits: 1000, startingShip: 'scout' },
      culture: { aestheticTheme: { palette: 'amber' } },
      createdAt: '2102-01-01T00:02:00.000Z',
    });
  });

  it('filters by type, status and owner', async () => {
    const byType = await q<RegionsData>(`{ regions(filter: { regionType: PLAYER_OWNED }) { name } }`);
    expect(dataOf(byType).regions.map((r) => r.name)).toEqual(['gamma', 'beta', 'alpha']);
    const byStatus = await q<RegionsData>(`{ regions(filter: { status: SUSPENDED }) { name } }`);
    expect(dataOf(byStatus).regions.map((r) => r.name)).toEqual(['beta']);
    const byOwner = await q<RegionsData>(`query($o: ID) { regions(filter: { ownerId: $o, status: ACTIVE }) { name } }`, { o: ids.alice });
    expect(dataOf(byOwner).regions.map((r) => r.name)).toEqual(['alpha']);
  });

  it('pages with first and offset', async () => {
    const page = await q<RegionsData>(`{ regions(first: 2, offset: 1) { name } }`);
    expect(dataOf(page).regions.map((r) => r.name)).toEqual(['beta', 'alpha']);
    const past = await q<RegionsData>(`{ regions(first: 2, offset: 50) { name } }`);
    expect(dataOf(past).regions).toEqual([]);
  });

  it.each([
    ['first: 0', '{ regions(first: 0) { id } }'],
    ['first: 201', '{ regions(first: 201) { id } }'],
    ['offset: -1', '{ regions(offset: -1) { id } }'],
    ['a malformed ownerId', '{ regions(filter: { ownerId: "not-a-uuid" }) { id } }'],
  ])('rejects %s with ERR_VALIDATION', async (_label, query) => {
    const res = await q(query);
    expect(errorCodes(res)).toEqual(['ERR_VALIDATION']);
    expect(res.data).toBeNull();
  });

  it('counts members per tier and players at home / present, matching the inserted rows', async () => {
    const res = await q<RegionsData>(`{ regions(first: 50) { name counts { members citizens residents visitors homePlayers presentPlayers } } }`);
    const counts = Object.fromEntries(dataOf(res).regions.map((r) => [r.name, r.counts]));
    expect(counts.alpha).toEqual({ members: 3, citizens: 2, residents: 0, visitors: 1, homePlayers: 0, presentPlayers: 3 });
    expect(counts.beta).toEqual({ members: 1, citizens: 0, residents: 1, visitors: 0, homePlayers: 0, presentPlayers: 0 });
    expect(counts['terran-space']).toEqual({ members: 1, citizens: 1, residents: 0, visitors: 0, homePlayers: 3, presentPlayers: 0 });
    expect(counts.gamma).toEqual({ members: 0, citizens: 0, residents: 0, visitors: 0, homePlayers: 0, presentPlayers: 0 });
  });

  it('answers the gateway benchmark query shape', async () => {
    const res = await q<RegionsData>(`{ regions(first: 50) { id name displayName status regionType totalSectors
      governance { governanceType votingThreshold } economy { taxRate treasuryBalance } counts { members citizens } } }`);
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).regions).toHaveLength(5);
  });
});

describe('region by id and name', () => {
  it('returns a region with owner, governor and viewerIsOwner for its owner', async () => {
    const query = `query($id: ID!) { region(id: $id) { name owner { id name } governor { name } ambassador { id } viewerIsOwner } }`;
    const asOwner = await q<RegionData>(query, { id: ids.alpha }, alice());
    expect(dataOf(asOwner).region).toEqual({
      name: 'alpha',
      owner: { id: ids.alice, name: 'Alice' },
      governor: { name: 'Bob' },
      ambassador: null,
      viewerIsOwner: true,
    });
    expect(dataOf(await q<RegionData>(query, { id: ids.alpha }, bobAdmin())).region.viewerIsOwner).toBe(false);
    expect(dataOf(await q<RegionData>(query, { id: ids.alpha })).region.viewerIsOwner).toBe(false);
  });

  it('answers ERR_REGION_NOT_FOUND for an unknown id and ERR_VALIDATION for a malformed one', async () => {
    expect(errorCodes(await q(`query($id: ID!) { region(id: $id) { id } }`, { id: ids.unknown }))).toEqual(['ERR_REGION_NOT_FOUND']);
    expect(errorCodes(await q(`{ region(id: "1; drop table regions") { id } }`))).toEqual(['ERR_VALIDATION']);
  });

  it('finds a region by name case-insensitively', async () => {
    const res = await q<{ regionByName: { id: string } }>(`{ regionByName(name: "ALPHA") { id } }`);
    expect(dataOf(res).regionByName.id).toBe(ids.alpha);
    expect(errorCodes(await q(`{ regionByName(name: "nowhere") { id } }`))).toEqual(['ERR_REGION_NOT_FOUND']);
  });
});

describe('Region.world', () => {
  const worldQuery = `query($id: ID!) { region(id: $id) { world { sectors clusters ports planets warps playersOnline } } }`;

  it('is null when the region has no runtime endpoint', async () => {
    const res = await q<RegionData>(worldQuery, { id: ids.gamma });
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).region.world).toBeNull();
  });

  it('is read from the region-server /world/stats', async () => {
    await tdb.db.update(hub.regions).set({ runtimeEndpoint: worldUrl }).where(eqId(ids.alpha));
    expect(dataOf(await q<RegionData>(worldQuery, { id: ids.alpha })).region.world).toEqual(worldStats);
  });

  it('of a hibernated region answers ERR_REGION_WAKING and asks for the wake', async () => {
    await tdb.db.update(hub.regions).set({ runtimeState: 'hibernated', wakeRequestedAt: null }).where(eqId(ids.alpha));
    try {
      const res = await q<RegionData>(worldQuery, { id: ids.alpha });
      expect(errorCodes(res)).toEqual(['ERR_REGION_WAKING']);
      expect(res.data?.region.world ?? null).toBeNull();
      const [row] = await tdb.db.select({ at: hub.regions.wakeRequestedAt }).from(hub.regions).where(eqId(ids.alpha));
      expect(row!.at).not.toBeNull();
    } finally {
      await tdb.db.update(hub.regions).set({ runtimeState: 'ready', wakeRequestedAt: null }).where(eqId(ids.alpha));
    }
    expect(dataOf(await q<RegionData>(worldQuery, { id: ids.alpha })).region.world).toEqual(worldStats);
  });

  it('shares one region-server call across aliases and repeated requests of the same region (cached briefly)', async () => {
    let calls = 0;
    const counting = http.createServer((_req, res) => {
      calls += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(worldStats));
    });
    const countingUrl = await listen(counting);
    try {
      await tdb.db.update(hub.regions).set({ runtimeEndpoint: countingUrl }).where(eqId(ids.gamma));
      const aliases = Array.from({ length: 30 }, (_, i) => `w${i}: region(id: $id) { world { sectors } }`).join(' ');
      const [a, b] = await Promise.all([
        typed<Record<string, { world: { sectors: number } }>>(`query($id: ID!) { ${aliases} }`, { id: ids.gamma }),
        typed<{ region: { world: unknown } }>(worldQuery, { id: ids.gamma }),
      ]);
      expect(a.errors).toBeUndefined();
      expect(a.data?.w29?.world.sectors).toBe(worldStats.sectors);
      expect(b.data?.region.world).toEqual(worldStats);
      expect(calls).toBe(1);
    } finally {
      await close(counting);
    }
  });

  it('counts Region.world at its @cost weight: too many selections are refused with ERR_QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `w${i}: region(id: $id) { world { sectors } }`).join(' ');
    expect(errorCodes(await q(`query($id: ID!) { ${aliases} }`, { id: ids.alpha }))).toEqual(['ERR_QUERY_TOO_COMPLEX']);
  });

  it('is null when the region-server is unreachable or slower than the timeout', async () => {
    const closed = http.createServer();
    const deadUrl = await listen(closed);
    await close(closed);
    await tdb.db.update(hub.regions).set({ runtimeEndpoint: deadUrl }).where(eqId(ids.beta));
    await tdb.db.update(hub.regions).set({ runtimeEndpoint: slowUrl }).where(eqId(ids.terran));
    const started = Date.now();
    const [dead, slow] = await Promise.all([q<RegionData>(worldQuery, { id: ids.beta }), q<RegionData>(worldQuery, { id: ids.terran })]);
    expect(dataOf(dead).region.world).toBeNull();
    expect(dataOf(slow).region.world).toBeNull();
    expect(Date.now() - started).toBeLessThan(2500);
  });
});

describe('me and players', () => {
  const meQuery = `{ me { userId username roles player { id name credits isGalacticCitizen homeRegion { name } currentRegion { name }
    memberships { region { name } membershipType reputationScore votingPower joinedAt } ownedRegions { name } } } }`;

  it('answers the signed-in user from forwarded claims', async () => {
    const res = await q<{ me: { player: { memberships: Array<{ region: { name: string }; membershipType: string }> } } }>(meQuery, {}, alice());
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).me).toMatchObject({
      userId: ids.userAlice,
      username: 'alice',
      roles: ['player'],
      player: {
        id: ids.alice,
        name: 'Alice',
        credits: 12_345,
        isGalacticCitizen: false,
        homeRegion: { name: 'terran-space' },
        currentRegion: { name: 'alpha' },
        ownedRegions: [{ name: 'beta' }, { name: 'alpha' }],
      },
    });
    const memberships = dataOf(res).me.player.memberships;
    expect(memberships.map((m) => [m.region.name, m.membershipType]).sort()).toEqual([
      ['alpha', 'citizen'],
      ['terran-space', 'citizen'],
    ]);
    expect(memberships.find((m) => m.region.name === 'alpha')).toMatchObject({ reputationScore: 50, votingPower: 1.5 });
  });

  it('answers ERR_UNAUTHENTICATED without claims and 401 for forged claims', async () => {
    expect(errorCodes(await q(`{ me { userId } }`))).toEqual(['ERR_UNAUTHENTICATED']);
    const res = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sw-claims': 'e30', 'x-sw-claims-sig': 'forged' },
      body: JSON.stringify({ query: '{ me { userId } }' }),
    });
    expect(res.status).toBe(401);
  });

  it('player(id): private fields (credits, memberships) only for the player themself or an admin, null for others', async () => {
    interface PlayerView {
      name: string;
      credits: number | null;
      memberships: { region: { name: string } }[] | null;
    }
    const query = `query($id: ID!) { player(id: $id) { name credits memberships { region { name } } } }`;
    const anonymous = await typed<{ player: PlayerView }>(query, { id: ids.alice });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?.player).toEqual({ name: 'Alice', credits: null, memberships: null });
    const carol = await typed<{ player: PlayerView }>(query, { id: ids.alice }, testClaims(ids.userCarol, 'carol', ids.carol));
    expect(carol.data?.player).toEqual({ name: 'Alice', credits: null, memberships: null });
    for (const claims of [alice(), bobAdmin()]) {
      const res = await typed<{ player: PlayerView }>(query, { id: ids.alice }, claims);
      expect(res.data?.player.credits).toBe(12_345);
      expect(res.data?.player.memberships?.map((m) => m.region.name).sort()).toEqual(['alpha', 'terran-space']);
    }
    // The same rule wherever the player is reached: as a region's owner and as an entity reference.
    const owner = await typed<{ region: { owner: unknown } }>(
      `query($id: ID!) { region(id: $id) { owner { credits memberships { membershipType } } } }`,
      { id: ids.alpha },
    );
    expect(owner.data?.region.owner).toEqual({ credits: null, memberships: null });
    const entity = await typed<{ _entities: unknown[] }>(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Player { credits } } }`, {
      reps: [{ __typename: 'Player', id: ids.alice }],
    });
    expect(entity.data?._entities).toEqual([{ credits: null }]);
  });

  it('player(id) resolves a player and rejects unknown / malformed ids', async () => {
    const res = await q<{ player: unknown }>(`query($id: ID!) { player(id: $id) { name isGalacticCitizen ownedRegions { id } } }`, { id: ids.bob });
    expect(dataOf(res).player).toEqual({ name: 'Bob', isGalacticCitizen: true, ownedRegions: [] });
    expect(errorCodes(await q(`query($id: ID!) { player(id: $id) { id } }`, { id: ids.unknown }))).toEqual(['ERR_NOT_FOUND']);
    expect(errorCodes(await q(`{ player(id: "x") { id } }`))).toEqual(['ERR_VALIDATION']);
  });
});

describe('federation entity resolution', () => {
  it('resolves Region and Player representations through _entities (unknown and malformed ids → null)', async () => {
    const res = await q<EntitiesData>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Region { id name counts { members } owner { name } }
        ... on Player { id name homeRegion { name } } } }`,
      {
        reps: [
          { __typename: 'Region', id: ids.alpha },
          { __typename: 'Player', id: ids.carol },
          { __typename: 'Region', id: ids.unknown },
          { __typename: 'Region', id: 'garbage' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res)._entities).toEqual([
      { id: ids.alpha, name: 'alpha', counts: { members: 3 }, owner: { name: 'Alice' } },
      { id: ids.carol, name: 'Carol', homeRegion: { name: 'terran-space' } },
      null,
      null,
    ]);
  });
});

describe('health', () => {
  it('reports the database check', async () => {
    const res = await fetch(`${service.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', service: 'region' });
  });
});

function eqId(id: string) {
  return eq(hub.regions.id, id);
}
