/**
 * The deterministic "plan" of a region: its clusters (with grid positions and island tails), zones,
 * capital and reserved sectors. Everything random below the plan is drawn from per-cluster streams
 * (`deriveRng(seed, 'cluster', n)`), so one cluster can be re-rolled without touching the others.
 */
import type { ClusterType, RegionTier, RegionType } from '@sw/domain';
import type { DensityRule } from './galaxy-density.ts';
import type { ClusterRow, ZoneRow, ZoneType } from './galaxy-types.ts';

export interface IslandGroupPlan {
  islandGroupId: number;
  size: number;
}

export interface ClusterPlan {
  clusterNumber: number;
  name: string;
  clusterType: ClusterType;
  sectorStart: number;
  sectorCount: number;
  gridX: number;
  gridY: number;
  /** Island groups occupying the cluster's tail cells: the first group takes the last cells. */
  islands: IslandGroupPlan[];
}

export interface RegionPlan {
  regionType: RegionType;
  tier: RegionTier | null;
  regionName: string;
  seed: string;
  sectorIdStart: number;
  totalSectors: number;
  capitalSectorNumber: number;
  clusters: ClusterPlan[];
  zones: ZoneRow[];
  density: DensityRule;
  /** Sectors exempt from every random bias, port and planet (capitals, Stardock). */
  reserved: ReadonlySet<number>;
  /** Sectors 1..fedspaceLast (and the capital, outside the Nexus) are fedspace: security 10. */
  fedspaceLast: number;
  warpStability: number;
  isDiscovered: boolean;
  economicValue: number;
  stationClassRange: readonly [number, number];
  stationSizeRange: readonly [number, number];
  levels: (zone: ZoneType) => { developmentLevel: number; trafficLevel: number };
}

/** Columns of a cluster's square-ish sector grid. */
export function clusterColumns(sectorCount: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(sectorCount)));
}

/** Distance between cluster origins on the region's coordinate plane. */
export function clusterSpan(plan: RegionPlan): number {
  let cols = 1;
  for (const c of plan.clusters) cols = Math.max(cols, clusterColumns(c.sectorCount));
  return cols + 2;
}

/** Zone of a region-local sector number (zones are contiguous ranges). */
export function zoneOf(plan: RegionPlan, sectorNumber: number): ZoneType {
  for (const z of plan.zones) if (sectorNumber >= z.sectorStart && sectorNumber <= z.sectorEnd) return z.zoneType;
  throw new RangeError(`sector ${sectorNumber} is in no zone`);
}

/** Federation / Border / Frontier thirds: 1..round(N/3), .., N−round(N/3)+1..N (Terran: 1–100/101–200/201–300). */
export function thirdsZones(totalSectors: number): ZoneRow[] {
  const third = Math.round(totalSectors / 3);
  return [
    { zoneType: 'FEDERATION', name: 'Federation Space', sectorStart: 1, sectorEnd: third, policingLevel: 9, dangerLevel: 1 },
    { zoneType: 'BORDER', name: 'Border Regions', sectorStart: third + 1, sectorEnd: totalSectors - third, policingLevel: 5, dangerLevel: 4 },
    { zoneType: 'FRONTIER', name: 'Frontier Space', sectorStart: totalSectors - third + 1, sectorEnd: totalSectors, policingLevel: 2, dangerLevel: 8 },
  ];
}

/**
 * Cluster sizes for a region of `total` sectors: `size`-sector clusters, the remainder forming a last
 * cluster when it has at least `minTail` sectors and otherwise merged into the previous one. So every
 * cluster has exactly `size` sectors except possibly the last (minTail .. size+minTail−1).
 */
export function clusterSizes(total: number, size: number, minTail: number): number[] {
  const full = Math.floor(total / size);
  const rest = total - full * size;
  const sizes: number[] = Array.from({ length: full }, () => size);
  if (rest === 0) return sizes;
  if (rest >= minTail || sizes.length === 0) sizes.push(rest);
  else sizes[sizes.length - 1]! += rest;
  return sizes;
}

/** Local index (0-based, region-wide) → island group id (0 = not an island). */
export function islandMap(plan: RegionPlan): Int32Array {
  const map = new Int32Array(plan.totalSectors);
  for (const c of plan.clusters) {
    let end = c.sectorStart - 1 + c.sectorCount; // exclusive local index
    for (const g of c.islands) {
      for (let i = end - g.size; i < end; i++) map[i] = g.islandGroupId;
      end -= g.size;
    }
  }
  return map;
}

export function clusterRows(plan: RegionPlan): ClusterRow[] {
  return plan.clusters.map((c) => ({
    clusterNumber: c.clusterNumber,
    name: c.name,
    clusterType: c.clusterType,
    sectorStart: c.sectorStart,
    sectorEnd: c.sectorStart + c.sectorCount - 1,
    sectorCount: c.sectorCount,
    x: c.gridX,
    y: c.gridY,
    z: 0,
    isDiscovered: plan.isDiscovered,
    warpStability: plan.warpStability,
    economicValue: plan.economicValue,
    recommendedShipClass: 'any',
    zoneType: zoneOf(plan, c.sectorStart),
  }));
}
