/**
 * Region configuration through the Region subgraph on a fresh hub database: every mutation's errors, versions and
 * history, the governance-type routes (decree / policy / culture direct / admin by id), the tariff cap on read, the
 * shared applyConfigChange as the governance subgraph's enactment calls it, regional stats, discovery and profiles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { applyConfigChange } from '@sw/region-config';
import { createTestDatabase, errorCodes, insertRegion, postGraphql, testClaims, type GraphqlResponse, type TestDatabase } from '@sw/testing';
import { startRegionSubgraph, type RunningSubgraph } from './start-region-subgraph.ts';
import { addPlayerRegion, addTraveller, seedBaseGalaxy, type PlatformIds, type Traveller } from './testing/travel-fixtures.ts';

let t: TestDatabase<HubDb>;
let svc: RunningSubgraph;
let platform: PlatformIds;
let owner: Traveller;
let governor: Traveller;
let stranger: Traveller;
let admin: Traveller;
const regions: Record<'auto' | 'demo' | 'council' | 'second', string> = { auto: '', demo: '', council: '', second: '' };

beforeAll(async () => {
  t = await createTestDatabase();
  platform = await seedBaseGalaxy(t.sql);
  const at = { regionId: platform.terranId, sector: 1 };
  const [o, g, s, a] = await Promise.all(['owner_one', 'gov_one', 'stranger_one', 'admin_one'].map((u) => addTraveller(t.db, at, { username: u })));
  [owner, governor, stranger, admin] = [o!, g!, s!, a!];
  const mk = async (name: string, governanceType: string) =>
    (await insertRegion(t.db, { name, displayName: name, ownerId: owner.playerId, governorId: governor.playerId, governanceType, runtimeState: 'ready' })).id;
  regions.auto = await mk('auto-realm', 'autocracy');
  regions.demo = await mk('demo-realm', 'democracy');
  regions.council = await mk('council-realm', 'council');
  regions.second = await mk('second-realm', 'autocracy');
  svc = await startRegionSubgraph({ port: 0, databaseUrl: t.url, bus: null, travelLegTransit: 0, travelSweepMs: 0, dbPoolSize: 4 });
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await t?.drop();
});

const as = (p: Traveller | null, isAdmin = false) => (p ? testClaims(p.userId, p.username, p.playerId, isAdmin) : null);
interface ChangeResult {
  region: { id: string; configVersion: number };
  version: { version: number; via: string; actorName: string | null; changes: { field: string; from: unknown; to: unknown }[] };
}
type Issues = { path: string; message: string }[];
const RESULT = `region { id configVersion } version { version via actorName changes { field from to } }`;

async function versionOf(id: string): Promise<number> {
  return (await t.db.select({ v: hub.regions.configVersion }).from(hub.regions).where(eq(hub.regions.id, id)))[0]!.v;
}
function issuesOf(res: GraphqlResponse): Issues {
  return ((res.errors?.[0]?.extensions as { details?: { issues?: Issues } } | undefined)?.details?.issues ?? []);
}
function economy(p: Traveller | null, regionId: string, expectedVersion: number, input: Record<string, unknown>, isAdmin = false) {
  return postGraphql<{ updateRegionEconomy: ChangeResult }>(
    svc.url,
    `mutation($r: ID!, $v: Int!, $i: EconomySettingsInput!) { updateRegionEconomy(regionId: $r, expectedVersion: $v, input: $i) { ${RESULT} } }`,
    { r: regionId, v: expectedVersion, i: input },
    as(p, isAdmin),
  );
}
function culture(p: Traveller | null, regionId: string, expectedVersion: number, input: Record<string, unknown>) {
  return postGraphql<{ updateRegionCulture: ChangeResult }>(
    svc.url,
    `mutation($r: ID!, $v: Int!, $i: CultureSettingsInput!) { updateRegionCulture(regionId: $r, expectedVersion: $v, input: $i) { ${RESULT} } }`,
    { r: regionId, v: expectedVersion, i: input },
    as(p),
  );
}

describe('updateRegionEconomy under autocracy', () => {
  it('applies the owner decree as version N+1 with the diff and who did it', async () => {
    const v = await versionOf(regions.auto);
    const res = await economy(owner, regions.auto, v, { taxRate: 0.2, startingCredits: 5000, tradeBonuses: [{ commodity: 'ORE', multiplier: 1.5 }], economicSpecialization: 'MINING', startingShip: 'LIGHT_FREIGHTER' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateRegionEconomy.version).toMatchObject({ version: v + 1, via: 'DECREE', actorName: 'owner_one' });
    expect(res.data!.updateRegionEconomy.version.changes.map((c) => c.field)).toEqual(['taxRate', 'startingCredits', 'tradeBonuses', 'economicSpecialization', 'startingShip']);
    const [row] = await t.db.select().from(hub.regions).where(eq(hub.regions.id, regions.auto));
    expect(row).toMatchObject({ taxRate: 0.2, startingCredits: 5000, tradeBonuses: { ore: 1.5 }, economicSpecialization: 'mining', startingShip: 'light_freighter', configVersion: v + 1 });
  });

  it('the governor decrees too; the history lists every version newest first', async () => {
    const v = await versionOf(regions.auto);
    expect((await economy(governor, regions.auto, v, { taxRate: 0.15 })).data!.updateRegionEconomy.version.via).toBe('DECREE');
    const h = await postGraphql<{ region: { configHistory: { version: number; via: string; actor: { name: string } }[] } }>(
      svc.url, `query($id: ID!) { region(id: $id) { configHistory { version via actor { name } } } }`, { id: regions.auto });
    expect(h.data!.region.configHistory.map((x) => [x.version, x.actor.name])).toEqual([[v + 1, 'gov_one'], [v, 'owner_one']]);
  });

  it('ERR_VERSION_CONFLICT for a stale expectedVersion; nothing changes', async () => {
    const v = await versionOf(regions.auto);
    const res = await economy(owner, regions.auto, v - 1, { taxRate: 0.07 });
    expect(errorCodes(res)).toEqual(['ERR_VERSION_CONFLICT']);
    expect(await versionOf(regions.auto)).toBe(v);
  });

  it('ERR_CONFIG_INVALID lists every problem with its input path and writes nothing', async () => {
    const v = await versionOf(regions.auto);
    const res = await economy(owner, regions.auto, v, { taxRate: 0.3, startingCredits: 50, tradeBonuses: [{ commodity: 'FUEL', multiplier: 4 }, { commodity: 'ORE', multiplier: 2 }, { commodity: 'ORE', multiplier: 2.5 }] });
    expect(errorCodes(res)).toEqual(['ERR_CONFIG_INVALID']);
    expect(issuesOf(res).map((i) => i.path).sort()).toEqual(['input.startingCredits', 'input.taxRate', 'input.tradeBonuses.fuel', 'input.tradeBonuses[2].commodity'].sort());
    expect(await versionOf(regions.auto)).toBe(v);
  });

  it('ERR_CONFIG_NO_CHANGE when nothing would change, ERR_CONFIG_INVALID for an empty input', async () => {
    const v = await versionOf(regions.auto);
    expect(errorCodes(await economy(owner, regions.auto, v, { taxRate: 0.15 }))).toEqual(['ERR_CONFIG_NO_CHANGE']);
    expect(errorCodes(await economy(owner, regions.auto, v, {}))).toEqual(['ERR_CONFIG_INVALID']);
  });

  it('strangers are denied, anonymous callers unauthenticated, unknown regions not found', async () => {
    const v = await versionOf(regions.auto);
    expect(errorCodes(await economy(stranger, regions.auto, v, { taxRate: 0.1 }))).toEqual(['ERR_SETTING_CHANGE_DENIED']);
    expect(errorCodes(await economy(null, regions.auto, v, { taxRate: 0.1 }))).toEqual(['ERR_UNAUTHENTICATED']);
    expect(errorCodes(await economy(owner, '00000000-0000-4000-8000-000000000000', 1, { taxRate: 0.1 }))).toEqual(['ERR_REGION_NOT_FOUND']);
  });

  it('an owner of several regions changes exactly the region named by id (original-defects #27)', async () => {
    const before = await versionOf(regions.second);
    const v = await versionOf(regions.auto);
    await economy(owner, regions.auto, v, { taxRate: 0.11 });
    expect(await versionOf(regions.second)).toBe(before);
  });
});

describe('governance types decide the route', () => {
  it('democracy: economy needs a referendum (ERR_POLICY_REQUIRED with who decides); culture is the owner’s, motto stored', async () => {
    const v = await versionOf(regions.demo);
    const res = await economy(owner, regions.demo, v, { taxRate: 0.2 });

    expect(errorCodes(res)).toEqual(['ERR_POLICY_REQUIRED']);
    expect((res.errors![0]!.extensions as { details: { decidedBy: string } }).details.decidedBy).toBe('REFERENDUM');
    const c = await culture(owner, regions.demo, v, { motto: 'Per aspera ad astra', aestheticTheme: { primaryColor: '#ABC', secondaryColor: '#553c9a', preset: 'FEDERATION' }, traditions: [{ name: 'Founding Day' }], languagePack: { variant: 'TRADER', greeting: 'Well met' } });
    expect(c.errors).toBeUndefined();
    expect(c.data!.updateRegionCulture.version.via).toBe('OWNER');

    const r = await postGraphql<{ region: { culture: { motto: string; theme: { primaryColor: string; preset: string }; language: { variant: string }; traditionList: { name: string }[] } } }>(
      svc.url, `query($id: ID!) { region(id: $id) { culture { motto theme { primaryColor preset } language { variant } traditionList { name } } } }`, { id: regions.demo });

    expect(r.data!.region.culture).toEqual({ motto: 'Per aspera ad astra', theme: { primaryColor: '#aabbcc', preset: 'FEDERATION' }, language: { variant: 'TRADER' }, traditionList: [{ name: 'Founding Day' }] });
  });

  it('democracy: the governor may not edit culture (ERR_SETTING_CHANGE_DENIED); bad colours and a long motto are listed', async () => {
    const v = await versionOf(regions.demo);
    expect(errorCodes(await culture(governor, regions.demo, v, { motto: 'Mine' }))).toEqual(['ERR_SETTING_CHANGE_DENIED']);
    const bad = await culture(owner, regions.demo, v, { motto: 'x'.repeat(201), aestheticTheme: { primaryColor: 'blue', secondaryColor: '#12' } });
    expect(errorCodes(bad)).toEqual(['ERR_CONFIG_INVALID']);
    expect(issuesOf(bad).map((i) => i.path)).toEqual(['input.aestheticTheme.primaryColor', 'input.aestheticTheme.secondaryColor', 'input.motto']);
  });

  it('council: settings need a council policy; an admin acts on any region by id', async () => {
    const v = await versionOf(regions.council);
    const res = await economy(owner, regions.council, v, { taxRate: 0.2 });
    expect((res.errors![0]!.extensions as { details: { decidedBy: string } }).details.decidedBy).toBe('COUNCIL');
    const byAdmin = await economy(admin, regions.council, v, { taxRate: 0.2 }, true);
    expect(byAdmin.data!.updateRegionEconomy.version.via).toBe('ADMIN');
  });

  it('a passed policy enacts through the same applyConfigChange (via POLICY, with the policy id)', async () => {
    const policyId = '11111111-1111-4111-8111-111111111111';
    const out = await t.db.transaction((tx) => applyConfigChange(tx, { regionId: regions.demo, expectedVersion: null, changes: { taxRate: 0.22, votingThreshold: 0.6 }, via: 'policy', actorPlayerId: null, policyId }));
    expect(out.kind).toBe('ok');
    const [row] = await t.db.select().from(hub.regionConfigVersions).where(eq(hub.regionConfigVersions.policyId, policyId));
    expect(row).toMatchObject({ via: 'policy', regionId: regions.demo });
    const invalid = await t.db.transaction((tx) => applyConfigChange(tx, { regionId: regions.demo, expectedVersion: null, changes: { taxRate: 9 }, via: 'policy', actorPlayerId: null, policyId }));
    expect(invalid).toMatchObject({ kind: 'invalid', issues: [{ path: 'taxRate' }] });
  });
});

describe('tariff and immigration', () => {
  it('stores the requested tariff and clamps what applies to the station-count cap on every read', async () => {
    const v = await versionOf(regions.auto);
    const res = await postGraphql<{ setRegionTariff: { region: { tariff: { requestedRate: number; cap: number; effectiveRate: number; stationCount: number } } } }>(
      svc.url, `mutation($r: ID!, $v: Int!) { setRegionTariff(regionId: $r, expectedVersion: $v, rate: 0.25) { region { tariff { requestedRate cap effectiveRate stationCount } } } }`, { r: regions.auto, v }, as(owner));
    expect(res.data!.setRegionTariff.region.tariff).toEqual({ requestedRate: 0.25, cap: 0.05, effectiveRate: 0.05, stationCount: 0 });
    const bad = await postGraphql(svc.url, `mutation($r: ID!, $v: Int!) { setRegionTariff(regionId: $r, expectedVersion: $v, rate: 0.3) { region { id } } }`, { r: regions.auto, v: v + 1 }, as(owner));
    expect(issuesOf(bad).map((i) => i.path)).toEqual(['rate']);
    // six stations reported for the region: the cap rises to 25 % without anyone editing the setting
    await t.db.insert(hub.regionWorldStats).values({ regionId: regions.auto, sectors: 500, clusters: 10, ports: 6, planets: 40, warps: 900 }).onConflictDoUpdate({ target: hub.regionWorldStats.regionId, set: { ports: 6, refreshedAt: new Date() } });
    const again = await postGraphql<{ region: { tariff: { effectiveRate: number } } }>(svc.url, `query($id: ID!) { region(id: $id) { tariff { effectiveRate } } }`, { id: regions.auto });
    expect(again.data!.region.tariff.effectiveRate).toBe(0.25);
  });

  it('sets the immigration policy and visitor limits; contradictory input is listed', async () => {
    const v = await versionOf(regions.auto);
    const m = `mutation($r: ID!, $v: Int!, $i: ImmigrationSettingsInput!) { updateRegionImmigration(regionId: $r, expectedVersion: $v, input: $i) { region { immigration { policy maxVisitors visitorEntryFee } } } }`;
    const ok = await postGraphql<{ updateRegionImmigration: { region: { immigration: unknown } } }>(svc.url, m, { r: regions.auto, v, i: { policy: 'APPROVAL', maxVisitors: 50, visitorEntryFee: 25 } }, as(owner));
    expect(ok.data!.updateRegionImmigration.region.immigration).toEqual({ policy: 'APPROVAL', maxVisitors: 50, visitorEntryFee: 25 });
    const bad = await postGraphql(svc.url, m, { r: regions.auto, v: v + 1, i: { maxVisitors: 0, clearMaxVisitors: true, visitorEntryFee: -1 } }, as(owner));
    expect(issuesOf(bad).map((i) => i.path).sort()).toEqual(['input.clearMaxVisitors', 'input.visitorEntryFee'].sort());
  });

  it('governance settings: a value out of range is listed, a valid decree applies', async () => {
    const v = await versionOf(regions.auto);
    const m = `mutation($r: ID!, $v: Int!, $i: GovernanceSettingsInput!) { updateRegionGovernance(regionId: $r, expectedVersion: $v, input: $i) { region { governance { votingThreshold governanceQuorumPct electionFrequencyDays } } } }`;
    const bad = await postGraphql(svc.url, m, { r: regions.auto, v, i: { votingThreshold: 0.95, governanceQuorumPct: 0.2, electionFrequencyDays: 400 } }, as(owner));
    expect(issuesOf(bad).map((i) => i.path)).toEqual(['input.votingThreshold', 'input.governanceQuorumPct', 'input.electionFrequencyDays']);
    const ok = await postGraphql<{ updateRegionGovernance: { region: { governance: unknown } } }>(svc.url, m, { r: regions.auto, v, i: { votingThreshold: 0.6, governanceQuorumPct: 0.4, electionFrequencyDays: 60 } }, as(owner));
    expect(ok.data!.updateRegionGovernance.region.governance).toEqual({ votingThreshold: 0.6, governanceQuorumPct: 0.4, electionFrequencyDays: 60 });
  });
});

describe('regional stats, discovery and profiles', () => {
  it('regionStats: population by tier (trigger-kept), governance counts, officers only', async () => {
    const members = await Promise.all([0, 1, 2, 3].map((i) => addTraveller(t.db, { regionId: regions.demo, sector: 1 }, { username: `member_${i}` })));
    await t.db.insert(hub.regionalMemberships).values(members.map((m, i) => ({ playerId: m.playerId, regionId: regions.demo, membershipType: i < 2 ? 'citizen' : i === 2 ? 'resident' : 'visitor' })));
    await t.db.update(hub.regionalMemberships).set({ membershipType: 'citizen' }).where(eq(hub.regionalMemberships.playerId, members[3]!.playerId));
    await t.db.insert(hub.regionalPolicies).values({ regionId: regions.demo, policyType: 'tax_rate', title: 'Lower tax', proposedChanges: { taxRate: 0.1 }, votingClosesAt: new Date(Date.now() + 86_400_000) });
    const q = `query($r: ID!) { regionStats(regionId: $r) { population { citizens residents visitors total } governance { openPolicies activeElections activeTreaties } activity { activePlayers30d presentNow } economy { taxRate tariff { effectiveRate } } territory { sectors stale } } }`;
    const res = await postGraphql<{ regionStats: unknown }>(svc.url, q, { r: regions.demo }, as(owner));
    expect(res.errors).toBeUndefined();
    expect(res.data!.regionStats).toMatchObject({ population: { citizens: 3, residents: 1, visitors: 0, total: 4 }, governance: { openPolicies: 1, activeElections: 0, activeTreaties: 0 }, activity: { activePlayers30d: 4, presentNow: 4 } });
    expect(errorCodes(await postGraphql(svc.url, q, { r: regions.demo }, as(stranger)))).toEqual(['ERR_FORBIDDEN']);
    expect(errorCodes(await postGraphql(svc.url, q, { r: regions.demo }))).toEqual(['ERR_UNAUTHENTICATED']);
  });

  it('searchRegions filters, sorts and pages with cursors; a forged cursor is refused', async () => {
    const q = `query($f: RegionSearchFilter, $s: RegionSort, $n: Int, $a: String) { searchRegions(filter: $f, sort: $s, first: $n, after: $a) { nodes { region { name } population effectiveTariff } pageInfo { hasNextPage endCursor } } }`;
    type Page = { searchRegions: { nodes: { region: { name: string }; population: number }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphqlResponse<Page> = await postGraphql<Page>(svc.url, q, { f: { regionTypes: ['PLAYER_OWNED'] }, s: 'NAME_ASC', n: 2, a: after });
      names.push(...res.data!.searchRegions.nodes.map((n) => n.region.name));
      if (!res.data!.searchRegions.pageInfo.hasNextPage) break;
      after = res.data!.searchRegions.pageInfo.endCursor;
    }
    expect(names).toEqual(['auto-realm', 'council-realm', 'demo-realm', 'second-realm']);
    const byPop = await postGraphql<Page>(svc.url, q, { f: { regionTypes: ['PLAYER_OWNED'] }, s: 'POPULATION_DESC', n: 1 });
    expect(byPop.data!.searchRegions.nodes[0]).toMatchObject({ region: { name: 'demo-realm' }, population: 4 });
    const demos = await postGraphql<Page>(svc.url, q, { f: { governanceTypes: ['DEMOCRACY'], text: 'REALM' }, s: 'NAME_ASC', n: 10 });
    expect(demos.data!.searchRegions.nodes.map((n) => n.region.name)).toEqual(['demo-realm']);
    const approval = await postGraphql<Page>(svc.url, q, { f: { immigrationPolicies: ['APPROVAL'] }, s: 'TARIFF_DESC', n: 10 });
    expect(approval.data!.searchRegions.nodes.map((n) => n.region.name)).toEqual(['auto-realm']);
    expect(errorCodes(await postGraphql(svc.url, q, { s: 'POPULATION_DESC', n: 2, a: after }))).toEqual(['ERR_INVALID_CURSOR']);
    expect(errorCodes(await postGraphql(svc.url, q, { n: 0 }))).toEqual(['ERR_VALIDATION']);
  });

  it('regionProfile by name: culture, motto, governance summary and the route from the viewer', async () => {
    await t.db.insert(hub.warpTunnels).values({ fromRegionId: regions.demo, fromSectorId: 999_001, toRegionId: platform.nexusId, toSectorId: 2551, idempotencyKey: `${regions.demo}:1` });
    await t.db.update(hub.regions).set({ nexusWarpSector: 480 }).where(eq(hub.regions.id, regions.demo));
    const q = `query($n: String) { regionProfile(name: $n) { motto governance { governanceType policyDecider summary owner { name } } population route { legs { kind } landingSectorNumber requiresGalacticCitizen fee blockedBy needsApproval } } }`;
    const res = await postGraphql<{ regionProfile: unknown }>(svc.url, q, { n: 'DEMO-REALM' }, as(stranger));
    expect(res.errors).toBeUndefined();
    expect(res.data!.regionProfile).toMatchObject({
      motto: 'Per aspera ad astra',
      governance: { governanceType: 'DEMOCRACY', policyDecider: 'REFERENDUM', owner: { name: 'owner_one' } },
      population: 4,
      route: { legs: [{ kind: 'TO_SPOKE' }, { kind: 'SPOKE_TO_NEXUS' }, { kind: 'NEXUS_TO_SPOKE' }], landingSectorNumber: 480, requiresGalacticCitizen: true, fee: 0, blockedBy: null, needsApproval: false },
    });
    expect(errorCodes(await postGraphql(svc.url, q, { n: 'nowhere' }))).toEqual(['ERR_REGION_NOT_FOUND']);
  });
});

// Last: the extra region it adds would show up in the search and profile tests above.
describe('regional stats of a region with a running region-server', () => {
  it('regionStats: territory and players online come from the region\'s own region-server (called with its service token)', async () => {
    const world = await addPlayerRegion(t.db, platform, { name: 'served-realm', withServer: true, seed: 11n, ownerId: owner.playerId });
    try {
      const q = `query($r: ID!) { regionStats(regionId: $r) { territory { sectors clusters planets ports stale refreshedAt } activity { onlineNow } } }`;
      const res = await postGraphql<{ regionStats: { territory: { sectors: number; clusters: number; planets: number; ports: number; stale: boolean; refreshedAt: string | null }; activity: { onlineNow: number | null } } }>(svc.url, q, { r: world.id }, as(owner));
      expect(res.errors).toBeUndefined();
      const [row] = await t.db.select({ total: hub.regions.totalSectors }).from(hub.regions).where(eq(hub.regions.id, world.id));
      const { territory, activity } = res.data!.regionStats;
      expect(territory.sectors).toBe(row!.total);
      expect(territory.sectors).toBeGreaterThan(0);
      expect(territory.clusters).toBeGreaterThan(0);
      expect(territory.stale).toBe(false);
      expect(territory.refreshedAt).not.toBeNull();
      expect(activity.onlineNow).toBe(0);
    } finally {
      await world.close();
    }
  });
});
