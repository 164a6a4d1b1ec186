import DataLoader from 'dataloader';
import type { HubDb } from '@sw/db';
import { mapRegion, type RegionModel } from './map-region.ts';
import { standingsOf, type Standing } from './config/region-actor.ts';
import { regionStatsFor, type RegionStatsModel } from './stats/region-stats.ts';
import { worldCountsOf, type WorldCounts } from './stats/world-counts.ts';
import { legsOf, type LegRow } from './travel/journey-store.ts';
import { hubSectorClusters, type PositionModel } from './travel/journey-view.ts';
import {
  membershipsByPlayerIds,
  playersByIds,
  regionCountsByIds,
  regionsByIds,
  regionsByOwnerIds,
  ZERO_COUNTS,
  type MembershipRow,
  type PlayerRow,
  type RegionCountsRow,
} from './region-queries.ts';

/**
 * Per-request batch loaders: every key asked for during one GraphQL execution tick is fetched with one
 * query (a page of 50 regions selecting `counts` costs one grouped count query, not 50). Created fresh
 * in buildContext so nothing is cached across requests.
 */
export interface RegionLoaders {
  region: DataLoader<string, RegionModel | null>;
  counts: DataLoader<string, RegionCountsRow>;
  player: DataLoader<string, PlayerRow | null>;
  memberships: DataLoader<string, MembershipRow[]>;
  ownedRegions: DataLoader<string, RegionModel[]>;
  /** Legs of journeys by journey id, in leg order. */
  legs: DataLoader<string, LegRow[]>;
  /** Regional stats of regions (one batch of grouped statements). */
  stats: DataLoader<RegionModel, RegionStatsModel, string>;
  /** World counts (territory, station count for the tariff cap) of regions. */
  world: DataLoader<RegionModel, WorldCounts, string>;
  /** The signed-in player's standing (membership, council seat) by region id; null for anonymous callers. */
  standing: DataLoader<string, Standing | null>;
  /** Cluster number of a hub-hosted sector (null for player regions' sectors). */
  sectorCluster: DataLoader<PositionModel, number | null, string>;
}

/** Groups rows by a key, preserving the query's order inside each group. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Builds the loaders of one request. */
export function createRegionLoaders(db: HubDb, timeoutMs = 1000, playerId: string | null = null): RegionLoaders {
  const region = new DataLoader<string, RegionModel | null>(async (ids) => {
    const byId = new Map((await regionsByIds(db, ids)).map((row) => [row.id, mapRegion(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  return {
    region,
    counts: new DataLoader(async (ids) => {
      const byId = await regionCountsByIds(db, ids);
      return ids.map((id) => byId.get(id) ?? { ...ZERO_COUNTS });
    }),
    player: new DataLoader(async (ids) => {
      const byId = new Map((await playersByIds(db, ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    memberships: new DataLoader(async (playerIds) => {
      const byPlayer = groupBy(await membershipsByPlayerIds(db, playerIds), (m) => m.playerId);
      return playerIds.map((id) => byPlayer.get(id) ?? []);
    }),
    standing: new DataLoader(async (regionIds) => {
      if (playerId === null) return regionIds.map(() => null);
      const byRegion = await standingsOf(db, playerId, regionIds);
      return regionIds.map((id) => byRegion.get(id) ?? null);
    }),
    legs: new DataLoader(async (ids) => {
      const byJourney = groupBy(await legsOf(db, ids), (l) => l.travelId);
      return ids.map((id) => byJourney.get(id) ?? []);
    }),
    stats: new DataLoader(async (regions) => regionStatsFor(db, regions, timeoutMs), { cacheKeyFn: (r) => r.id }),
    world: new DataLoader(
      async (regions) => {
        const counts = await worldCountsOf(db, regions.map((r) => ({ id: r.id, regionType: r.db.regionType, runtimeEndpoint: r.runtimeEndpoint })), timeoutMs);
        return regions.map((r) => counts.get(r.id)!);
      },
      { cacheKeyFn: (r) => r.id },
    ),
    sectorCluster: new DataLoader(
      async (positions) => {
        const clusters = await hubSectorClusters(db, positions);
        return positions.map((p) => clusters.get(`${p.regionId}:${p.sectorNumber}`) ?? null);
      },
      { cacheKeyFn: (p) => `${p.regionId}:${p.sectorNumber}` },
    ),
    ownedRegions: new DataLoader(async (ownerIds) => {
      const rows = (await regionsByOwnerIds(db, ownerIds)).map(mapRegion);
      // Prime the by-id loader so a later Region lookup of the same row costs nothing.
      for (const r of rows) region.prime(r.id, r);
      const byOwner = groupBy(rows, (r) => r.ownerId);
      return ownerIds.map((id) => byOwner.get(id) ?? []);
    }),
  };
}
