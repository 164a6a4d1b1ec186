/**
 * GraphQL parents of Journey, JourneyLeg, JourneyPosition and TravelEvent, built from rows. Region and Player fields
 * go through the per-request loaders; a position in a hub-hosted region (the Nexus, Terran Space) carries a Sector
 * reference the Nexus subgraph resolves (its key needs the cluster number, looked up in the hub's sectors).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { toGraphqlEnum } from '@sw/domain';
import type { JourneyRow, LegRow } from './journey-store.ts';

export interface PositionModel {
  regionId: string;
  sectorNumber: number;
}

export interface JourneyModel {
  __typename: 'Journey';
  row: JourneyRow;
}

export function journeyModel(row: JourneyRow): JourneyModel {
  return { __typename: 'Journey', row };
}

export function legModel(l: LegRow) {
  return {
    index: l.legIndex,
    kind: toGraphqlEnum(l.kind),
    state: toGraphqlEnum(l.status),
    from: { regionId: l.fromRegionId, sectorNumber: l.fromSectorNumber } satisfies PositionModel,
    to: { regionId: l.toRegionId, sectorNumber: l.toSectorNumber } satisfies PositionModel,
    startedAt: l.startedAt?.toISOString() ?? null,
    etaAt: l.etaAt?.toISOString() ?? null,
    completedAt: l.completedAt?.toISOString() ?? null,
  };
}

/** Where the traveller is: the end of the last done leg, else the origin; the recorded end once finished. */
export function positionOf(row: JourneyRow, legs: LegRow[]): PositionModel {
  if (row.endedRegionId !== null && row.endedSectorNumber !== null) return { regionId: row.endedRegionId, sectorNumber: row.endedSectorNumber };
  const done = legs.filter((l) => l.status === 'done').sort((a, b) => b.legIndex - a.legIndex)[0];
  return done ? { regionId: done.toRegionId, sectorNumber: done.toSectorNumber } : { regionId: row.sourceRegionId, sectorNumber: row.originSectorNumber };
}

/** Cluster numbers of hub-hosted sectors, keyed `${regionId}:${sectorNumber}` (player regions are absent). */
export async function hubSectorClusters(db: HubDb, positions: readonly PositionModel[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (positions.length === 0) return out;
  const s = hub.sectors;
  const c = hub.clusters;
  const regionIds = [...new Set(positions.map((p) => p.regionId))];
  const numbers = [...new Set(positions.map((p) => p.sectorNumber))];
  const rows = await db
    .select({ regionId: s.regionId, sectorNumber: s.sectorNumber, clusterNumber: c.clusterNumber })
    .from(s)
    .innerJoin(c, eq(c.id, s.clusterId))
    .where(and(inArray(s.regionId, regionIds), inArray(s.sectorNumber, numbers), sql`true`));
  for (const r of rows) out.set(`${r.regionId}:${r.sectorNumber}`, r.clusterNumber);
  return out;
}
