/**
 * Inter-regional travel through the Region subgraph over a real hub database with the real base galaxy: every gate's
 * refusal code, the journey states and legs, arrival effects (position, membership, fee into the treasury, immigration
 * with its starting package), approvals, cancellation, diversion when the destination goes down mid-journey, and a
 * crash at every leg (inside the leg's transaction, and after its commit) that never half-applies a journey.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { createTestDatabase, errorCodes, postGraphql, testClaims, type TestDatabase } from '@sw/testing';
import { startRegionSubgraph, type RunningSubgraph } from './start-region-subgraph.ts';
import { JourneyRunner, type FaultHook } from './travel/journey-runner.ts';
import { startTravel as startTravelCommand } from './commands/start-travel.ts';
import { addPlayerRegion, addTraveller, enterPresence, onlineAt, seedBaseGalaxy, type PlatformIds, type TestRegion, type Traveller } from './testing/travel-fixtures.ts';

interface JourneyView {
  id: string;
  state: string;
  reasonCode: string | null;
  fee: number;
  legs: { index: number; kind: string; state: string }[];
  position: { region: { name: string }; sectorNumber: number };
}
const JOURNEY = `id state reasonCode fee legs { index kind state } position { region { name } sectorNumber }`;

let t: TestDatabase<HubDb>;
let svc: RunningSubgraph;
let platform: PlatformIds;
let alpha: TestRegion; // has a region-server
let beta: TestRegion; // has a region-server
let owner: Traveller;
let fault: { fn: FaultHook | null } = { fn: null };

beforeAll(async () => {
  t = await createTestDatabase();
  platform = await seedBaseGalaxy(t.sql);
  owner = await addTraveller(t.db, { regionId: platform.terranId, sector: 1 }, { username: 'beta_owner' });
  alpha = await addPlayerRegion(t.db, platform, { name: 'alpha-reach', withServer: true, seed: 7n });
  beta = await addPlayerRegion(t.db, platform, { name: 'beta-drift', withServer: true, seed: 11n, ownerId: owner.playerId });
  svc = await startRegionSubgraph({
    port: 0,
    databaseUrl: t.url,
    bus: null,
    travelLegTransit: 0,
    travelSweepMs: 0,
    dbPoolSize: 4,
    travelFault: (point, leg, id) => fault.fn?.(point, leg, id),
  });
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await alpha?.close();
  await beta?.close();
  await t?.drop();
});

beforeEach(async () => {
  fault = { fn: null };
  await t.db.update(hub.regions).set({ immigrationPolicy: 'open', maxVisitors: null, visitorEntryFee: 0, tariffRate: 0, status: 'active', runtimeState: 'ready', desiredState: 'running' }).where(eq(hub.regions.id, beta.id));
});

const claimsOf = (p: Traveller, admin = false) => testClaims(p.userId, p.username, p.playerId, admin);

async function start(p: Traveller, destinationRegionId: string, intent = 'VISIT') {
  return postGraphql<{ startTravel: JourneyView }>(svc.url, `mutation($d: ID!, $i: JourneyIntent) { startTravel(destinationRegionId: $d, intent: $i) { ${JOURNEY} } }`, { d: destinationRegionId, i: intent }, claimsOf(p));
}

async function journeyOf(p: Traveller): Promise<JourneyView> {
  const res = await postGraphql<{ myJourney: JourneyView }>(svc.url, `{ myJourney { ${JOURNEY} } }`, {}, claimsOf(p));
  return res.data!.myJourney;
}

async function settled(): Promise<void> {
  await svc.travel.drained();
}

async function playerRow(p: Traveller) {
  return (await t.db.select().from(hub.players).where(eq(hub.players.id, p.playerId)))[0]!;
}

describe('a journey along the hub-and-spoke route', () => {
  it('goes alpha → spoke → Nexus capital → beta landing, moving position and presence, creating the visitor membership', async () => {
    const p = await addTraveller(t.db, { regionId: alpha.id, sector: alpha.capital });
    await enterPresence(alpha.server!, p.playerId, alpha.capital);
    const [a0, b0] = [await onlineAt(alpha.server!), await onlineAt(beta.server!)];
    const res = await start(p, beta.id);
    expect(res.errors).toBeUndefined();
    expect(res.data!.startTravel.state).toBe('IN_TRANSIT');
    expect(res.data!.startTravel.legs.map((l) => l.kind)).toEqual(['TO_SPOKE', 'SPOKE_TO_NEXUS', 'NEXUS_TO_SPOKE']);
    await settled();
    const j = await journeyOf(p);
    expect(j).toMatchObject({ state: 'ARRIVED', position: { region: { name: 'beta-drift' }, sectorNumber: beta.landing } });
    expect(j.legs.map((l) => l.state)).toEqual(['DONE', 'DONE', 'DONE']);
    expect(await playerRow(p)).toMatchObject({ currentRegionId: beta.id, currentSectorNumber: beta.landing });
    const [m] = await t.db.select().from(hub.regionalMemberships).where(and(eq(hub.regionalMemberships.playerId, p.playerId), eq(hub.regionalMemberships.regionId, beta.id)));
    expect(m).toMatchObject({ membershipType: 'visitor', totalVisits: 1 });
    expect([await onlineAt(alpha.server!), await onlineAt(beta.server!)]).toEqual([a0 - 1, b0 + 1]);
    const feed = await t.db.select().from(hub.travelEvents).where(eq(hub.travelEvents.travelId, j.id));
    expect(feed.map((e) => [e.regionId, e.kind]).sort()).toEqual(
      [[alpha.id, 'departed'], [platform.nexusId, 'arrived'], [platform.nexusId, 'departed'], [beta.id, 'arrived']].sort(),
    );
  });

  it('refreshes an existing membership on a second visit and never downgrades a citizen', async () => {
    const p = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 });
    await t.db.insert(hub.regionalMemberships).values({ playerId: p.playerId, regionId: beta.id, membershipType: 'citizen', totalVisits: 4 });
    await start(p, beta.id);
    await settled();
    const [m] = await t.db.select().from(hub.regionalMemberships).where(and(eq(hub.regionalMemberships.playerId, p.playerId), eq(hub.regionalMemberships.regionId, beta.id)));
    expect(m).toMatchObject({ membershipType: 'citizen', totalVisits: 5 });
  });

  it('refuses a second journey while one is open, and a journey to where one already is', async () => {
    const p = await addTraveller(t.db, { regionId: alpha.id, sector: alpha.capital });
    await t.db.update(hub.regions).set({ immigrationPolicy: 'approval' }).where(eq(hub.regions.id, beta.id));
    expect((await start(p, beta.id)).data!.startTravel.state).toBe('REQUESTED');
    expect(errorCodes(await start(p, platform.nexusId))).toEqual(['ERR_JOURNEY_IN_PROGRESS']);
    const q = await addTraveller(t.db, { regionId: alpha.id, sector: 1 });
    expect(errorCodes(await start(q, alpha.id))).toEqual(['ERR_ALREADY_IN_REGION']);
  });
});

describe('entry gates (each refusal is recorded and answered with its code)', () => {
  async function refusedWith(p: Traveller, dest: string, code: string) {
    const res = await start(p, dest);
    expect(errorCodes(res)).toEqual([code]);
    const j = await journeyOf(p);
    expect(j).toMatchObject({ state: 'REFUSED', reasonCode: code });
    const [e] = await t.db.select().from(hub.travelEvents).where(eq(hub.travelEvents.travelId, j.id));
    expect(e).toMatchObject({ kind: 'refused', reasonCode: code, regionId: dest });
  }

  it('ERR_GALACTIC_CITIZEN_REQUIRED entering the Nexus from another region (nothing charged, nobody moved)', async () => {
    const p = await addTraveller(t.db, { regionId: alpha.id, sector: 3 }, { gc: false, homeRegionId: platform.terranId });
    await refusedWith(p, beta.id, 'ERR_GALACTIC_CITIZEN_REQUIRED');
    expect(await playerRow(p)).toMatchObject({ currentRegionId: alpha.id, currentSectorNumber: 3, credits: 10_000 });
  });

  it('leaving the Nexus and going home are never gated by Galactic Citizen', async () => {
    const inNexus = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }, { gc: false });
    expect((await start(inNexus, beta.id)).data!.startTravel.state).toBe('IN_TRANSIT');
    const awayFromHome = await addTraveller(t.db, { regionId: beta.id, sector: 5 }, { gc: false, homeRegionId: alpha.id });
    expect((await start(awayFromHome, alpha.id)).data!.startTravel.state).toBe('IN_TRANSIT');
    await settled();
    expect((await journeyOf(awayFromHome)).state).toBe('ARRIVED');
  });

  it('ERR_REGION_NEW_RESIDENTS_BLOCKED for a suspended or grace region; its owner still enters', async () => {
    await t.db.update(hub.regions).set({ status: 'grace' }).where(eq(hub.regions.id, beta.id));
    await refusedWith(await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }), beta.id, 'ERR_REGION_NEW_RESIDENTS_BLOCKED');
    await t.db.update(hub.players).set({ currentRegionId: platform.nexusId, currentSectorNumber: 2251 }).where(eq(hub.players.id, owner.playerId));
    expect((await start(owner, beta.id)).data!.startTravel.state).toBe('IN_TRANSIT');
    await settled();
  });

  it('admits a stakeholder (a planet owned there, asked from the region-server) into a suspended region', async () => {
    const p = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 });
    await beta.regionDb!.sql`UPDATE planets SET owner_player_id = ${p.playerId} WHERE id = (SELECT id FROM planets LIMIT 1)`;
    await t.db.update(hub.regions).set({ status: 'suspended' }).where(eq(hub.regions.id, beta.id));
    expect((await start(p, beta.id)).data!.startTravel.state).toBe('IN_TRANSIT');
    await settled();
  });

  it('ERR_IMMIGRATION_CLOSED for a stranger; citizens and open-borders partners enter', async () => {
    await t.db.update(hub.regions).set({ immigrationPolicy: 'closed' }).where(eq(hub.regions.id, beta.id));
    await refusedWith(await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }), beta.id, 'ERR_IMMIGRATION_CLOSED');
    const partner = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }, { homeRegionId: alpha.id });
    await t.db.insert(hub.regionalTreaties).values({ regionAId: alpha.id, regionBId: beta.id, treatyType: 'open_borders', status: 'active', acceptedAt: new Date() });
    expect((await start(partner, beta.id)).data!.startTravel.state).toBe('IN_TRANSIT');
    await settled();
    await t.db.delete(hub.regionalTreaties).where(eq(hub.regionalTreaties.regionAId, alpha.id));
  });

  it('ERR_REGION_VISITOR_LIMIT when the visitor cap is reached; a citizen still fits', async () => {
    // one non-member visitor is already in beta, and the cap is one
    await addTraveller(t.db, { regionId: beta.id, sector: beta.landing }, { homeRegionId: platform.terranId });
    await t.db.update(hub.regions).set({ maxVisitors: 1 }).where(eq(hub.regions.id, beta.id));
    await refusedWith(await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }), beta.id, 'ERR_REGION_VISITOR_LIMIT');
    const citizen = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 });
    await t.db.insert(hub.regionalMemberships).values({ playerId: citizen.playerId, regionId: beta.id, membershipType: 'citizen' });
    expect((await start(citizen, beta.id)).data!.startTravel.state).toBe('IN_TRANSIT');
    await settled();
  });

  it('ERR_REGION_NOT_READY for a region that is not serving players', async () => {
    await t.db.update(hub.regions).set({ runtimeState: 'unhealthy' }).where(eq(hub.regions.id, beta.id));
    await refusedWith(await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }), beta.id, 'ERR_REGION_NOT_READY');
  });

  it('ERR_REGION_WAKING for a hibernated or tombstoned region: the arrival asks for the wake (row + NOTIFY)', async () => {
    const notified: string[] = [];
    const listener = await t.sql.listen('sw_region_wake', (id) => notified.push(id));
    try {
      for (const dormant of ['hibernated', 'tombstoned'] as const) {
        await t.db.update(hub.regions).set({ runtimeState: dormant, wakeRequestedAt: null }).where(eq(hub.regions.id, beta.id));
        // A tombstoned region's spoke is dormant: still WAKING (not ERR_NO_ROUTE), the resurrection re-activates it.
        if (dormant === 'tombstoned') await t.db.update(hub.warpTunnels).set({ status: 'inactive' }).where(eq(hub.warpTunnels.fromRegionId, beta.id));
        await refusedWith(await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }), beta.id, 'ERR_REGION_WAKING');
        const [row] = await t.db.select({ at: hub.regions.wakeRequestedAt }).from(hub.regions).where(eq(hub.regions.id, beta.id));
        expect(row!.at).not.toBeNull();
      }
      const deadline = Date.now() + 5_000;
      while (notified.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(notified).toEqual([beta.id, beta.id]);
    } finally {
      await listener.unlisten();
      await t.db.update(hub.warpTunnels).set({ status: 'active' }).where(eq(hub.warpTunnels.fromRegionId, beta.id));
    }
  });

  it('ERR_INSUFFICIENT_CREDITS when the entry fee cannot be paid', async () => {
    await t.db.update(hub.regions).set({ visitorEntryFee: 500 }).where(eq(hub.regions.id, beta.id));
    await refusedWith(await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }, { credits: 400 }), beta.id, 'ERR_INSUFFICIENT_CREDITS');
  });

  it('ERR_NO_ROUTE when the destination has no active spoke, plus input errors', async () => {
    await t.db.update(hub.warpTunnels).set({ status: 'collapsed' }).where(eq(hub.warpTunnels.fromRegionId, beta.id));
    await refusedWith(await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }), beta.id, 'ERR_NO_ROUTE');
    await t.db.update(hub.warpTunnels).set({ status: 'active' }).where(eq(hub.warpTunnels.fromRegionId, beta.id));
    const p = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 });
    expect(errorCodes(await start(p, '00000000-0000-4000-8000-000000000000'))).toEqual(['ERR_REGION_NOT_FOUND']);
    expect(errorCodes(await start(p, 'nope'))).toEqual(['ERR_VALIDATION']);
    const anon = await postGraphql(svc.url, `mutation($d: ID!) { startTravel(destinationRegionId: $d) { id } }`, { d: beta.id });
    expect(errorCodes(anon)).toEqual(['ERR_UNAUTHENTICATED']);
    const playerless = await postGraphql(svc.url, `mutation($d: ID!) { startTravel(destinationRegionId: $d) { id } }`, { d: beta.id }, testClaims(p.userId, 'x', null));
    expect(errorCodes(playerless)).toEqual(['ERR_PLAYER_REQUIRED']);
  });
});

describe('fees, treaties, immigration', () => {
  it('holds the entry fee plus the effective tariff and pays it into the treasury with a ledger row on arrival', async () => {
    await t.db.update(hub.regions).set({ visitorEntryFee: 200, tariffRate: 0.25 }).where(eq(hub.regions.id, beta.id));
    const before = (await t.db.select({ b: hub.regions.treasuryBalance }).from(hub.regions).where(eq(hub.regions.id, beta.id)))[0]!.b;
    const p = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }, { credits: 1000 });
    const res = await start(p, beta.id);
    // few stations → the 25 % request is clamped to the 5 % cap or 15 % (depending on the generated world)
    const fee = res.data!.startTravel.fee;
    expect(fee).toBeGreaterThan(200);
    expect(fee).toBeLessThanOrEqual(250);
    await settled();
    expect((await playerRow(p)).credits).toBe(1000 - fee);
    const after = (await t.db.select({ b: hub.regions.treasuryBalance }).from(hub.regions).where(eq(hub.regions.id, beta.id)))[0]!.b;
    expect(after - before).toBe(fee);
    const [ledger] = await t.db.select().from(hub.regionalTreasuryEntries).where(eq(hub.regionalTreasuryEntries.causeId, res.data!.startTravel.id));
    expect(ledger).toMatchObject({ delta: fee, causeType: 'transfer_in', afterBalance: after });
  });

  it('a trade agreement waives the tariff for the partner region residents', async () => {
    await t.db.update(hub.regions).set({ visitorEntryFee: 200, tariffRate: 0.25 }).where(eq(hub.regions.id, beta.id));
    await t.db.insert(hub.regionalTreaties).values({ regionAId: beta.id, regionBId: alpha.id, treatyType: 'trade_agreement', status: 'active', acceptedAt: new Date() });
    const p = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }, { homeRegionId: alpha.id });
    expect((await start(p, beta.id)).data!.startTravel.fee).toBe(200);
    await settled();
    await t.db.delete(hub.regionalTreaties).where(eq(hub.regionalTreaties.regionAId, beta.id));
  });

  it('immigrating makes the traveller a resident with the new home region and grants the starting credits once', async () => {
    await t.db.update(hub.regions).set({ startingCredits: 2500 }).where(eq(hub.regions.id, beta.id));
    const p = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 }, { credits: 100 });
    await start(p, beta.id, 'IMMIGRATE');
    await settled();
    expect(await playerRow(p)).toMatchObject({ homeRegionId: beta.id, credits: 2600 });
    const [m] = await t.db.select().from(hub.regionalMemberships).where(and(eq(hub.regionalMemberships.playerId, p.playerId), eq(hub.regionalMemberships.regionId, beta.id)));
    expect(m!.membershipType).toBe('resident');
    // back to the Nexus and immigrate again: the package is not granted twice
    await start(p, platform.nexusId);
    await settled();
    await start(p, beta.id, 'IMMIGRATE');
    await settled();
    expect((await playerRow(p)).credits).toBe(2600);
  });
});

describe('approval, cancellation, diversion', () => {
  it('an approval request waits in REQUESTED; the owner approves and it runs; a denial refuses with the reason', async () => {
    await t.db.update(hub.regions).set({ immigrationPolicy: 'approval' }).where(eq(hub.regions.id, beta.id));
    const p = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 });
    const j = (await start(p, beta.id)).data!.startTravel;
    expect(j.state).toBe('REQUESTED');
    const list = await postGraphql<{ entryRequests: { id: string }[] }>(svc.url, `query($r: ID!) { entryRequests(regionId: $r) { id } }`, { r: beta.id }, claimsOf(owner));
    expect(list.data!.entryRequests.map((x) => x.id)).toContain(j.id);
    const stranger = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 });
    const decide = `mutation($j: ID!, $a: Boolean!) { decideEntryRequest(journeyId: $j, approve: $a) { state reasonCode } }`;
    expect(errorCodes(await postGraphql(svc.url, decide, { j: j.id, a: true }, claimsOf(stranger)))).toEqual(['ERR_NOT_IMMIGRATION_OFFICER']);
    const ok = await postGraphql<{ decideEntryRequest: { state: string } }>(svc.url, decide, { j: j.id, a: true }, claimsOf(owner));
    expect(ok.data!.decideEntryRequest.state).toBe('IN_TRANSIT');
    await settled();
    expect((await journeyOf(p)).state).toBe('ARRIVED');
    expect(errorCodes(await postGraphql(svc.url, decide, { j: j.id, a: true }, claimsOf(owner)))).toEqual(['ERR_JOURNEY_NOT_AWAITING_APPROVAL']);

    const q = await addTraveller(t.db, { regionId: platform.nexusId, sector: 2251 });
    const k = (await start(q, beta.id)).data!.startTravel;
    const no = await postGraphql<{ decideEntryRequest: { state: string; reasonCode: string } }>(svc.url, decide, { j: k.id, a: false }, claimsOf(owner));
    expect(no.data!.decideEntryRequest).toEqual({ state: 'REFUSED', reasonCode: 'ERR_IMMIGRATION_DENIED' });
  });

  it('cancelling keeps the traveller where they are and refunds the fee; a finished journey cannot be cancelled', async () => {
    await t.db.update(hub.regions).set({ immigrationPolicy: 'approval', visitorEntryFee: 100 }).where(eq(hub.regions.id, beta.id));
    const p = await addTraveller(t.db, { regionId: alpha.id, sector: alpha.capital });
    const j = (await start(p, beta.id)).data!.startTravel;
    const cancel = `mutation($j: ID!) { cancelTravel(journeyId: $j) { state reasonCode position { region { name } } } }`;
    const other = await addTraveller(t.db, { regionId: alpha.id, sector: 1 });
    expect(errorCodes(await postGraphql(svc.url, cancel, { j: j.id }, claimsOf(other)))).toEqual(['ERR_JOURNEY_NOT_FOUND']);
    const res = await postGraphql<{ cancelTravel: { state: string; reasonCode: string; position: { region: { name: string } } } }>(svc.url, cancel, { j: j.id }, claimsOf(p));
    expect(res.data!.cancelTravel).toEqual({ state: 'CANCELLED', reasonCode: 'CANCELLED_BY_TRAVELLER', position: { region: { name: 'alpha-reach' } } });
    expect((await playerRow(p)).credits).toBe(10_000);
    expect(errorCodes(await postGraphql(svc.url, cancel, { j: j.id }, claimsOf(p)))).toEqual(['ERR_JOURNEY_NOT_OPEN']);
  });

  it.each([
    ['goes down (unhealthy)', { runtimeState: 'unhealthy' }],
    ['is terminated', { status: 'terminated', desiredState: 'terminated' }],
  ])('a destination that %s mid-journey diverts the traveller to the Nexus capital with the reason, fee refunded', async (_l, change) => {
    await t.db.update(hub.regions).set({ visitorEntryFee: 100 }).where(eq(hub.regions.id, beta.id));
    const p = await addTraveller(t.db, { regionId: alpha.id, sector: alpha.capital });
    fault.fn = (point, leg) => {
      if (point === 'after-leg-commit' && leg === 1) throw new Error('pause after the Nexus leg');
    };
    await start(p, beta.id);
    await settled();
    fault.fn = null;
    await t.db.update(hub.regions).set(change).where(eq(hub.regions.id, beta.id));
    await svc.travel.sweep();
    const j = await journeyOf(p);
    expect(j).toMatchObject({ state: 'DIVERTED', reasonCode: 'ERR_REGION_NOT_READY', position: { region: { name: 'central-nexus' }, sectorNumber: 2251 } });
    expect(await playerRow(p)).toMatchObject({ currentRegionId: platform.nexusId, currentSectorNumber: 2251, credits: 10_000 });
  });

  it('a Galactic Citizen status that ends mid-journey stops it at the spoke, in the origin region, fee refunded', async () => {
    await t.db.update(hub.regions).set({ visitorEntryFee: 100 }).where(eq(hub.regions.id, beta.id));
    const p = await addTraveller(t.db, { regionId: alpha.id, sector: alpha.capital }, { homeRegionId: platform.terranId });
    fault.fn = (point, leg) => {
      if (point === 'after-leg-commit' && leg === 0) throw new Error('pause at the spoke');
    };
    await start(p, beta.id);
    await settled();
    fault.fn = null;
    await t.db.update(hub.players).set({ isGalacticCitizen: false }).where(eq(hub.players.id, p.playerId));
    await svc.travel.sweep();
    const j = await journeyOf(p);
    expect(j).toMatchObject({ state: 'REFUSED', reasonCode: 'ERR_GALACTIC_CITIZEN_REQUIRED', position: { region: { name: 'alpha-reach' }, sectorNumber: alpha.landing } });
    expect(await playerRow(p)).toMatchObject({ currentRegionId: alpha.id, currentSectorNumber: alpha.landing, credits: 10_000 });
  });

  it('a traveller without Galactic Citizen is diverted to Terran Space instead', async () => {
    const p = await addTraveller(t.db, { regionId: platform.nexusId, sector: 100 }, { gc: false });
    fault.fn = (point, leg) => {
      if (point === 'after-leg-commit' && leg === 0) throw new Error('pause in the Nexus');
    };
    await start(p, beta.id);
    await settled();
    fault.fn = null;
    await t.db.update(hub.regions).set({ runtimeState: 'draining' }).where(eq(hub.regions.id, beta.id));
    await svc.travel.sweep();
    expect((await journeyOf(p)).state).toBe('DIVERTED');
    expect((await playerRow(p)).currentRegionId).toBe(platform.terranId);
  });
});

describe('a crash at every leg never half-applies the journey', () => {
  it.each([0, 1, 2])('crash inside leg %i: the leg rolls back whole, the sweep resumes and the journey arrives', async (crashLeg) => {
    const p = await addTraveller(t.db, { regionId: alpha.id, sector: alpha.capital });
    await enterPresence(alpha.server!, p.playerId, alpha.capital);
    let crashed = false;
    fault.fn = (point, leg) => {
      if (point === 'in-leg-tx' && leg === crashLeg && !crashed) {
        crashed = true;
        throw new Error(`simulated crash in leg ${leg}`);
      }
    };
    const started = (await start(p, beta.id)).data!.startTravel;
    await settled();
    expect(crashed).toBe(true);
    const mid = await journeyOf(p);
    expect(mid.state).toBe('IN_TRANSIT');
    expect(mid.legs.filter((l) => l.state === 'DONE').map((l) => l.index)).toEqual([0, 1, 2].slice(0, crashLeg));
    // the player is exactly at the last completed waypoint: position and journey agree
    const row = await playerRow(p);
    expect({ region: row.currentRegionId, sector: row.currentSectorNumber }).toEqual(
      crashLeg === 0 ? { region: alpha.id, sector: alpha.capital } : crashLeg === 1 ? { region: alpha.id, sector: alpha.landing } : { region: platform.nexusId, sector: 2251 },
    );
    await svc.travel.sweep();
    expect((await journeyOf(p)).state).toBe('ARRIVED');
    expect(await playerRow(p)).toMatchObject({ currentRegionId: beta.id, currentSectorNumber: beta.landing });
    const events = await t.db.select().from(hub.travelEvents).where(eq(hub.travelEvents.travelId, started.id));
    expect(events.filter((e) => e.kind === 'arrived' && e.regionId === beta.id)).toHaveLength(1);
  });

  it.each([0, 1, 2])('crash after leg %i commits: presence and events are owed, the sweep settles them', async (crashLeg) => {
    const p = await addTraveller(t.db, { regionId: alpha.id, sector: alpha.capital });
    await enterPresence(alpha.server!, p.playerId, alpha.capital);
    const before = { a: await onlineAt(alpha.server!), b: await onlineAt(beta.server!) };
    fault.fn = (point, leg) => {
      if (point === 'after-leg-commit' && leg === crashLeg) throw new Error(`simulated crash after leg ${leg}`);
    };
    await start(p, beta.id);
    await settled();
    fault.fn = null;
    await new Promise((r) => setTimeout(r, 1100)); // the sweep leaves syncs younger than a second to their owner
    await svc.travel.sweep();
    await svc.travel.sweep();
    expect((await journeyOf(p)).state).toBe('ARRIVED');
    expect({ a: await onlineAt(alpha.server!), b: await onlineAt(beta.server!) }).toEqual({ a: before.a - 1, b: before.b + 1 });
    const [j] = await t.db.select().from(hub.interRegionalTravels).where(eq(hub.interRegionalTravels.playerId, p.playerId));
    expect(j!.presenceSyncedAt).not.toBeNull();
  });
});

describe('transit time per leg', () => {
  it('schedules each leg at its ETA (per leg kind) and arrives once the last one is due', async () => {
    const runner = new JourneyRunner({ db: t.db, bus: null, transit: { default: 150, to_spoke: 50 }, sweepMs: 0, timeoutMs: 1000 });
    try {
      const p = await addTraveller(t.db, { regionId: alpha.id, sector: alpha.capital });
      const out = await startTravelCommand(runner, claimsOf(p), { destinationRegionId: beta.id });
      expect(out.kind).toBe('ok');
      expect((await journeyOf(p)).state).toBe('IN_TRANSIT');
      const deadline = Date.now() + 20_000;
      while ((await journeyOf(p)).state !== 'ARRIVED' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await runner.drained();
      const legs = await t.db.select().from(hub.travelLegs).where(eq(hub.travelLegs.travelId, (await journeyOf(p)).id));
      legs.sort((a, b) => a.legIndex - b.legIndex);
      const planned = legs.map((l) => l.etaAt!.getTime() - l.startedAt!.getTime());
      expect(planned).toEqual([50, 150, 150]);
      for (const l of legs) expect(l.completedAt!.getTime()).toBeGreaterThanOrEqual(l.etaAt!.getTime());
    } finally {
      await runner.stop();
    }
  });
});
