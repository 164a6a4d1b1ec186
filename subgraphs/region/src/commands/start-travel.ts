/**
 * startTravel: one intent — a player asks to travel to another region (docs/rules/travel.md). Guards: signed in
 * with a player, destination exists, not already there, no open journey. Then ONE transaction with the player row
 * locked: route from the current position along attached spokes, every entry gate, the entry fee. A refusal is
 * recorded (REFUSED journey + a feed entry at the destination) and answered with the gate's code; under the
 * approval policy the journey waits in REQUESTED; otherwise it starts IN_TRANSIT with the fee held. Events are
 * published and the first leg scheduled after commit.
 *
 * Outcomes: ok (journey) | unauthenticated | player_required | invalid | region_not_found | conflict
 * (ERR_ALREADY_IN_REGION, ERR_JOURNEY_IN_PROGRESS) | refused (gate code, journey id).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub, requestRegionWakeDb } from '@sw/db';
import { JOURNEY_INTENTS, OPEN_JOURNEY_STATES, isUuid, isWakingForTravel, type JourneyIntent } from '@sw/domain';
import { isStakeholder, regionForTravel, REGION_TRAVEL_COLUMNS } from '../travel/entry-facts.ts';
import { entryVerdict, insertLegs, lockPlayer, routeFor } from '../travel/journey-start.ts';
import { insertEvents, type JourneyRow, type TravelEventMessage } from '../travel/journey-store.ts';
import type { JourneyRunner } from '../travel/journey-runner.ts';
import { stationCountOf } from '../stats/world-counts.ts';
import type { CommandFailure } from './outcome.ts';

export type StartTravelOutcome = { kind: 'ok'; journey: JourneyRow } | CommandFailure;

export async function startTravel(
  runner: JourneyRunner,
  claims: Claims | null,
  input: { destinationRegionId: string; intent?: string | null },
): Promise<StartTravelOutcome> {
  if (claims === null) return { kind: 'unauthenticated' };
  const playerId = claims.playerId;
  if (playerId === null) return { kind: 'player_required' };
  const intent = (input.intent ?? 'visit').toLowerCase() as JourneyIntent;
  if (!isUuid(input.destinationRegionId)) return { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'destinationRegionId', message: 'must be a uuid' }] };
  if (!JOURNEY_INTENTS.includes(intent)) return { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'intent', message: `must be one of ${JOURNEY_INTENTS.join(', ')}` }] };
  const { db } = runner;
  const anchors = await runner.anchors();
  const [destPre] = await db.select(REGION_TRAVEL_COLUMNS).from(hub.regions).where(eq(hub.regions.id, input.destinationRegionId));
  if (!destPre || !anchors) return { kind: 'region_not_found', regionId: input.destinationRegionId };
  // A hibernated / tombstoned destination: the arrival asks for the wake (hub row + NOTIFY, the orchestrator starts it)
  // and this journey is refused with ERR_REGION_WAKING below; the traveller retries once it is READY (seconds).
  const dormant = isWakingForTravel(destPre.runtimeState, destPre.desiredState);
  if (dormant) await requestRegionWakeDb(db, destPre.id);
  // Region-server calls happen before the transaction: no row lock is held across the network.
  const stationCount = dormant ? 0 : await stationCountOf(db, destPre, runner.timeoutMs);
  const stakeholder = ['suspended', 'grace'].includes(destPre.status) ? await isStakeholder(db, { ...destPre, tariffRate: Number(destPre.tariffRate) }, playerId, runner.timeoutMs) : false;
  const now = runner.now();

  type Result = StartTravelOutcome & { messages?: TravelEventMessage[] };
  const result: Result = await db.transaction(async (tx): Promise<Result> => {
    const T = hub.interRegionalTravels;
    const [player, [open], locked] = await Promise.all([
      lockPlayer(tx, playerId),
      tx.select({ id: T.id }).from(T).where(and(eq(T.playerId, playerId), inArray(T.status, [...OPEN_JOURNEY_STATES]))),
      // Only a visitor cap needs the destination row locked (so concurrent starts cannot overshoot it).
      destPre.maxVisitors !== null ? regionForTravel(tx, input.destinationRegionId, true) : Promise.resolve(null),
    ]);
    if (!player) return { kind: 'player_required' };
    if (open) return { kind: 'conflict', code: 'ERR_JOURNEY_IN_PROGRESS', reason: 'you already have a journey under way: cancel it or wait for it to end', journeyId: open.id };
    const dest = locked ?? { ...destPre, tariffRate: Number(destPre.tariffRate) };
    if ((player.currentRegionId ?? anchors.terranId) === dest.id) return { kind: 'conflict', code: 'ERR_ALREADY_IN_REGION', reason: `you are already in ${dest.name}` };

    const route = await routeFor(tx, anchors, player, dest);
    const base = {
      playerId,
      sourceRegionId: route.origin?.id ?? dest.id,
      destinationRegionId: dest.id,
      intent,
      originSectorNumber: route.originSector,
      initiatedAt: now,
      updatedAt: now,
      presenceSyncedAt: now,
    };
    const refuse = async (code: string, reason: string): Promise<Result> => {
      if (!route.origin) return { kind: 'refused', code: code as never, reason, journeyId: null };
      const [row] = await tx.insert(T).values({ ...base, status: 'refused', reasonCode: code, reason, completedAt: now }).returning();
      const messages = await insertEvents(tx, row!, [{ regionId: dest.id, kind: 'refused', reasonCode: code }], now);
      return { kind: 'refused', code: code as never, reason, journeyId: row!.id, messages };
    };
    // Before the route: a tombstoned region's Nexus spoke is dormant until it is resurrected.
    if (dormant) return refuse('ERR_REGION_WAKING', `${dest.name} is waking up (it was hibernating): try again in a few seconds`);
    if (!route.ok) return refuse(route.refusal.code, route.refusal.reason);

    const verdict = await entryVerdict(tx, { anchors, player, origin: route.origin, dest, stationCount, isStakeholder: stakeholder, approval: 'none', now });
    if (verdict.decision.kind === 'refuse') return refuse(verdict.decision.refusal.code, verdict.decision.refusal.reason);
    const waiting = verdict.decision.kind === 'needs_approval';
    const [row] = await tx
      .insert(T)
      .values({
        ...base,
        status: waiting ? 'requested' : 'in_transit',
        landingSectorNumber: route.landingSector,
        legCount: route.legs.length,
        currentLeg: waiting ? null : 0,
        travelCost: verdict.fee,
        startedAt: waiting ? null : now,
      })
      .returning();
    await insertLegs(tx, row!.id, route.legs, runner.transit, now, !waiting);
    if (!waiting && verdict.fee > 0) {
      await tx.update(hub.players).set({ credits: sql`${hub.players.credits} - ${verdict.fee}` }).where(eq(hub.players.id, playerId));
    }
    const messages = waiting ? await insertEvents(tx, row!, [{ regionId: dest.id, kind: 'entry_requested' }], now) : [];
    return { kind: 'ok', journey: row!, messages };
  });

  await runner.afterCommit(result.messages ?? [], result.kind === 'ok' ? [{ id: result.journey.id, playerId }] : result.kind === 'refused' && result.journeyId ? [{ id: result.journeyId, playerId }] : []);
  if (result.kind === 'ok' && result.journey.status === 'in_transit') runner.kick(result.journey.id);
  const { messages: _m, ...outcome } = result;
  return outcome as StartTravelOutcome;
}
