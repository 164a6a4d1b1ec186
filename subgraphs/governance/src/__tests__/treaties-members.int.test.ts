/**
 * Treaties (pair rule both directions, who may act, accepted_at, terms visibility, expiry), members (owner standing,
 * paging, residence) and the treasury reconciliation alert.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { regionServerAuthHeaders } from '@sw/auth/region-server-token';
import { hub } from '@sw/db';
import { channels } from '@sw/events';
import { dataOf, errorCodes } from '@sw/testing';
import { reconcileTreasuries } from '../sweeps/treasury-reconciliation.ts';
import { createGovernanceFixture, DAY, type GovernanceFixture, type Person } from './governance-fixture.ts';

let fx: GovernanceFixture;
let alice: Person, bob: Person, carol: Person, admin: Person, citizen: Person;
let a: string, b: string, c: string;

const PROPOSE = `mutation($input: ProposeTreatyInput!) { proposeTreaty(input: $input) { id status treatyType acceptedAt terms } }`;
const act = (name: string) => `mutation($id: ID!) { ${name}(treatyId: $id) { id status acceptedAt endedAt } }`;
interface TreatyView {
  id: string;
  status: string;
  treatyType?: string;
  acceptedAt: string | null;
  terms?: unknown;
}
/** Runs a treaty mutation and returns its Treaty (throws with the GraphQL errors when it failed). */
async function treatyOf(query: string, variables: Record<string, unknown>, who: Person): Promise<TreatyView> {
  const data = dataOf(await fx.gql<Record<string, TreatyView>>(query, variables, who));
  return Object.values(data)[0]!;
}
interface RegionEntities<T> {
  _entities: (T | null)[];
}

beforeAll(async () => {
  fx = await createGovernanceFixture();
  [alice, bob, carol, citizen] = await Promise.all([fx.person(), fx.person(), fx.person(), fx.person()]);
  admin = await fx.person({ admin: true });
  a = await fx.region(alice);
  b = await fx.region(bob);
  c = await fx.region(carol);
  await fx.member(a, citizen, 'citizen');
});
afterAll(async () => fx?.stop());

describe('treaties', () => {
  let treatyId: string;
  it('propose: validated type, own region only, not with itself, counterparty must exist', async () => {
    const input = { regionId: a, counterpartyRegionId: b, treatyType: 'TRADE_AGREEMENT', terms: { tariff_waiver: true } };
    expect(errorCodes(await fx.gql(PROPOSE, { input: { ...input, treatyType: 'ALLIANCE' } }, alice))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await fx.gql(PROPOSE, { input }, bob))).toEqual(['ERR_NOT_REGION_OWNER']);
    expect(errorCodes(await fx.gql(PROPOSE, { input: { ...input, counterpartyRegionId: a } }, alice))).toEqual(['ERR_TREATY_SAME_REGION']);
    expect(errorCodes(await fx.gql(PROPOSE, { input: { ...input, counterpartyRegionId: '90000000-0000-4000-8000-0000000000ff' } }, alice))).toEqual(['ERR_REGION_NOT_FOUND']);
    expect(errorCodes(await fx.gql(PROPOSE, { input: { ...input, expiresAt: '2000-01-01T00:00:00Z' } }, alice))).toEqual(['ERR_VALIDATION']);
    const r = await treatyOf(PROPOSE, { input }, alice);
    expect(r).toMatchObject({ status: 'proposed', treatyType: 'trade_agreement', acceptedAt: null });
    treatyId = r.id;
  });
  it('the pair rule holds in either direction and for any type', async () => {
    expect(errorCodes(await fx.gql(PROPOSE, { input: { regionId: b, counterpartyRegionId: a, treatyType: 'OPEN_BORDERS' } }, bob))).toEqual(['ERR_TREATY_EXISTS']);
    expect(errorCodes(await fx.gql(PROPOSE, { input: { regionId: a, counterpartyRegionId: b, treatyType: 'TRADE_AGREEMENT' } }, alice))).toEqual(['ERR_TREATY_EXISTS']);
  });
  it('only B accepts or rejects; accepting stamps accepted_at; either side terminates', async () => {
    expect(errorCodes(await fx.gql(act('acceptTreaty'), { id: treatyId }, alice))).toEqual(['ERR_NOT_TREATY_PARTY']);
    expect(errorCodes(await fx.gql(act('acceptTreaty'), { id: treatyId }, carol))).toEqual(['ERR_NOT_TREATY_PARTY']);
    expect(errorCodes(await fx.gql(act('terminateTreaty'), { id: treatyId }, alice))).toEqual(['ERR_TREATY_NOT_ACTIVE']);
    const accepted = await treatyOf(act('acceptTreaty'), { id: treatyId }, bob);
    expect(accepted.status).toBe('active');
    expect(accepted.acceptedAt).not.toBeNull();
    const [row] = await fx.db.select().from(hub.regionalTreaties).where(eq(hub.regionalTreaties.id, treatyId));
    expect(row!.signedAt).toEqual(row!.acceptedAt);
    expect(errorCodes(await fx.gql(act('rejectTreaty'), { id: treatyId }, bob))).toEqual(['ERR_TREATY_NOT_PROPOSED']);
    expect((await treatyOf(act('terminateTreaty'), { id: treatyId }, alice)).status).toBe('terminated');
    expect(errorCodes(await fx.gql(act('acceptTreaty'), { id: '90000000-0000-4000-8000-0000000000ff' }, bob))).toEqual(['ERR_TREATY_NOT_FOUND']);
  });
  it('a dead treaty is reused; members see treaties without terms, owners with', async () => {
    const again = await treatyOf(PROPOSE, { input: { regionId: a, counterpartyRegionId: b, treatyType: 'TRADE_AGREEMENT', terms: { v: 2 } } }, alice);
    expect(again.id).toBe(treatyId);
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { treaties { id terms } } } }`;
    type Treaties = RegionEntities<{ treaties: { id: string; terms: unknown }[] }>;
    const asOwner = dataOf(await fx.gql<Treaties>(q, { reps: [{ __typename: 'Region', id: a }] }, bob));
    expect(asOwner._entities[0]?.treaties).toEqual([{ id: treatyId, terms: { v: 2 } }]);
    const asMember = dataOf(await fx.gql<Treaties>(q, { reps: [{ __typename: 'Region', id: a }] }, citizen));
    expect(asMember._entities[0]?.treaties).toEqual([{ id: treatyId, terms: null }]);
    expect((await treatyOf(act('rejectTreaty'), { id: treatyId }, bob)).status).toBe('rejected');
  });
  it('the sweep expires an active treaty past expires_at', async () => {
    fx.clock.ms = Date.now();
    const r = await treatyOf(PROPOSE, { input: { regionId: c, counterpartyRegionId: a, treatyType: 'OPEN_BORDERS', expiresAt: new Date(fx.clock.ms + DAY).toISOString() } }, carol);
    await treatyOf(act('acceptTreaty'), { id: r.id }, alice);
    fx.clock.ms += DAY + 1000;
    expect((await fx.sweep()).treatiesExpired).toBe(1);
    const [row] = await fx.db.select().from(hub.regionalTreaties).where(eq(hub.regionalTreaties.id, r.id));
    expect(row!.status).toBe('expired');
  });
});

describe('members', () => {
  const STANDING = `mutation($input: MemberStandingInput!) { setMemberStanding(input: $input) { votingPower localRank membershipType } }`;
  it('the owner sets voting power 0-5 and rank; others may not; empty or out of range is refused', async () => {
    expect(dataOf(await fx.gql<{ setMemberStanding: unknown }>(STANDING, { input: { regionId: a, playerId: citizen.playerId, votingPower: 3.25, localRank: 'Elder' } }, alice)).setMemberStanding)
      .toEqual({ votingPower: 3.25, localRank: 'Elder', membershipType: 'citizen' });
    expect(errorCodes(await fx.gql(STANDING, { input: { regionId: a, playerId: citizen.playerId, votingPower: 1 } }, bob))).toEqual(['ERR_NOT_REGION_OWNER']);
    expect(errorCodes(await fx.gql(STANDING, { input: { regionId: a, playerId: citizen.playerId, votingPower: 5.5 } }, alice))).toEqual(['ERR_VALIDATION']);
    expect(errorCodes(await fx.gql(STANDING, { input: { regionId: a, playerId: citizen.playerId } }, alice))).toEqual(['ERR_VALIDATION']);
    expect(errorCodes(await fx.gql(STANDING, { input: { regionId: a, playerId: bob.playerId, votingPower: 1 } }, alice))).toEqual(['ERR_MEMBER_NOT_FOUND']);
    expect((await fx.gql(STANDING, { input: { regionId: a, playerId: citizen.playerId, votingPower: 1 } }, admin)).errors).toBeUndefined();
  });
  it('lists members with paging, owner and admin only', async () => {
    const extra = await Promise.all(Array.from({ length: 4 }, () => fx.person()));
    for (const p of extra) await fx.member(a, p, 'visitor');
    const q = `query($reps: [_Any!]!, $f: Int, $o: Int) { _entities(representations: $reps) { ... on Region { members(first: $f, offset: $o) { total offset items { player { id } membershipType } } } } }`;
    type Members = RegionEntities<{ members: { total: number; offset: number; items: unknown[] } }>;
    const page = dataOf(await fx.gql<Members>(q, { reps: [{ __typename: 'Region', id: a }], f: 2, o: 2 }, alice))._entities[0]?.members;
    expect(page).toMatchObject({ total: 5, offset: 2 });
    expect(page?.items).toHaveLength(2);
    expect(errorCodes(await fx.gql(q, { reps: [{ __typename: 'Region', id: a }], f: 2, o: 0 }, citizen))).toEqual(['ERR_NOT_REGION_OWNER']);
    expect(errorCodes(await fx.gql(q, { reps: [{ __typename: 'Region', id: a }], f: 500, o: 0 }, alice))).toEqual(['ERR_VALIDATION']);
  });
  it('residence: only where you are; the new home makes a resident, the old one a visitor again', async () => {
    const mover = await fx.person();
    const R = `mutation($r: ID!) { declareResidence(regionId: $r) { membershipType votingPower } }`;
    expect(errorCodes(await fx.gql(R, { r: b }, mover))).toEqual(['ERR_NOT_IN_REGION']);
    await fx.db.update(hub.players).set({ currentRegionId: b }).where(eq(hub.players.id, mover.playerId));
    expect(dataOf(await fx.gql<{ declareResidence: unknown }>(R, { r: b }, mover)).declareResidence).toEqual({ membershipType: 'resident', votingPower: 1 });
    await fx.db.update(hub.players).set({ currentRegionId: c }).where(eq(hub.players.id, mover.playerId));
    await fx.gql(R, { r: c }, mover);
    const rows = await fx.db.select({ regionId: hub.regionalMemberships.regionId, t: hub.regionalMemberships.membershipType }).from(hub.regionalMemberships).where(eq(hub.regionalMemberships.playerId, mover.playerId));
    expect(Object.fromEntries(rows.map((r) => [r.regionId, r.t]))).toEqual({ [b]: 'visitor', [c]: 'resident' });
    const [p] = await fx.db.select({ home: hub.players.homeRegionId }).from(hub.players).where(eq(hub.players.id, mover.playerId));
    expect(p!.home).toBe(c);
  });
});

describe('colony citizenship', () => {
  const CLAIM = `mutation($r: ID!) { claimColonyCitizenship(regionId: $r) { membershipType votingPower } }`;
  it('a colony in a hub-world region (Terran Space) makes a citizen; no colony is refused', async () => {
    const settler = await fx.person();
    const terran = await fx.region(alice, { regionType: 'terran_space', totalSectors: 300, ownerId: null });
    const [cl] = await fx.db.insert(hub.clusters).values({ regionId: terran, clusterNumber: 1, name: 'Sol' }).returning({ id: hub.clusters.id });
    await fx.db.insert(hub.sectors).values({ sectorId: 990_001, sectorNumber: 1, regionId: terran, clusterId: cl!.id });
    expect(errorCodes(await fx.gql(CLAIM, { r: terran }, settler))).toEqual(['ERR_NO_COLONY_IN_REGION']);
    await fx.db.insert(hub.planets).values({ regionId: terran, sectorId: 990_001, name: 'New Home', ownerPlayerId: settler.playerId });
    type Claim = { claimColonyCitizenship: { membershipType: string; votingPower: number } };
    expect(dataOf(await fx.gql<Claim>(CLAIM, { r: terran }, settler)).claimColonyCitizenship).toEqual({ membershipType: 'citizen', votingPower: 1.5 });
  });
  it('a player region is asked through its region-server; an unreachable one is a 503, never a false "no colony"', async () => {
    const settler = await fx.person();
    // Stands in for the region-server's GET /holdings/:playerId (token-checked like the real one).
    let world = '';
    const server = http.createServer((req, res) => {
      if (req.headers.authorization !== regionServerAuthHeaders(world).authorization) {
        res.writeHead(401).end();
        return;
      }
      const owned = req.url === `/holdings/${settler.playerId}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ planets: owned ? 2 : 0, stations: 0 }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    world = await fx.region(carol, { runtimeEndpoint: endpoint });
    await fx.member(world, settler, 'visitor');
    expect(dataOf(await fx.gql<{ claimColonyCitizenship: { membershipType: string } }>(CLAIM, { r: world }, settler)).claimColonyCitizenship.membershipType).toBe('citizen');
    expect(errorCodes(await fx.gql(CLAIM, { r: world }, citizen))).toEqual(['ERR_NO_COLONY_IN_REGION']);
    await new Promise<void>((r) => server.close(() => r()));
    expect(errorCodes(await fx.gql(CLAIM, { r: world }, citizen))).toEqual(['ERR_UPSTREAM_UNAVAILABLE']);
  });
});

describe('treasury reconciliation', () => {
  it('raises an alert event when SUM(delta) differs from the balance, and repairs nothing', async () => {
    const alerts = fx.service.bus.subscribe<{ kind: string; regionId: string; drift: number }>(channels.alerts());
    await alerts.ready;
    // A balance change without its ledger row (bypassing moveTreasury) is exactly what reconciliation must catch.
    await fx.db.update(hub.regions).set({ treasuryBalance: sql`treasury_balance + 42` }).where(eq(hub.regions.id, b));
    const result = await reconcileTreasuries(fx.service.deps);
    expect(result.alerts).toMatchObject([{ regionId: b, drift: 42, balance: 42, ledgerSum: 0 }]);
    const next = await alerts.next();
    expect(next.value).toMatchObject({ kind: 'treasury_reconciliation_failed', regionId: b, drift: 42 });
    alerts.close();
    const [region] = await fx.db.select({ balance: hub.regions.treasuryBalance }).from(hub.regions).where(and(eq(hub.regions.id, b)));
    expect(region!.balance).toBe(42);
  });

  it('exports the mismatch count of the last run for the TreasuryReconciliationMismatch alert, and the pool gauges', async () => {
    const gauge = async () => /^sw_treasury_reconciliation_mismatches\{[^}]*\} (\d+)$/m.exec(await (await fetch(`${fx.service.url}/metrics`)).text())?.[1];
    expect(await gauge()).toBe('0');
    const run = await fx.service.reconcileTreasuries();
    expect(run.alerts).toHaveLength(1); // the drift the test above left behind
    expect(await gauge()).toBe('1');
    await fx.db.update(hub.regions).set({ treasuryBalance: sql`treasury_balance - 42` }).where(eq(hub.regions.id, b));
    await fx.service.reconcileTreasuries();
    expect(await gauge()).toBe('0');
    const text = await (await fetch(`${fx.service.url}/metrics`)).text();
    expect(text).toMatch(/^sw_db_pool_max_connections\{pool="hub",service="governance"\} \d+$/m);
    expect(text).toMatch(/^sw_db_pool_open_connections\{pool="hub",service="governance"\} [1-9]\d*$/m);
  });
});
