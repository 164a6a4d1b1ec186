import { REGION_TIERS, REGION_TIER_NAMES } from '@sw/domain';
import { describe, expect, it } from 'vitest';
import { distancesFromCapital, warpCounts } from './galaxy-test-utils.ts';
import {
  generatePlayerRegion,
  GALAXY_DENSITY,
  generateNexus,
  spokeLink,
  SPOKE_MIN_DISTANCE_SHARE,
  validateGalaxy,
  type GeneratedRegion,
} from './index.ts';

const regions: GeneratedRegion[] = [];
for (let seed = 1; seed <= 12; seed++) {
  regions.push(generatePlayerRegion({ seed, tier: 'standard', sectorIdStart: 5301, regionName: 'Test' }));
}
const region = regions[0]!;

describe('generatePlayerRegion sizes', () => {
  it.each(REGION_TIER_NAMES)('draws %s sizes within the tier bounds across seeds', (tier) => {
    const t = REGION_TIERS[tier];
    const sizes: number[] = [];
    for (let seed = 0; seed < 40; seed++) {
      const r = generatePlayerRegion({ seed: `size-${seed}`, tier, sectorIdStart: 1, validate: false });
      expect(r.sectors).toHaveLength(r.totalSectors);
      expect(r.tier).toBe(tier);
      sizes.push(r.totalSectors);
    }
    for (const s of sizes) {
      expect(s).toBeGreaterThanOrEqual(t.minSectors);
      expect(s).toBeLessThanOrEqual(t.maxSectors);
    }
    expect(new Set(sizes).size).toBeGreaterThan(20);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(Math.abs(mean - t.targetSectors)).toBeLessThan((t.maxSectors - t.minSectors) / 4);
  });
});

describe('generatePlayerRegion structure', () => {
  it('passes validation and numbers sectors 1..N with global ids from sectorIdStart', () => {
    for (const r of regions) {
      expect(validateGalaxy(r)).toEqual([]);
      r.sectors.forEach((s, i) => {
        expect(s.sectorNumber).toBe(i + 1);
        expect(s.sectorId).toBe(5301 + i);
      });
      expect(r.sectorIdEnd).toBe(5300 + r.totalSectors);
    }
  });

  it('uses 50-sector clusters (last one 25-74) with unique names and compound identity', () => {
    for (const r of regions) {
      const sizes = r.clusters.map((c) => c.sectorCount);
      for (const s of sizes.slice(0, -1)) expect(s).toBe(50);
      expect(sizes.at(-1)).toBeGreaterThanOrEqual(25);
      expect(sizes.at(-1)).toBeLessThanOrEqual(74);
      expect(new Set(r.clusters.map((c) => c.name)).size).toBe(r.clusters.length);
      const ids = new Set(r.sectors.map((s) => `${s.clusterNumber}:${s.sectorNumber}`));
      expect(ids.size).toBe(r.totalSectors);
    }
  });

  it('emits Federation / Border / Frontier thirds and assigns every sector its zone', () => {
    for (const r of regions) {
      const third = Math.round(r.totalSectors / 3);
      expect(r.zones.map((z) => [z.zoneType, z.sectorStart, z.sectorEnd])).toEqual([
        ['FEDERATION', 1, third], ['BORDER', third + 1, r.totalSectors - third], ['FRONTIER', r.totalSectors - third + 1, r.totalSectors],
      ]);
      for (const s of r.sectors) {
        const z = r.zones.find((x) => x.zoneType === s.zoneType)!;
        expect(s.sectorNumber).toBeGreaterThanOrEqual(z.sectorStart);
        expect(s.sectorNumber).toBeLessThanOrEqual(z.sectorEnd);
      }
    }
  });

  it('places exactly one capital at a seeded random sector of the Federation zone', () => {
    const capitals = new Set<number>();
    for (const r of regions) {
      const caps = r.sectors.filter((s) => s.isCapital);
      expect(caps).toHaveLength(1);
      expect(caps[0]!.sectorNumber).toBe(r.capitalSectorNumber);
      expect(caps[0]!.zoneType).toBe('FEDERATION');
      expect(caps[0]).toMatchObject({ securityLevel: 10, sectorType: 'STANDARD' });
      expect(r.stations.filter((s) => s.sectorNumber === r.capitalSectorNumber && s.stationClass === 'CLASS_0')).toHaveLength(1);
      capitals.add(r.capitalSectorNumber);
    }
    expect(capitals.size).toBeGreaterThan(8);
  });

  it('keeps every non-island sector reachable; islands are 2-4% in tagged groups of 3-6 and unreachable', () => {
    for (const r of regions) {
      const dist = distancesFromCapital(r, true);
      const groups = new Map<number, number>();
      for (const s of r.sectors) {
        if (s.islandGroupId === null) expect(dist.has(s.sectorId)).toBe(true);
        else {
          expect(dist.has(s.sectorId)).toBe(false);
          expect(s.zoneType).toBe('FRONTIER');
          groups.set(s.islandGroupId, (groups.get(s.islandGroupId) ?? 0) + 1);
        }
      }
      const islandSectors = [...groups.values()].reduce((a, b) => a + b, 0);
      expect(islandSectors / r.totalSectors).toBeGreaterThanOrEqual(0.015);
      expect(islandSectors / r.totalSectors).toBeLessThanOrEqual(0.045);
      for (const size of groups.values()) {
        expect(size).toBeGreaterThanOrEqual(3);
        expect(size).toBeLessThanOrEqual(6);
      }
      expect(r.stats.islandSectors).toBe(islandSectors);
      expect(r.stats.islandGroups).toBe(groups.size);
    }
  });

  it('keeps one-way warps at 3-7%, ~20% of them latent, and at most 6 warps per sector', () => {
    let oneWay = 0, latent = 0;
    for (const r of regions) {
      expect(r.stats.oneWayPct).toBeGreaterThanOrEqual(3);
      expect(r.stats.oneWayPct).toBeLessThanOrEqual(7);
      expect(Math.max(...warpCounts(r).values())).toBeLessThanOrEqual(6);
      oneWay += r.warps.filter((w) => !w.isBidirectional).length;
      latent += r.warps.filter((w) => w.isLatent).length;
      expect(r.warps.every((w) => !w.isLatent || !w.isBidirectional)).toBe(true);
    }
    expect(latent / oneWay).toBeGreaterThan(0.12);
    expect(latent / oneWay).toBeLessThan(0.28);
  });

  it('matches the documented densities: ports 10%, planets 3%', () => {
    const d = GALAXY_DENSITY.player_owned;
    for (const r of regions) {
      const ports = r.stations.filter((s) => s.stationClass !== 'CLASS_0').length;
      const lawlessShare = r.clusters.filter((c) => c.clusterType === 'FRONTIER_OUTPOST').reduce((a, c) => a + c.sectorCount, 0) / r.totalSectors;
      const expected = (r.totalSectors - 1) * d.portDensity * (1 - lawlessShare / 2);
      expect(Math.abs(ports - expected)).toBeLessThanOrEqual(Math.max(8, expected * 0.12));
      expect(Math.abs(r.planets.length - (r.totalSectors - 1) * d.planetDensity)).toBeLessThanOrEqual(8);
    }
  });

  it('lands the spoke >= 60% of the max BFS distance, sparse, protected, and links it to Nexus capital 2251', () => {
    for (const r of regions) {
      const dist = distancesFromCapital(r, false);
      const max = Math.max(...dist.values());
      const landingId = r.sectorIdStart + r.nexusWarpSector! - 1;
      const d = dist.get(landingId)!;
      expect(d).toBeGreaterThanOrEqual(SPOKE_MIN_DISTANCE_SHARE * max);
      expect(r.stats.spokeDistance).toBe(d);
      const landing = r.sectors[r.nexusWarpSector! - 1]!;
      expect(landing.isNexusProtected).toBe(true);
      expect(landing.islandGroupId).toBeNull();
      // preference: sparse sectors first, then the farthest
      const eligibleSparse = r.sectors.filter((s) => {
        const ds = dist.get(s.sectorId);
        return ds !== undefined && ds >= SPOKE_MIN_DISTANCE_SHARE * max &&
          !r.stations.some((x) => x.sectorId === s.sectorId) && !r.planets.some((p) => p.sectorId === s.sectorId);
      });
      if (eligibleSparse.length > 0) {
        expect(eligibleSparse.map((s) => s.sectorId)).toContain(landingId);
        expect(d).toBe(Math.max(...eligibleSparse.map((s) => dist.get(s.sectorId)!)));
      }
    }
    const nexus = generateNexus({ seed: 42, sectorIdStart: 1 });
    const link = spokeLink(region, nexus, { regionId: 'r-123', attempt: 2 });
    expect(link).toEqual({
      idempotencyKey: 'r-123:2',
      fromSectorId: region.sectorIdStart + region.nexusWarpSector! - 1,
      fromSectorNumber: region.nexusWarpSector,
      toSectorId: 2251,
      toSectorNumber: 2251,
      tunnelType: 'NATURAL',
      isBidirectional: true,
      isLatent: false,
      turnCost: 1,
    });
    expect(spokeLink(region, nexus, { regionId: 'r-123' }).idempotencyKey).toBe('r-123:1');
    expect(() => spokeLink(nexus, nexus, { regionId: 'x' })).toThrowError(expect.objectContaining({ code: 'ERR_VALIDATION' }));
    expect(() => spokeLink(region, region, { regionId: 'x' })).toThrowError(expect.objectContaining({ code: 'ERR_VALIDATION' }));
  });

  it('rejects an unknown tier', () => {
    expect(() => generatePlayerRegion({ seed: 1, tier: 'huge' as never, sectorIdStart: 1 })).toThrowError(expect.objectContaining({ code: 'ERR_VALIDATION' }));
  });
});
