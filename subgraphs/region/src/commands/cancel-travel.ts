/**
 * cancelTravel: one intent — the traveller stops their open journey. They stay where they are (the last waypoint
 * reached: the hub position), the held fee is refunded, the rest of the legs are aborted, and the destination's
 * feed says so. One transaction locking the journey, then the player.
 *
 * Outcomes: ok | unauthenticated | player_required | invalid | journey_not_found | conflict (ERR_JOURNEY_NOT_OPEN).
 */
import { eq } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import { isJourneyOpen, isUuid, type JourneyState } from '@sw/domain';
import { lockPlayer } from '../travel/journey-start.ts';
import { finishJourney, insertEvents, journeyById, type JourneyRow, type TravelEventMessage } from '../travel/journey-store.ts';
import type { JourneyRunner } from '../travel/journey-runner.ts';
import type { CommandFailure } from './outcome.ts';

/** Reason code of a journey its traveller cancelled. */
export const CANCELLED_BY_TRAVELLER = 'CANCELLED_BY_TRAVELLER';

export type CancelTravelOutcome = { kind: 'ok'; journey: JourneyRow } | CommandFailure;

export async function cancelTravel(runner: JourneyRunner, claims: Claims | null, journeyId: string): Promise<CancelTravelOutcome> {
  if (claims === null) return { kind: 'unauthenticated' };
  if (claims.playerId === null) return { kind: 'player_required' };
  if (!isUuid(journeyId)) return { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'journeyId', message: 'must be a uuid' }] };
  const now = runner.now();
  type Result = CancelTravelOutcome & { messages?: TravelEventMessage[] };
  const result = await runner.db.transaction(async (tx): Promise<Result> => {
    const T = hub.interRegionalTravels;
    const [j] = await tx.select().from(T).where(eq(T.id, journeyId)).for('update');
    if (!j || j.playerId !== claims.playerId) return { kind: 'journey_not_found', journeyId };
    if (!isJourneyOpen(j.status as JourneyState)) return { kind: 'conflict', code: 'ERR_JOURNEY_NOT_OPEN', reason: `the journey has already ended (${j.status})`, journeyId };
    const player = await lockPlayer(tx, j.playerId);
    const at = { regionId: player?.currentRegionId ?? j.sourceRegionId, sectorNumber: player?.currentSectorNumber ?? j.originSectorNumber };
    await finishJourney(tx, j, 'cancelled', { ...at, reasonCode: CANCELLED_BY_TRAVELLER, reason: 'cancelled by the traveller', moved: false }, now);
    const messages = await insertEvents(tx, j, [{ regionId: j.destinationRegionId, kind: 'cancelled', reasonCode: CANCELLED_BY_TRAVELLER }], now);
    return { kind: 'ok', journey: j, messages };
  });
  await runner.afterCommit(result.messages ?? [], result.kind === 'ok' ? [{ id: journeyId, playerId: claims.playerId }] : []);
  if (result.kind !== 'ok') return result;
  return { kind: 'ok', journey: (await journeyById(runner.db, journeyId))! };
}
