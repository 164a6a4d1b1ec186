import { CLUSTER_TYPE_TRAITS, NEXUS_CLUSTERS } from '@sw/domain';
import { describe, expect, it } from 'vitest';
import { distancesFromCapital, warpCounts } from './galaxy-test-utils.ts';
import { generateNexus, GALAXY_DENSITY, NEXUS_CAPITAL_SECTOR_NUMBER, validateGalaxy, type GenerationStage } from './index.ts';

const START = 301;
const nexus = generateNexus({ seed: 42, sectorIdStart: START });
const clusterOf = (n: number) => NEXUS_CLUSTERS[Math.floor((n - 1) / 250)]!;
const generatedPorts = (clusterNumber: number) =>
  nexus.stations.filter((s) => clusterOf(s.sectorNumber).clusterNumber === clusterNumber && s.stationType !== 'TRADEDOCK' && !s.isStarportPrime);

describe('generateNexus', () => {
  it('has exactly 5000 sectors numbered 1..5000 with global ids from sectorIdStart', () => {
    expect(nexus.totalSectors).toBe(5000);
    expect(nexus.sectors).toHaveLength(5000);
    nexus.sectors.forEach((s, i) => {
      expect(s.sectorNumber).toBe(i + 1);
      expect(s.sectorId).toBe(START + i);
    });
    expect(nexus.sectorIdEnd).toBe(START + 4999);
    expect(validateGalaxy(nexus)).toEqual([]);
  });

  it('uses THE cluster table: 20 x 250 on the 5x4 grid, one Expanse zone', () => {
    expect(nexus.clusters.map((c) => [c.clusterNumber, c.name, c.clusterType, c.x, c.y, c.sectorStart, c.sectorEnd, c.sectorCount])).toEqual(
      NEXUS_CLUSTERS.map((c) => [c.clusterNumber, c.name, c.clusterType, c.gridX, c.gridY, c.sectorStart, c.sectorEnd, 250]),
    );
    for (const s of nexus.sectors) expect(s.clusterNumber).toBe(clusterOf(s.sectorNumber).clusterNumber);
    expect(nexus.zones).toEqual([{ zoneType: 'EXPANSE', name: 'The Expanse', sectorStart: 1, sectorEnd: 5000, policingLevel: 3, dangerLevel: 6 }]);
    expect(new Set(nexus.sectors.map((s) => s.zoneType))).toEqual(new Set(['EXPANSE']));
  });

  it('puts the only capital at 2251 in Gateway Plaza and protects exactly 2251-2500', () => {
    const capitals = nexus.sectors.filter((s) => s.isCapital);
    expect(capitals.map((s) => s.sectorNumber)).toEqual([NEXUS_CAPITAL_SECTOR_NUMBER]);
    expect(nexus.capitalSectorNumber).toBe(2251);
    expect(nexus.clusters[capitals[0]!.clusterNumber - 1]!.name).toBe('Gateway Plaza');
    const protectedNumbers = nexus.sectors.filter((s) => s.isNexusProtected).map((s) => s.sectorNumber);
    expect(protectedNumbers).toEqual(Array.from({ length: 250 }, (_, i) => 2251 + i));
    expect(nexus.nexusWarpSector).toBeNull();
  });

  it('has Nexus Starport Prime (CLASS_0, premium, is_starport_prime) at the capital', () => {
    const primes = nexus.stations.filter((s) => s.isStarportPrime);
    expect(primes).toHaveLength(1);
    expect(primes[0]).toMatchObject({
      name: 'Nexus Starport Prime', sectorNumber: 2251, sectorId: START + 2250, stationClass: 'CLASS_0',
      securityTier: 'premium', dockingSlipsTransient: 200, dockingSlipsLongTerm: 50,
    });
  });

  it('seeds 1 Tier-A + 2 Tier-B TradeDocks in TRADE_HUB clusters other than 1 and 10, on sectors with >= 2 inbound warps', () => {
    const docks = nexus.stations.filter((s) => s.stationType === 'TRADEDOCK');
    expect(docks.map((d) => d.tradedockTier).sort()).toEqual(['A', 'B', 'B']);
    const clusters = docks.map((d) => clusterOf(d.sectorNumber));
    expect(new Set(clusters.map((c) => c.clusterNumber)).size).toBe(3);
    for (const c of clusters) {
      expect(c.clusterType).toBe('TRADE_HUB');
      expect([1, 10]).not.toContain(c.clusterNumber);
    }
    for (const d of docks) {
      const inbound = nexus.warps.filter((w) => w.toSectorId === d.sectorId || (w.isBidirectional && w.fromSectorId === d.sectorId)).length;
      expect(inbound).toBeGreaterThanOrEqual(2);
    }
  });

  it('sets security/hazard by cluster type and Nexus development/traffic levels', () => {
    for (const s of nexus.sectors) {
      const t = CLUSTER_TYPE_TRAITS[clusterOf(s.sectorNumber).clusterType];
      expect([s.securityLevel, s.hazardLevel]).toEqual([t.securityLevel, t.hazardLevel]);
      if (!s.isCapital) expect([s.developmentLevel, s.trafficLevel]).toEqual([3, 2]);
    }
  });

  it('applies the resource-rich asteroid bias (x1.5 on every sector) and leaves the capital unbiased', () => {
    for (const s of nexus.sectors) {
      const type = clusterOf(s.sectorNumber).clusterType;
      if (type === 'RESOURCE_RICH') expect([s.oreYield, s.preciousMetalsYield, s.quantumShardsYield]).toEqual([1500, 600, 300]);
      else expect([0, 1000]).toContain(s.oreYield);
    }
    const capital = nexus.sectors[2250]!;
    expect(capital).toMatchObject({ sectorType: 'STANDARD', oreYield: 0 });
  });

  it('applies frontier biases: 15% NEBULA, half port density, lawless stations, black markets only there', () => {
    for (const c of NEXUS_CLUSTERS) {
      const members = nexus.sectors.filter((s) => s.clusterNumber === c.clusterNumber);
      const nebula = members.filter((s) => s.sectorType === 'NEBULA').length;
      const ports = generatedPorts(c.clusterNumber).length;
      if (c.clusterType === 'FRONTIER_OUTPOST') {
        expect([37, 38]).toContain(nebula); // 250 x 15%
        expect([6, 7]).toContain(ports); // 250 x 5% x 0.5
        for (const p of generatedPorts(c.clusterNumber)) expect(p.securityTier).toBe('none');
      } else {
        expect([12, 13]).toContain(nebula); // ~250 x 5%
        expect([12, 13]).toContain(ports); // ~250 x 5%
      }
    }
    for (const s of nexus.stations.filter((x) => x.stationType === 'BLACK_MARKET')) {
      expect(clusterOf(s.sectorNumber).clusterType).toBe('FRONTIER_OUTPOST');
    }
  });

  it('makes about 4% of frontier ports BLACK_MARKET across seeds', () => {
    let frontier = 0, black = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const n = seed === 42 ? nexus : generateNexus({ seed, sectorIdStart: 1, validate: false });
      for (const s of n.stations) {
        if (clusterOf(s.sectorNumber).clusterType !== 'FRONTIER_OUTPOST') continue;
        frontier++;
        if (s.stationType === 'BLACK_MARKET') black++;
      }
    }
    expect(frontier).toBeGreaterThan(200);
    expect(black / frontier).toBeGreaterThan(0.01);
    expect(black / frontier).toBeLessThan(0.08);
  });

  it('has ANOMALY in ~1.5% of sectors, never on the capital and never on a NEBULA', () => {
    const anomalies = nexus.sectors.filter((s) => s.sectorType === 'ANOMALY');
    expect(anomalies.length).toBeGreaterThanOrEqual(60);
    expect(anomalies.length).toBeLessThanOrEqual(90);
    expect(anomalies.some((s) => s.isCapital)).toBe(false);
    for (const c of NEXUS_CLUSTERS) {
      const n = anomalies.filter((s) => s.clusterNumber === c.clusterNumber).length;
      expect([3, 4]).toContain(n); // 250 x 1.5% = 3.75
    }
  });

  it('matches the documented densities: ports 5% (frontier 2.5%), planets 10%', () => {
    const d = GALAXY_DENSITY.central_nexus;
    expect([d.portDensity, d.planetDensity]).toEqual([0.05, 0.1]);
    const expectedPorts = NEXUS_CLUSTERS.reduce(
      (sum, c) => sum + (c.clusterNumber === 10 ? 249 : 250) * d.portDensity * CLUSTER_TYPE_TRAITS[c.clusterType].portDensityMultiplier, 0);
    const ports = NEXUS_CLUSTERS.reduce((sum, c) => sum + generatedPorts(c.clusterNumber).length, 0);
    expect(Math.abs(ports - expectedPorts)).toBeLessThanOrEqual(10);
    expect(Math.abs(nexus.planets.length - 4999 * d.planetDensity)).toBeLessThanOrEqual(10);
    expect(nexus.planets.some((p) => p.sectorNumber === 2251)).toBe(false);
    for (const p of nexus.planets) expect(p.maxPopulation).toBe(p.habitability * 1000);
  });

  it('is fully connected (directed) from the capital with no islands, max 6 warps, 3-7% one-way, ~20% latent', () => {
    const dist = distancesFromCapital(nexus, true);
    expect(dist.size).toBe(5000);
    expect(nexus.stats.islandSectors).toBe(0);
    expect(Math.max(...warpCounts(nexus).values())).toBeLessThanOrEqual(6);
    const oneWay = nexus.warps.filter((w) => !w.isBidirectional);
    const pct = (oneWay.length / nexus.warps.length) * 100;
    expect(pct).toBeGreaterThanOrEqual(3);
    expect(pct).toBeLessThanOrEqual(7);
    expect(nexus.stats.oneWayPct).toBeCloseTo(pct, 1);
    const latent = nexus.warps.filter((w) => w.isLatent);
    expect(latent.every((w) => !w.isBidirectional)).toBe(true);
    expect(latent.length / oneWay.length).toBeGreaterThan(0.12);
    expect(latent.length / oneWay.length).toBeLessThan(0.28);
    expect(nexus.warps.every((w) => w.turnCost === 1)).toBe(true);
    // a few inter-cluster links per adjacent cluster pair
    const inter = nexus.warps.filter((w) => clusterOf(w.fromSectorId - START + 1) !== clusterOf(w.toSectorId - START + 1));
    expect(inter).toHaveLength(31 * 3);
  });

  it('reports progress for every stage', () => {
    const seen: Array<[GenerationStage, number]> = [];
    generateNexus({ seed: 1, sectorIdStart: 1, onProgress: (stage, pct) => seen.push([stage, pct]) });
    const stages = [...new Set(seen.map(([s]) => s))];
    expect(stages).toEqual(['clusters', 'sectors', 'warps', 'stations', 'planets', 'validate']);
    expect(seen.at(-1)).toEqual(['validate', 100]);
    const sectorPcts = seen.filter(([s]) => s === 'sectors').map(([, p]) => p);
    expect(sectorPcts).toEqual([...sectorPcts].sort((a, b) => a - b));
    expect(sectorPcts.at(-1)).toBe(100);
  });

  it('rejects a bad sectorIdStart with ERR_VALIDATION', () => {
    expect(() => generateNexus({ seed: 1, sectorIdStart: 0 })).toThrowError(expect.objectContaining({ code: 'ERR_VALIDATION' }));
    expect(() => generateNexus({ seed: 1.5, sectorIdStart: 1 })).toThrow(RangeError);
  });
});
