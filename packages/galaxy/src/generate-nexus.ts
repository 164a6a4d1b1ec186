/**
 * Central Nexus generator: exactly 5000 sectors in the 20 clusters × 250 of NEXUS_CLUSTERS (5 × 4 grid),
 * one zone "The Expanse", capital 2251 in Gateway Plaza with "Nexus Starport Prime" (CLASS_0,
 * is_starport_prime, premium — docs/rules/original-defects.md #11), every Gateway Plaza sector nexus-protected, and 1 Tier-A +
 * 2 Tier-B TradeDocks in TRADE_HUB clusters other than #1 and #10, each on a sector with ≥ 2 inbound warps.
 * Nexus sectors: development 3, traffic 2 (capital 10/10); security/hazard by cluster type; no islands.
 */
import {
  CLUSTER_TYPE_TRAITS,
  DomainError,
  NEXUS_CAPITAL_CLUSTER_NUMBER,
  NEXUS_CAPITAL_SECTOR_NUMBER,
  NEXUS_CLUSTERS,
  NEXUS_SECTORS,
  NEXUS_TRADEDOCK_EXCLUDED_CLUSTERS,
} from '@sw/domain';
import { buildRegion, type BuildOptions } from './build-region.ts';
import type { ClusterContent } from './cluster-interior.ts';
import { GALAXY_DENSITY } from './galaxy-density.ts';
import type { GeneratedRegion, GenerateOptions, StationRow, WarpRow } from './galaxy-types.ts';
import { deriveRng, seedKey, type GalaxySeed, type Rng } from './prng.ts';
import type { ClusterPlan, RegionPlan } from './region-plan.ts';

export const NEXUS_STARPORT_PRIME_NAME = 'Nexus Starport Prime';
/** TradeDock station classes: Tier-A CLASS_10, Tier-B CLASS_9 (both "standard" security tier by class). */
export const TRADEDOCK_CLASS = { A: 'CLASS_10', B: 'CLASS_9' } as const;

export function assertSectorIdStart(sectorIdStart: number): void {
  if (!Number.isSafeInteger(sectorIdStart) || sectorIdStart < 1) {
    throw new DomainError('ERR_VALIDATION', `sectorIdStart must be a positive integer, got ${sectorIdStart}`);
  }
}

/** Which TRADE_HUB clusters get the Tier-A and the two Tier-B TradeDocks (seeded). */
export function nexusTradeDockTiers(seed: GalaxySeed): Map<number, 'A' | 'B'> {
  const eligible = NEXUS_CLUSTERS.filter(
    (c) => CLUSTER_TYPE_TRAITS[c.clusterType].hostsTradeDocks && !NEXUS_TRADEDOCK_EXCLUDED_CLUSTERS.includes(c.clusterNumber),
  ).map((c) => c.clusterNumber);
  const order = deriveRng(seed, 'tradedocks').shuffle(eligible);
  return new Map(order.slice(0, 3).map((n, k) => [n, k === 0 ? 'A' : 'B'] as const));
}

export function nexusPlan(seed: GalaxySeed, sectorIdStart: number): RegionPlan {
  assertSectorIdStart(sectorIdStart);
  return {
    regionType: 'central_nexus',
    tier: null,
    regionName: 'Central Nexus',
    seed: seedKey(seed),
    sectorIdStart,
    totalSectors: NEXUS_SECTORS,
    capitalSectorNumber: NEXUS_CAPITAL_SECTOR_NUMBER,
    clusters: NEXUS_CLUSTERS.map((c) => ({
      clusterNumber: c.clusterNumber,
      name: c.name,
      clusterType: c.clusterType,
      sectorStart: c.sectorStart,
      sectorCount: c.sectorEnd - c.sectorStart + 1,
      gridX: c.gridX,
      gridY: c.gridY,
      islands: [],
    })),
    zones: [{ zoneType: 'EXPANSE', name: 'The Expanse', sectorStart: 1, sectorEnd: NEXUS_SECTORS, policingLevel: 3, dangerLevel: 6 }],
    density: GALAXY_DENSITY.central_nexus,
    reserved: new Set([NEXUS_CAPITAL_SECTOR_NUMBER]),
    fedspaceLast: 0,
    warpStability: 0.95,
    isDiscovered: true,
    economicValue: 8,
    stationClassRange: [4, 8],
    stationSizeRange: [4, 7],
    levels: () => ({ developmentLevel: 3, trafficLevel: 2 }),
  };
}

function emptyStation(sectorId: number, sectorNumber: number, name: string): StationRow {
  return {
    sectorId, sectorNumber, name, stationClass: 'CLASS_0', stationType: 'TRADING', size: 10, securityTier: 'standard',
    isStarportPrime: false, isSpacedock: false, tradedockTier: null, dockingSlipsTransient: null, dockingSlipsLongTerm: null, services: [],
  };
}

/** Places a TradeDock of `tier` in the cluster on a free sector with ≥ 2 inbound warps (fallback: any free sector). */
export function placeTradeDock(
  plan: RegionPlan,
  cp: ClusterPlan,
  content: ClusterContent,
  rng: Rng,
  otherWarps: readonly WarpRow[],
  tier: 'A' | 'B',
  name: string,
  allowed: (sectorNumber: number) => boolean = () => true,
): void {
  const first = plan.sectorIdStart + cp.sectorStart - 1;
  const inbound = new Int32Array(cp.sectorCount);
  const count = (w: WarpRow): void => {
    const t = w.toSectorId - first, f = w.fromSectorId - first;
    if (t >= 0 && t < cp.sectorCount) inbound[t]!++;
    if (w.isBidirectional && f >= 0 && f < cp.sectorCount) inbound[f]!++;
  };
  content.warps.forEach(count);
  otherWarps.forEach(count);
  const taken = new Set(content.stations.map((s) => s.sectorNumber));
  const free = content.sectors.filter(
    (s) => !taken.has(s.sectorNumber) && !plan.reserved.has(s.sectorNumber) && s.islandGroupId === null && allowed(s.sectorNumber),
  );
  const busy = free.filter((s) => inbound[s.sectorNumber - cp.sectorStart]! >= 2);
  const s = rng.pick(busy.length > 0 ? busy : free);
  content.stations.push({
    ...emptyStation(s.sectorId, s.sectorNumber, name),
    stationClass: TRADEDOCK_CLASS[tier],
    stationType: 'TRADEDOCK',
    size: tier === 'A' ? 9 : 8,
    tradedockTier: tier,
    services: ['trading', 'bulk_trading', 'refuel'],
  });
}

/** Per-cluster Nexus decoration (also used when one cluster is regenerated). */
export function decorateNexusCluster(
  plan: RegionPlan,
  cp: ClusterPlan,
  content: ClusterContent,
  rng: Rng,
  links: readonly WarpRow[],
): void {
  if (cp.clusterNumber === NEXUS_CAPITAL_CLUSTER_NUMBER) {
    for (const s of content.sectors) {
      s.isNexusProtected = true;
      if (s.isCapital) {
        s.developmentLevel = 10;
        s.trafficLevel = 10;
        s.specialFeatures.push('special_location:nexus_capital');
        content.stations.push({
          ...emptyStation(s.sectorId, s.sectorNumber, NEXUS_STARPORT_PRIME_NAME),
          securityTier: 'premium',
          isStarportPrime: true,
          dockingSlipsTransient: 200,
          dockingSlipsLongTerm: 50,
          services: ['trading', 'refuel', 'repair', 'ship_dealer', 'insurance', 'bank'],
        });
      }
    }
  }
  const tier = nexusTradeDockTiers(plan.seed).get(cp.clusterNumber);
  if (tier) placeTradeDock(plan, cp, content, rng, links, tier, `${cp.name} TradeDock`);
}

export function generateNexus(opts: GenerateOptions & BuildOptions): GeneratedRegion {
  const plan = nexusPlan(opts.seed, opts.sectorIdStart);
  return buildRegion(plan, { decorateCluster: decorateNexusCluster }, opts);
}
