/**
 * Loads what the travel gates need to know about a destination and a traveller's standing there — all from the
 * database (and, only for a suspended or grace region, the region-server's holdings), never from request input.
 */
import { regionServerAuthHeaders } from '@sw/auth';
import { and, eq, inArray, notInArray, or, sql } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { OPEN_JOURNEY_STATES, treatyEffectsBetween, type GateDestination, type GateTraveller, type TreatyEffects } from '@sw/domain';
import type { HubTx } from '@sw/region-config';

type Db = HubDb | HubTx;

export interface RegionForTravel {
  id: string;
  name: string;
  regionType: string;
  status: string;
  runtimeState: string;
  desiredState: string;
  ownerId: string | null;
  runtimeEndpoint: string | null;
  nexusWarpSector: number | null;
  capitalSectorNumber: number | null;
  immigrationPolicy: string;
  maxVisitors: number | null;
  visitorEntryFee: number;
  tariffRate: number;
}

const R = hub.regions;
export const REGION_TRAVEL_COLUMNS = {
  id: R.id,
  name: R.name,
  regionType: R.regionType,
  status: R.status,
  runtimeState: R.runtimeState,
  desiredState: R.desiredState,
  ownerId: R.ownerId,
  runtimeEndpoint: R.runtimeEndpoint,
  nexusWarpSector: R.nexusWarpSector,
  capitalSectorNumber: R.capitalSectorNumber,
  immigrationPolicy: R.immigrationPolicy,
  maxVisitors: R.maxVisitors,
  visitorEntryFee: R.visitorEntryFee,
  tariffRate: R.tariffRate,
};

export async function regionForTravel(tx: HubTx, id: string, lock = false): Promise<RegionForTravel | undefined> {
  const q = tx.select(REGION_TRAVEL_COLUMNS).from(R).where(eq(R.id, id));
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ? { ...rows[0], tariffRate: Number(rows[0].tariffRate) } : undefined;
}

/** True when an ACTIVE warp tunnel links the region with the Nexus (either direction): its spoke is attached. */
export async function hasSpoke(tx: HubTx, regionId: string, nexusId: string): Promise<boolean> {
  const w = hub.warpTunnels;
  const rows = await tx
    .select({ id: w.id })
    .from(w)
    .where(and(eq(w.status, 'active'), or(and(eq(w.fromRegionId, regionId), eq(w.toRegionId, nexusId)), and(eq(w.fromRegionId, nexusId), eq(w.toRegionId, regionId)))))
    .limit(1);
  return rows.length > 0;
}

/** Planets or stations the player owns in the region (which makes them a stakeholder), asked where the world lives. */
export async function isStakeholder(tx: Db, region: RegionForTravel, playerId: string, timeoutMs: number): Promise<boolean> {
  if (region.regionType !== 'player_owned') {
    const [h] = await tx.execute<{ n: number }>(sql`
      SELECT (SELECT count(*) FROM planets WHERE region_id = ${region.id} AND owner_player_id = ${playerId})
           + (SELECT count(*) FROM stations WHERE region_id = ${region.id} AND owner_player_id = ${playerId}) AS n`);
    return Number(h?.n ?? 0) > 0;
  }
  if (!region.runtimeEndpoint) return false;
  try {
    const res = await fetch(`${region.runtimeEndpoint.replace(/\/+$/, '')}/holdings/${playerId}`, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: regionServerAuthHeaders(region.id), // region-servers answer their hub only
    });
    if (!res.ok) return false;
    const body = (await res.json()) as { planets?: unknown; stations?: unknown };
    return Number(body.planets ?? 0) + Number(body.stations ?? 0) > 0;
  } catch {
    return false; // unknown holdings never open a blocked region
  }
}

/** Active treaty effects for a resident of `homeRegionId` entering `regionId`. */
export async function treatyEffectsFor(tx: HubTx, regionId: string, homeRegionId: string | null, now: Date): Promise<TreatyEffects> {
  if (homeRegionId === null || homeRegionId === regionId) return treatyEffectsBetween([], regionId, homeRegionId, now);
  const t = hub.regionalTreaties;
  const rows = await tx
    .select({ regionAId: t.regionAId, regionBId: t.regionBId, treatyType: t.treatyType, status: t.status, expiresAt: t.expiresAt })
    .from(t)
    .where(or(and(eq(t.regionAId, regionId), eq(t.regionBId, homeRegionId)), and(eq(t.regionAId, homeRegionId), eq(t.regionBId, regionId))));
  return treatyEffectsBetween(rows, regionId, homeRegionId, now);
}

/** Non-member visitors in the region now plus open journeys heading there (so concurrent starts cannot overshoot). */
export async function visitorsPresent(tx: HubTx, regionId: string): Promise<number> {
  const p = hub.players;
  const m = hub.regionalMemberships;
  const [present] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(p)
    .where(
      and(
        eq(p.currentRegionId, regionId),
        sql`${p.homeRegionId} IS DISTINCT FROM ${regionId}`,
        notInArray(
          p.id,
          tx.select({ id: m.playerId }).from(m).where(and(eq(m.regionId, regionId), inArray(m.membershipType, ['citizen', 'resident']))),
        ),
      ),
    );
  const t = hub.interRegionalTravels;
  const [inbound] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(and(eq(t.destinationRegionId, regionId), inArray(t.status, [...OPEN_JOURNEY_STATES])));
  return Number(present?.n ?? 0) + Number(inbound?.n ?? 0);
}

export function gateDestination(r: RegionForTravel, visitors: number): GateDestination {
  return {
    regionId: r.id,
    regionType: r.regionType,
    status: r.status,
    runtimeState: r.runtimeState,
    desiredState: r.desiredState,
    immigrationPolicy: r.immigrationPolicy,
    maxVisitors: r.maxVisitors,
    visitorsPresent: visitors,
  };
}

export type { GateTraveller };
