/**
 * Rows and small writes of the travel tables, shared by the travel commands and the journey runner. Every write here
 * runs inside the caller's transaction; events are inserted with the change they report (the feed is durable) and
 * published after commit by the caller.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { NEXUS_CAPITAL_SECTOR_NUMBER, type JourneyState, type TravelEventKind } from '@sw/domain';
import type { HubTx } from '@sw/region-config';

export type JourneyRow = typeof hub.interRegionalTravels.$inferSelect;
export type LegRow = typeof hub.travelLegs.$inferSelect;
export type TravelEventRow = typeof hub.travelEvents.$inferSelect;
type Db = HubDb | HubTx;

const T = hub.interRegionalTravels;
const L = hub.travelLegs;

/** A feed entry to write: which region's feed, what happened, why. */
export interface EventDraft {
  regionId: string;
  kind: TravelEventKind;
  reasonCode?: string | null;
}

/** What the bus carries for one feed entry (subscribers reload the journey for the view). */
export interface TravelEventMessage {
  seq: number;
  kind: TravelEventKind;
  regionId: string;
  journeyId: string;
  playerId: string;
  reasonCode: string | null;
  at: string;
}

export async function insertEvents(tx: HubTx, journey: Pick<JourneyRow, 'id' | 'playerId'>, drafts: EventDraft[], at: Date): Promise<TravelEventMessage[]> {
  if (drafts.length === 0) return [];
  const rows = await tx
    .insert(hub.travelEvents)
    .values(drafts.map((d) => ({ travelId: journey.id, regionId: d.regionId, kind: d.kind, reasonCode: d.reasonCode ?? null, at })))
    .returning();
  return rows.map((r) => messageOf(r, journey.playerId));
}

export function messageOf(r: TravelEventRow, playerId: string): TravelEventMessage {
  return { seq: r.id, kind: r.kind as TravelEventKind, regionId: r.regionId, journeyId: r.travelId, playerId, reasonCode: r.reasonCode, at: r.at.toISOString() };
}

export async function journeyById(db: Db, id: string): Promise<JourneyRow | undefined> {
  return (await db.select().from(T).where(eq(T.id, id)))[0];
}

export async function legsOf(db: Db, travelIds: readonly string[]): Promise<LegRow[]> {
  if (travelIds.length === 0) return [];
  return db.select().from(L).where(inArray(L.travelId, [...travelIds])).orderBy(asc(L.travelId), asc(L.legIndex));
}

/** The platform regions travel needs: the Nexus (and its capital) and Terran Space (the safe fallback). */
export interface PlatformAnchors {
  nexusId: string;
  nexusCapital: number;
  terranId: string | null;
  terranCapital: number;
}

export async function loadPlatformAnchors(db: Db): Promise<PlatformAnchors | null> {
  const rows = await db
    .select({ id: hub.regions.id, type: hub.regions.regionType, capital: hub.regions.capitalSectorNumber })
    .from(hub.regions)
    .where(inArray(hub.regions.regionType, ['central_nexus', 'terran_space']));
  const nexus = rows.find((r) => r.type === 'central_nexus');
  if (!nexus) return null;
  const terran = rows.find((r) => r.type === 'terran_space');
  return { nexusId: nexus.id, nexusCapital: nexus.capital ?? NEXUS_CAPITAL_SECTOR_NUMBER, terranId: terran?.id ?? null, terranCapital: terran?.capital ?? 1 };
}

/** Moves the traveller (same transaction as the leg or journey row that explains the move). */
export async function movePlayer(tx: HubTx, playerId: string, regionId: string, sectorNumber: number): Promise<void> {
  await tx.update(hub.players).set({ currentRegionId: regionId, currentSectorNumber: sectorNumber }).where(eq(hub.players.id, playerId));
}

/** Credits back to the traveller (a refused, cancelled or diverted journey returns its held fee). */
export async function refundFee(tx: HubTx, journey: Pick<JourneyRow, 'playerId' | 'travelCost' | 'startedAt'>): Promise<void> {
  if (journey.travelCost <= 0 || journey.startedAt === null) return;
  await tx.update(hub.players).set({ credits: sql`${hub.players.credits} + ${journey.travelCost}` }).where(eq(hub.players.id, journey.playerId));
}

/** Ends a journey in `state`: remaining legs aborted, fee refunded unless it arrived, presence owed when it moved. */
export async function finishJourney(
  tx: HubTx,
  journey: JourneyRow,
  state: Exclude<JourneyState, 'requested' | 'in_transit'>,
  end: { regionId: string; sectorNumber: number; reasonCode?: string | null; reason?: string | null; moved: boolean },
  at: Date,
): Promise<void> {
  await tx.update(L).set({ status: 'aborted' }).where(and(eq(L.travelId, journey.id), inArray(L.status, ['pending', 'in_transit'])));
  if (state !== 'arrived') await refundFee(tx, journey);
  await tx
    .update(T)
    .set({
      status: state,
      completedAt: at,
      currentLeg: null,
      reasonCode: end.reasonCode ?? null,
      reason: end.reason ?? null,
      endedRegionId: end.regionId,
      endedSectorNumber: end.sectorNumber,
      updatedAt: at,
      ...(end.moved ? { presenceSyncedAt: null } : {}),
    })
    .where(eq(T.id, journey.id));
}
