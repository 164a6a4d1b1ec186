/**
 * Terran Space generator: exactly 300 sectors in 6 clusters of 50, zones Federation 1–100 / Border
 * 101–200 / Frontier 201–300, fedspace 1–10 (security 10, hazard 0). Capital = sector 1 with "Earth
 * Station" (CLASS_0 TRADING, standard tier, 80/30 slips) and "New Earth" (TERRAN, habitability 95,
 * population = max_population = 8e9, population hub); "Stardock" at sector 10 (CLASS_11 SHIPYARD,
 * SpaceDock); one Tier-A TradeDock in sectors 2–99. No islands. Spoke landing as in spoke-landing.ts.
 */
import type { ClusterType } from '@sw/domain';
import { TERRAN_SECTORS } from '@sw/domain';
import type { RegionParts } from './assemble-region.ts';
import { buildRegion, type BuildOptions } from './build-region.ts';
import { FEDSPACE_LAST_SECTOR, GALAXY_DENSITY, REGION_CLUSTER_SIZE } from './galaxy-density.ts';
import type { GeneratedRegion, GenerateOptions, StationRow, ZoneType } from './galaxy-types.ts';
import { assertSectorIdStart, TRADEDOCK_CLASS } from './generate-nexus.ts';
import { seedKey, type GalaxySeed, type Rng } from './prng.ts';
import { thirdsZones, type RegionPlan } from './region-plan.ts';

export const EARTH_STATION_NAME = 'Earth Station';
export const NEW_EARTH_NAME = 'New Earth';
export const NEW_EARTH_POPULATION = 8_000_000_000;
export const STARDOCK_SECTOR_NUMBER = 10;
export const TERRAN_TRADEDOCK_RANGE = [2, 99] as const;

const TERRAN_CLUSTERS: ReadonlyArray<[string, ClusterType]> = [
  ['Sol Core', 'POPULATION_CENTER'],
  ['Inner Colonies', 'TRADE_HUB'],
  ['Centauri Reach', 'STANDARD'],
  ['Rylan Drift', 'RESOURCE_RICH'],
  ['Outer Rim', 'FRONTIER_OUTPOST'],
  ['Fringe Expanse', 'FRONTIER_OUTPOST'],
];

/** Development / traffic by zone for Terran and player regions (capital: 10 / 10). */
export function zoneLevels(zone: ZoneType): { developmentLevel: number; trafficLevel: number } {
  const level = zone === 'FEDERATION' ? 3 : zone === 'BORDER' ? 2 : 1;
  return { developmentLevel: level, trafficLevel: level };
}

export function terranPlan(seed: GalaxySeed, sectorIdStart: number): RegionPlan {
  assertSectorIdStart(sectorIdStart);
  return {
    regionType: 'terran_space',
    tier: null,
    regionName: 'Terran Space',
    seed: seedKey(seed),
    sectorIdStart,
    totalSectors: TERRAN_SECTORS,
    capitalSectorNumber: 1,
    clusters: TERRAN_CLUSTERS.map(([name, clusterType], i) => ({
      clusterNumber: i + 1,
      name,
      clusterType,
      sectorStart: i * REGION_CLUSTER_SIZE + 1,
      sectorCount: REGION_CLUSTER_SIZE,
      gridX: i % 3,
      gridY: Math.floor(i / 3),
      islands: [],
    })),
    zones: thirdsZones(TERRAN_SECTORS),
    density: GALAXY_DENSITY.terran_space,
    reserved: new Set([1, STARDOCK_SECTOR_NUMBER]),
    fedspaceLast: FEDSPACE_LAST_SECTOR,
    warpStability: 0.95,
    isDiscovered: true,
    economicValue: 5,
    stationClassRange: [1, 8],
    stationSizeRange: [1, 7],
    levels: zoneLevels,
  };
}

function station(sectorId: number, sectorNumber: number, name: string, extra: Partial<StationRow>): StationRow {
  return {
    sectorId, sectorNumber, name, stationClass: 'CLASS_0', stationType: 'TRADING', size: 10, securityTier: 'standard',
    isStarportPrime: false, isSpacedock: false, tradedockTier: null, dockingSlipsTransient: null, dockingSlipsLongTerm: null, services: [],
    ...extra,
  };
}

function decorateTerran(plan: RegionPlan, parts: RegionParts, rng: Rng): void {
  const sector = (n: number) => parts.sectors.find((s) => s.sectorNumber === n)!;
  const capital = sector(1);
  capital.developmentLevel = 10;
  capital.trafficLevel = 10;
  capital.specialFeatures.push('special_location:terra');
  parts.stations.push(station(capital.sectorId, 1, EARTH_STATION_NAME, {
    dockingSlipsTransient: 80,
    dockingSlipsLongTerm: 30,
    services: ['trading', 'orientation_trades', 'refuel', 'repair'],
  }));
  parts.planets.push({
    sectorId: capital.sectorId, sectorNumber: 1, name: NEW_EARTH_NAME, planetType: 'TERRAN', habitability: 95, isHabitable: true,
    population: NEW_EARTH_POPULATION, maxPopulation: NEW_EARTH_POPULATION, isPopulationHub: true,
  });
  const dock = sector(STARDOCK_SECTOR_NUMBER);
  dock.specialFeatures.push('special_location:stardock');
  parts.stations.push(station(dock.sectorId, STARDOCK_SECTOR_NUMBER, 'Stardock', {
    stationClass: 'CLASS_11',
    stationType: 'SHIPYARD',
    isSpacedock: true,
    services: ['genesis', 'drones', 'mines', 'ship_dealer', 'ship_repair', 'ship_upgrades', 'insurance', 'refuel'],
  }));
  const taken = new Set(parts.stations.map((s) => s.sectorNumber));
  const [lo, hi] = TERRAN_TRADEDOCK_RANGE;
  const free = parts.sectors.filter((s) => s.sectorNumber >= lo && s.sectorNumber <= hi && !taken.has(s.sectorNumber) && !plan.reserved.has(s.sectorNumber));
  const td = rng.pick(free);
  parts.stations.push(station(td.sectorId, td.sectorNumber, 'Terran TradeDock', {
    stationClass: TRADEDOCK_CLASS.A,
    stationType: 'TRADEDOCK',
    size: 9,
    tradedockTier: 'A',
    services: ['trading', 'bulk_trading', 'refuel'],
  }));
}

export function generateTerran(opts: GenerateOptions & BuildOptions): GeneratedRegion {
  return buildRegion(terranPlan(opts.seed, opts.sectorIdStart), { decorateRegion: decorateTerran }, opts);
}
