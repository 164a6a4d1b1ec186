import { describe, expect, it } from 'vitest';
import { distancesFromCapital, warpCounts } from './galaxy-test-utils.ts';
import { generateTerran, SPOKE_MIN_DISTANCE_SHARE, validateGalaxy } from './index.ts';

const terran = generateTerran({ seed: 42, sectorIdStart: 1 });
const sector = (n: number) => terran.sectors[n - 1]!;

describe('generateTerran', () => {
  it('has exactly 300 sectors in 6 clusters of 50, valid', () => {
    expect(terran.totalSectors).toBe(300);
    expect(terran.sectors.map((s) => s.sectorNumber)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(terran.clusters.map((c) => c.sectorCount)).toEqual([50, 50, 50, 50, 50, 50]);
    expect(new Set(terran.clusters.map((c) => c.name)).size).toBe(6);
    expect(validateGalaxy(terran)).toEqual([]);
  });

  it('emits the three zone rows 1-100 / 101-200 / 201-300 and every sector gets its zone', () => {
    expect(terran.zones.map((z) => [z.zoneType, z.sectorStart, z.sectorEnd])).toEqual([
      ['FEDERATION', 1, 100], ['BORDER', 101, 200], ['FRONTIER', 201, 300],
    ]);
    for (const s of terran.sectors) {
      const expected = s.sectorNumber <= 100 ? 'FEDERATION' : s.sectorNumber <= 200 ? 'BORDER' : 'FRONTIER';
      expect(s.zoneType).toBe(expected);
    }
  });

  it('has capital 1 with Earth Station (CLASS_0 TRADING) and New Earth (8e9 population hub)', () => {
    expect(terran.capitalSectorNumber).toBe(1);
    expect(terran.sectors.filter((s) => s.isCapital).map((s) => s.sectorNumber)).toEqual([1]);
    const earth = terran.stations.filter((s) => s.sectorNumber === 1);
    expect(earth).toHaveLength(1);
    expect(earth[0]).toMatchObject({ name: 'Earth Station', stationClass: 'CLASS_0', stationType: 'TRADING', securityTier: 'standard', isStarportPrime: false });
    const planets = terran.planets.filter((p) => p.sectorNumber === 1);
    expect(planets).toEqual([{
      sectorId: 1, sectorNumber: 1, name: 'New Earth', planetType: 'TERRAN', habitability: 95, isHabitable: true,
      population: 8_000_000_000, maxPopulation: 8_000_000_000, isPopulationHub: true,
    }]);
    expect(sector(1).specialFeatures).toContain('special_location:terra');
  });

  it('has the Stardock at sector 10 (CLASS_11 SpaceDock) and one Tier-A TradeDock in 2-99', () => {
    const dock = terran.stations.filter((s) => s.sectorNumber === 10);
    expect(dock).toHaveLength(1);
    expect(dock[0]).toMatchObject({ name: 'Stardock', stationClass: 'CLASS_11', stationType: 'SHIPYARD', isSpacedock: true });
    const tradedocks = terran.stations.filter((s) => s.stationType === 'TRADEDOCK');
    expect(tradedocks).toHaveLength(1);
    expect(tradedocks[0]!.tradedockTier).toBe('A');
    expect(tradedocks[0]!.sectorNumber).toBeGreaterThanOrEqual(2);
    expect(tradedocks[0]!.sectorNumber).toBeLessThanOrEqual(99);
    expect(terran.stations.filter((s) => s.isSpacedock)).toHaveLength(1);
  });

  it('makes sectors 1-10 fedspace with security 10 and hazard 0', () => {
    for (let n = 1; n <= 10; n++) {
      expect(sector(n)).toMatchObject({ securityLevel: 10, hazardLevel: 0 });
      expect(sector(n).specialFeatures).toContain('fedspace');
    }
    expect(sector(11).specialFeatures).not.toContain('fedspace');
    expect(sector(11).securityLevel).toBeLessThan(10);
  });

  it('is connected with no islands, 3-7% one-way and at most 6 warps per sector', () => {
    expect(distancesFromCapital(terran, true).size).toBe(300);
    expect(terran.stats.islandSectors).toBe(0);
    expect(terran.stats.oneWayPct).toBeGreaterThanOrEqual(3);
    expect(terran.stats.oneWayPct).toBeLessThanOrEqual(7);
    expect(Math.max(...warpCounts(terran).values())).toBeLessThanOrEqual(6);
  });

  it('lands the Nexus spoke >= 60% of the max BFS distance on a protected sector', () => {
    const dist = distancesFromCapital(terran, false);
    const max = Math.max(...dist.values());
    const landing = terran.nexusWarpSector!;
    expect(dist.get(landing)! ).toBeGreaterThanOrEqual(SPOKE_MIN_DISTANCE_SHARE * max);
    expect(sector(landing).isNexusProtected).toBe(true);
    expect(terran.sectors.filter((s) => s.isNexusProtected).map((s) => s.sectorNumber)).toEqual([landing]);
  });
});
