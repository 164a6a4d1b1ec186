import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  galaxyHash,
  generateNexus,
  generatePlayerRegion,
  generateTerran,
  regenerateNexusCluster,
  validateGalaxy,
  type GeneratedRegion,
} from './index.ts';

/** Pinned: changes whenever the Nexus generator's output changes. Update deliberately, never casually. */
const GOLDEN_NEXUS_SEED_42 = '72d38c33b50fb66f07444168f73ae44380396b2f5d906c460231e002a8b3dfa2';

const nexus = generateNexus({ seed: 42, sectorIdStart: 301 });
const rows = (r: GeneratedRegion) => ({ sectors: r.sectors, warps: r.warps, stations: r.stations, planets: r.planets });

describe('determinism and galaxyHash', () => {
  it('pins the golden hash of the Nexus with seed 42', () => {
    expect(galaxyHash(nexus)).toBe(GOLDEN_NEXUS_SEED_42);
  });

  it('gives the same galaxy for the same seed, whatever its form', () => {
    expect(galaxyHash(generateNexus({ seed: 42n, sectorIdStart: 301 }))).toBe(galaxyHash(nexus));
    expect(galaxyHash(generateNexus({ seed: '42', sectorIdStart: 301 }))).toBe(galaxyHash(nexus));
    const a = generatePlayerRegion({ seed: 'abc', tier: 'premium', sectorIdStart: 10, regionName: 'X' });
    const b = generatePlayerRegion({ seed: 'abc', tier: 'premium', sectorIdStart: 10, regionName: 'X' });
    expect(b).toEqual(a);
    expect(galaxyHash(b)).toBe(galaxyHash(a));
    expect(galaxyHash(generateTerran({ seed: 5, sectorIdStart: 1 }))).toBe(galaxyHash(generateTerran({ seed: 5, sectorIdStart: 1 })));
  });

  it('gives different galaxies for different seeds and different id offsets', () => {
    const hashes = new Set([
      galaxyHash(nexus),
      galaxyHash(generateNexus({ seed: 43, sectorIdStart: 301 })),
      galaxyHash(generateNexus({ seed: 42, sectorIdStart: 302 })),
      galaxyHash(generateTerran({ seed: 1, sectorIdStart: 1 })),
      galaxyHash(generateTerran({ seed: 2, sectorIdStart: 1 })),
    ]);
    expect(hashes.size).toBe(5);
    expect(galaxyHash(nexus)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes canonically: key order does not matter, any value change does', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    const r = structuredClone(nexus);
    expect(galaxyHash(r)).toBe(galaxyHash(nexus));
    const { sectorId, ...rest } = r.sectors[7]!;
    r.sectors[7] = { ...rest, sectorId }; // same values, different key order
    expect(galaxyHash(r)).toBe(galaxyHash(nexus));
    r.warps[10]!.isLatent = !r.warps[10]!.isLatent;
    expect(galaxyHash(r)).not.toBe(galaxyHash(nexus));
  });
});

describe('regenerateNexusCluster', () => {
  const inCluster = (c: number) => (id: number) => id >= 301 + (c - 1) * 250 && id <= 300 + c * 250;

  it('changes only the chosen cluster, keeps every cross-cluster warp and id, and stays valid', () => {
    const inside = inCluster(7);
    const next = regenerateNexusCluster(nexus, 7, 'reroll-1');
    expect(validateGalaxy(next)).toEqual([]);
    expect(next.sectors.map((s) => s.sectorId)).toEqual(nexus.sectors.map((s) => s.sectorId));
    expect(next.sectors.filter((s) => !inside(s.sectorId))).toEqual(nexus.sectors.filter((s) => !inside(s.sectorId)));
    const outer = (r: GeneratedRegion) => r.warps.filter((w) => !(inside(w.fromSectorId) && inside(w.toSectorId)));
    expect(outer(next)).toEqual(outer(nexus));
    const stationsOutside = (r: GeneratedRegion) => r.stations.filter((s) => !inside(s.sectorId));
    expect(stationsOutside(next)).toEqual(stationsOutside(nexus));
    expect(next.planets.filter((p) => !inside(p.sectorId))).toEqual(nexus.planets.filter((p) => !inside(p.sectorId)));
    const intra = (r: GeneratedRegion) => r.warps.filter((w) => inside(w.fromSectorId) && inside(w.toSectorId));
    expect(intra(next)).not.toEqual(intra(nexus));
    expect(galaxyHash(next)).not.toBe(galaxyHash(nexus));
    expect(next.clusterReseeds).toEqual([{ clusterNumber: 7, seed: 'reroll-1' }]);
    // cluster 7 is a TradeDock-eligible TRADE_HUB: whichever tier it had, it keeps
    const dockTier = (r: GeneratedRegion) => r.stations.filter((s) => inside(s.sectorId) && s.stationType === 'TRADEDOCK').map((s) => s.tradedockTier);
    expect(dockTier(next)).toEqual(dockTier(nexus));
  });

  it('keeps the capital, Starport Prime and protection when Gateway Plaza is regenerated', () => {
    const next = regenerateNexusCluster(nexus, 10, 99);
    expect(validateGalaxy(next)).toEqual([]);
    expect(next.sectors[2250]!.isCapital).toBe(true);
    expect(next.stations.filter((s) => s.isStarportPrime).map((s) => s.sectorNumber)).toEqual([2251]);
    expect(next.sectors.filter((s) => s.isNexusProtected)).toHaveLength(250);
  });

  it('reproduces the original cluster when re-rolled with the Nexus seed, and chains reseeds', () => {
    const same = regenerateNexusCluster(nexus, 4, 42);
    expect(rows(same)).toEqual(rows(nexus));
    const twice = regenerateNexusCluster(regenerateNexusCluster(nexus, 4, 'x'), 15, 'y');
    expect(twice.clusterReseeds.map((r) => r.clusterNumber)).toEqual([4, 15]);
    expect(validateGalaxy(twice)).toEqual([]);
  });

  it('rejects unknown clusters and non-Nexus regions', () => {
    expect(() => regenerateNexusCluster(nexus, 21, 1)).toThrowError(expect.objectContaining({ code: 'ERR_UNKNOWN_CLUSTER' }));
    expect(() => regenerateNexusCluster(nexus, 0, 1)).toThrowError(expect.objectContaining({ code: 'ERR_UNKNOWN_CLUSTER' }));
    const terran = generateTerran({ seed: 1, sectorIdStart: 1 });
    expect(() => regenerateNexusCluster(terran, 1, 1)).toThrowError(expect.objectContaining({ code: 'ERR_VALIDATION' }));
  });
});
