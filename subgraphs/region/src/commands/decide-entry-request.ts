/**
 * decideEntryRequest: one intent — the destination's owner or governor (or an admin) approves or denies a journey
 * waiting under the approval policy. A denial ends it REFUSED (ERR_IMMIGRATION_DENIED). An approval re-routes from
 * where the traveller is now and re-asks every other gate (the region may have closed, the traveller may have lost
 * their Galactic Citizen status or their credits); if all pass, the journey starts IN_TRANSIT with the fee held.
 * One transaction locking the journey, then the player.
 *
 * Outcomes: ok | unauthenticated | invalid | journey_not_found | denied (ERR_NOT_IMMIGRATION_OFFICER) |
 * conflict (ERR_JOURNEY_NOT_AWAITING_APPROVAL).
 */
import { eq, sql } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import { isUuid } from '@sw/domain';
import { loadRegionActor } from '../config/region-actor.ts';
import { canDecideEntry } from '../permissions.ts';
import { isStakeholder, regionForTravel, REGION_TRAVEL_COLUMNS } from '../travel/entry-facts.ts';
import { entryVerdict, insertLegs, lockPlayer, routeFor } from '../travel/journey-start.ts';
import { finishJourney, insertEvents, journeyById, type JourneyRow, type TravelEventMessage } from '../travel/journey-store.ts';
import type { JourneyRunner } from '../travel/journey-runner.ts';
import { stationCountOf } from '../stats/world-counts.ts';
import type { CommandFailure } from './outcome.ts';

export type DecideEntryOutcome = { kind: 'ok'; journey: JourneyRow } | CommandFailure;

export async function decideEntryRequest(
  runner: JourneyRunner,
  claims: Claims | null,
  input: { journeyId: string; approve: boolean; reason?: string | null },
): Promise<DecideEntryOutcome> {
  if (claims === null) return { kind: 'unauthenticated' };
  if (!isUuid(input.journeyId)) return { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'journeyId', message: 'must be a uuid' }] };
  const reasonText = input.reason?.trim().slice(0, 500) || null;
  const { db } = runner;
  const pre = await journeyById(db, input.journeyId);
  if (!pre) return { kind: 'journey_not_found', journeyId: input.journeyId };
  const [destPre] = await db.select({ ...REGION_TRAVEL_COLUMNS, governorId: hub.regions.governorId }).from(hub.regions).where(eq(hub.regions.id, pre.destinationRegionId));
  if (!destPre) return { kind: 'journey_not_found', journeyId: input.journeyId };
  const { actor } = await loadRegionActor(db, claims, destPre);
  if (!canDecideEntry(actor)) return { kind: 'denied', code: 'ERR_NOT_IMMIGRATION_OFFICER', reason: "only the destination's owner or governor (or an admin) decides entry requests" };
  if (pre.status !== 'requested') return { kind: 'conflict', code: 'ERR_JOURNEY_NOT_AWAITING_APPROVAL', reason: `the journey is ${pre.status}`, journeyId: pre.id };
  const anchors = await runner.anchors();
  const stationCount = await stationCountOf(db, destPre, runner.timeoutMs);
  const stakeholder = ['suspended', 'grace'].includes(destPre.status) ? await isStakeholder(db, { ...destPre, tariffRate: Number(destPre.tariffRate) }, pre.playerId, runner.timeoutMs) : false;
  const now = runner.now();

  type Result = DecideEntryOutcome & { messages?: TravelEventMessage[]; started?: boolean };
  const result = await db.transaction(async (tx): Promise<Result> => {
    const T = hub.interRegionalTravels;
    const [j] = await tx.select().from(T).where(eq(T.id, input.journeyId)).for('update');
    if (!j || j.status !== 'requested' || !anchors) return { kind: 'conflict', code: 'ERR_JOURNEY_NOT_AWAITING_APPROVAL', reason: `the journey is ${j?.status ?? 'gone'}`, journeyId: input.journeyId };
    const player = await lockPlayer(tx, j.playerId);
    const decided = { approval: input.approve ? 'approved' : 'denied', decidedByPlayerId: claims.playerId, decidedAt: now, updatedAt: now };
    await tx.update(T).set(decided).where(eq(T.id, j.id));
    const here = { regionId: player?.currentRegionId ?? j.sourceRegionId, sectorNumber: player?.currentSectorNumber ?? j.originSectorNumber, moved: false };
    const refuse = async (code: string, reason: string): Promise<Result> => {
      await finishJourney(tx, { ...j, ...decided }, 'refused', { ...here, reasonCode: code, reason }, now);
      const messages = await insertEvents(tx, j, [{ regionId: j.destinationRegionId, kind: 'refused', reasonCode: code }], now);
      return { kind: 'ok', journey: j, messages };
    };
    if (!input.approve) return refuse('ERR_IMMIGRATION_DENIED', reasonText ?? 'an officer of the region denied the entry request');
    const dest = await regionForTravel(tx, j.destinationRegionId, destPre.maxVisitors !== null);
    if (!dest || !player) return refuse('ERR_REGION_NOT_READY', 'the destination no longer exists');
    const route = await routeFor(tx, anchors, player, dest);
    if (!route.ok) return refuse(route.refusal.code, route.refusal.reason);
    const verdict = await entryVerdict(tx, { anchors, player, origin: route.origin, dest, stationCount, isStakeholder: stakeholder, approval: 'approved', now });
    if (verdict.decision.kind !== 'admit') {
      const refusal = verdict.decision.kind === 'refuse' ? verdict.decision.refusal : { code: 'ERR_IMMIGRATION_DENIED', reason: 'entry still needs a decision' };
      return refuse(refusal.code, refusal.reason);
    }
    await tx.delete(hub.travelLegs).where(eq(hub.travelLegs.travelId, j.id));
    await insertLegs(tx, j.id, route.legs, runner.transit, now, true);
    await tx
      .update(T)
      .set({ status: 'in_transit', startedAt: now, currentLeg: 0, legCount: route.legs.length, sourceRegionId: route.origin.id, originSectorNumber: route.originSector, landingSectorNumber: route.landingSector, travelCost: verdict.fee })
      .where(eq(T.id, j.id));
    if (verdict.fee > 0) await tx.update(hub.players).set({ credits: sql`${hub.players.credits} - ${verdict.fee}` }).where(eq(hub.players.id, j.playerId));
    return { kind: 'ok', journey: j, messages: [], started: true };
  });
  await runner.afterCommit(result.messages ?? [], result.kind === 'ok' ? [{ id: input.journeyId, playerId: pre.playerId }] : []);
  if (result.kind !== 'ok') return result;
  if (result.started) runner.kick(input.journeyId);
  return { kind: 'ok', journey: (await journeyById(db, input.journeyId))! };
}
