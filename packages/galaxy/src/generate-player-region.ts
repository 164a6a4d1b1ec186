/**
 * Player-region generator. Size: drawn from the seed within the tier's [min, max] around its target
 * (triangular around the target, REGION_TIERS). Clusters of 50 sectors, the last one holding the remainder
 * (25–74 sectors, see clusterSizes), laid out on a near-square grid, with names unique per region.
 * Zones: Federation / Border / Frontier thirds. Capital: a random (seeded) sector of the
 * Federation zone, with a CLASS_0 welcome hub. Islands: 2–4 % of sectors in groups of 3–6 at the tail of
 * Frontier-zone clusters, tagged with islandGroupId and never linked to the rest (on purpose).
 */
import { DomainError, isRegionTier, REGION_TIERS, type ClusterType, type RegionTier } from '@sw/domain';
import type { RegionParts } from './assemble-region.ts';
import { buildRegion, type BuildOptions } from './build-region.ts';
import { FEDSPACE_LAST_SECTOR, GALAXY_DENSITY, MIN_TAIL_CLUSTER_SIZE, REGION_CLUSTER_SIZE } from './galaxy-density.ts';
import type { GeneratedRegion, GenerateOptions, ZoneType } from './galaxy-types.ts';
import { assertSectorIdStart } from './generate-nexus.ts';
import { zoneLevels } from './generate-terran.ts';
import { deriveRng, seedKey, type GalaxySeed, type Rng } from './prng.ts';
import { clusterSizes, thirdsZones, zoneOf, type ClusterPlan, type RegionPlan } from './region-plan.ts';

export interface PlayerRegionOptions extends GenerateOptions {
  tier: RegionTier;
  regionName?: string;
}

const ADJECTIVES = [
  'Amber', 'Ashen', 'Azure', 'Brass', 'Cinder', 'Cobalt', 'Crimson', 'Drifting', 'Ember', 'Fallen', 'Gilded', 'Glass',
  'Hollow', 'Iron', 'Ivory', 'Jade', 'Lantern', 'Lunar', 'Obsidian', 'Pale', 'Quiet', 'Radiant', 'Silent', 'Silver',
  'Solar', 'Storm', 'Sunken', 'Twin', 'Umber', 'Verdant', 'Violet', 'Winter',
];
const NOUNS = [
  'Reach', 'Expanse', 'Drift', 'Hollow', 'Span', 'Verge', 'Shoals', 'Gate', 'Crossing', 'Basin', 'Cascade', 'Corridor',
  'Deep', 'Fields', 'Frontier', 'Harbor', 'Haven', 'Marches', 'Nebula', 'Narrows', 'Rift', 'Run', 'Sound', 'Spur',
];

/** Cluster types drawn per zone of the cluster's first sector. */
const TYPES_BY_ZONE: Readonly<Record<ZoneType, readonly ClusterType[]>> = {
  FEDERATION: ['POPULATION_CENTER', 'TRADE_HUB', 'STANDARD', 'STANDARD', 'MILITARY_ZONE'],
  BORDER: ['STANDARD', 'STANDARD', 'TRADE_HUB', 'RESOURCE_RICH', 'SPECIAL_INTEREST', 'MILITARY_ZONE'],
  FRONTIER: ['FRONTIER_OUTPOST', 'FRONTIER_OUTPOST', 'RESOURCE_RICH', 'CONTESTED', 'STANDARD'],
  EXPANSE: ['STANDARD'],
};

/** Region size for a tier: triangular around the target, inside [min, max]. */
export function drawRegionSize(tier: RegionTier, rng: Rng): number {
  const t = REGION_TIERS[tier];
  const u = rng.next() + rng.next() - 1; // (-1, 1), peaked at 0
  const size = t.targetSectors + Math.round(u * (u < 0 ? t.targetSectors - t.minSectors : t.maxSectors - t.targetSectors));
  return Math.min(t.maxSectors, Math.max(t.minSectors, size));
}

export function playerRegionPlan(opts: PlayerRegionOptions): RegionPlan {
  assertSectorIdStart(opts.sectorIdStart);
  if (!isRegionTier(String(opts.tier))) throw new DomainError('ERR_VALIDATION', `unknown region tier ${opts.tier}`);
  const seed = seedKey(opts.seed);
  const rng = deriveRng(seed, 'plan');
  const total = drawRegionSize(opts.tier, rng);
  const zones = thirdsZones(total);
  const sizes = clusterSizes(total, REGION_CLUSTER_SIZE, MIN_TAIL_CLUSTER_SIZE);
  const gridCols = Math.ceil(Math.sqrt(sizes.length));
  const names = rng.sample(
    Array.from({ length: ADJECTIVES.length * NOUNS.length }, (_, k) => `${ADJECTIVES[k % ADJECTIVES.length]} ${NOUNS[Math.floor(k / ADJECTIVES.length)]}`),
    sizes.length,
  );
  let start = 1;
  const clusters: ClusterPlan[] = sizes.map((sectorCount, i) => {
    const zone = zoneOf({ zones } as RegionPlan, start);
    const cp: ClusterPlan = {
      clusterNumber: i + 1,
      name: names[i]!,
      clusterType: rng.pick(TYPES_BY_ZONE[zone]),
      sectorStart: start,
      sectorCount,
      gridX: i % gridCols,
      gridY: Math.floor(i / gridCols),
      islands: [],
    };
    start += sectorCount;
    return cp;
  });
  const federation = zones[0]!;
  const capital = rng.range(federation.sectorStart, federation.sectorEnd);

  // islands: 2-4 % of sectors, groups of 3-6, at the tails of clusters that start in the Frontier zone
  const d = GALAXY_DENSITY.player_owned;
  const frontierStart = zones[2]!.sectorStart;
  const hosts = clusters.filter((c) => c.sectorStart >= frontierStart && (capital < c.sectorStart || capital >= c.sectorStart + c.sectorCount));
  let target = Math.round(total * (d.islandShareMin + rng.next() * (d.islandShareMax - d.islandShareMin)));
  let groupId = 1;
  let h = hosts.length ? rng.int(hosts.length) : 0;
  for (let guard = 0; target >= 3 && hosts.length > 0 && guard < 1000; guard++) {
    const host = hosts[h % hosts.length]!;
    h++;
    const used = host.islands.reduce((a, g) => a + g.size, 0);
    const size = Math.min(rng.range(3, 6), target);
    if (used + size > Math.floor(host.sectorCount / 3)) continue;
    host.islands.push({ islandGroupId: groupId++, size });
    target -= size;
  }

  return {
    regionType: 'player_owned',
    tier: opts.tier,
    regionName: opts.regionName ?? 'Player Region',
    seed,
    sectorIdStart: opts.sectorIdStart,
    totalSectors: total,
    capitalSectorNumber: capital,
    clusters,
    zones,
    density: d,
    reserved: new Set([capital]),
    fedspaceLast: FEDSPACE_LAST_SECTOR,
    warpStability: 0.95,
    isDiscovered: false,
    economicValue: 5,
    stationClassRange: [1, 8],
    stationSizeRange: [1, 7],
    levels: zoneLevels,
  };
}

function decoratePlayerRegion(plan: RegionPlan, parts: RegionParts): void {
  const capital = parts.sectors.find((s) => s.isCapital)!;
  capital.developmentLevel = 10;
  capital.trafficLevel = 10;
  capital.specialFeatures.push('special_location:capital');
  parts.stations.push({
    sectorId: capital.sectorId, sectorNumber: capital.sectorNumber, name: `${plan.regionName} Capital Station`,
    stationClass: 'CLASS_0', stationType: 'TRADING', size: 10, securityTier: 'standard', isStarportPrime: false,
    isSpacedock: false, tradedockTier: null, dockingSlipsTransient: null, dockingSlipsLongTerm: null,
    services: ['trading', 'refuel', 'repair'],
  });
}

export function generatePlayerRegion(opts: PlayerRegionOptions & BuildOptions): GeneratedRegion {
  return buildRegion(playerRegionPlan(opts), { decorateRegion: decoratePlayerRegion }, opts);
}
