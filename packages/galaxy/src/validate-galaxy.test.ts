import { DomainError } from '@sw/domain';
import { describe, expect, it } from 'vitest';
import { assertValidGalaxy, generateNexus, generatePlayerRegion, generateTerran, validateGalaxy, type GeneratedRegion } from './index.ts';

const terran = generateTerran({ seed: 3, sectorIdStart: 1 });
const player = generatePlayerRegion({ seed: 3, tier: 'standard', sectorIdStart: 301 });
const nexus = generateNexus({ seed: 3, sectorIdStart: 2000 });
const mega = generatePlayerRegion({ seed: 3, tier: 'mega', sectorIdStart: 1 });

function tampered(base: GeneratedRegion, change: (r: GeneratedRegion) => void): string[] {
  const r = structuredClone(base);
  change(r);
  return validateGalaxy(r).map((i) => i.path);
}

describe('validateGalaxy', () => {
  it('accepts untouched regions of every type', () => {
    expect(mega.totalSectors).toBeGreaterThan(1200); // precondition of the tier tampering case
    expect(validateGalaxy(terran)).toEqual([]);
    expect(validateGalaxy(player)).toEqual([]);
    expect(validateGalaxy(nexus)).toEqual([]);
    expect(() => assertValidGalaxy(player)).not.toThrow();
  });

  it.each<[string, GeneratedRegion, (r: GeneratedRegion) => void, string]>([
    ['a missing sector', terran, (r) => void r.sectors.pop(), 'sectors.count'],
    ['a wrong sector count for the type', terran, (r) => { r.totalSectors = 299; r.sectorIdEnd = 299; }, 'totalSectors'],
    ['a player region larger than its tier', mega, (r) => { r.tier = 'standard'; }, 'totalSectors'],
    ['a duplicate sector number', terran, (r) => { r.sectors[5]!.sectorNumber = 5; }, 'sectors.sectorNumber'],
    ['a gap in sector numbers', terran, (r) => { r.sectors[299]!.sectorNumber = 301; }, 'sectors.sectorNumber'],
    ['a sector id outside the range', terran, (r) => { r.sectors[7]!.sectorId = 999_999; }, 'sectors.sectorId'],
    ['a duplicate sector id', terran, (r) => { r.sectors[8]!.sectorId = r.sectors[9]!.sectorId; }, 'sectors.sectorId'],
    ['a wrong sectorIdEnd', terran, (r) => { r.sectorIdEnd += 1; }, 'sectorIdEnd'],
    ['two capitals', terran, (r) => { r.sectors[2]!.isCapital = true; }, 'capital'],
    ['no capital', terran, (r) => { r.sectors[0]!.isCapital = false; }, 'capital'],
    ['a player capital outside the Federation zone', player, (r) => {
      r.sectors[r.capitalSectorNumber - 1]!.isCapital = false;
      r.capitalSectorNumber = r.totalSectors;
      r.sectors[r.totalSectors - 1]!.isCapital = true;
    }, 'capital'],
    ['a warp to a missing sector', terran, (r) => { r.warps[0]!.toSectorId = 999_999; }, 'warps.sectorId'],
    ['a duplicate warp', terran, (r) => { const w = r.warps[0]!; r.warps.push({ ...w, fromSectorId: w.toSectorId, toSectorId: w.fromSectorId }); }, 'warps.duplicate'],
    ['a self-loop warp', terran, (r) => { r.warps[0]!.toSectorId = r.warps[0]!.fromSectorId; }, 'warps.selfLoop'],
    ['a latent two-way warp', terran, (r) => { r.warps.find((w) => w.isBidirectional)!.isLatent = true; }, 'warps.isLatent'],
    ['too many warps on one sector', terran, (r) => {
      const hub = r.sectors[150]!.sectorId;
      for (let k = 1; k <= 7; k++) r.warps.push({ fromSectorId: hub, toSectorId: hub + 20 * k, isBidirectional: true, isLatent: false, turnCost: 1, warpStability: 1 });
    }, 'warps.maxPerSector'],
    ['a one-way share outside 3-7%', terran, (r) => { for (const w of r.warps) { w.isBidirectional = true; w.isLatent = false; } }, 'warps.oneWayPct'],
    ['a one-way share above 7%', nexus, (r) => { r.warps.forEach((w, k) => { if (k % 8 === 0) w.isBidirectional = false; }); }, 'warps.oneWayPct'],
    ['an unreachable sector', terran, (r) => {
      const id = r.sectors[200]!.sectorId;
      r.warps = r.warps.filter((w) => w.fromSectorId !== id && w.toSectorId !== id);
    }, 'reachability'],
    ['an island linked to the mainland', player, (r) => {
      const isl = r.sectors.find((s) => s.islandGroupId !== null)!;
      const cap = r.sectors[r.capitalSectorNumber - 1]!;
      r.warps.push({ fromSectorId: cap.sectorId, toSectorId: isl.sectorId, isBidirectional: true, isLatent: false, turnCost: 1, warpStability: 1 });
    }, 'reachability'],
    ['islands in the Nexus', nexus, (r) => { r.sectors[100]!.islandGroupId = 1; }, 'islands'],
    ['a sector in a missing cluster', terran, (r) => { r.sectors[3]!.clusterNumber = 99; }, 'sectors.clusterNumber'],
    ['a cluster sector_count that disagrees with its members', terran, (r) => { r.clusters[0]!.sectorCount = 51; }, 'clusters.sectorCount'],
    ['duplicate cluster names', player, (r) => { r.clusters[1]!.name = r.clusters[0]!.name; }, 'clusters.name'],
    ['a station in a missing sector', terran, (r) => { r.stations[0]!.sectorId = 999_999; }, 'stations.sectorId'],
    ['a station whose number disagrees with its id', terran, (r) => { r.stations[0]!.sectorNumber += 1; }, 'stations.sectorNumber'],
    ['a planet in a missing sector', terran, (r) => { r.planets[0]!.sectorId = -5; }, 'planets.sectorId'],
    ['a sector in a missing zone', terran, (r) => { r.sectors[0]!.zoneType = 'EXPANSE'; }, 'sectors.zoneType'],
    ['a sector outside its zone', terran, (r) => { r.sectors[0]!.zoneType = 'FRONTIER'; }, 'sectors.zoneType'],
    ['zones with a gap', terran, (r) => { r.zones[1]!.sectorStart = 105; }, 'zones.range'],
    ['an unprotected spoke landing', terran, (r) => { r.sectors[r.nexusWarpSector! - 1]!.isNexusProtected = false; }, 'nexusWarpSector'],
    ['a missing spoke landing', player, (r) => { r.nexusWarpSector = null; }, 'nexusWarpSector'],
    ['an unprotected Gateway Plaza sector', nexus, (r) => { r.sectors[2400]!.isNexusProtected = false; }, 'sectors.isNexusProtected'],
    ['a protected sector outside Gateway Plaza', nexus, (r) => { r.sectors[0]!.isNexusProtected = true; }, 'sectors.isNexusProtected'],
    ['no Starport Prime', nexus, (r) => { r.stations.find((s) => s.isStarportPrime)!.isStarportPrime = false; }, 'stations.isStarportPrime'],
    ['a Nexus cluster that is not THE table', nexus, (r) => { r.clusters[9]!.clusterType = 'FRONTIER_OUTPOST'; }, 'clusters.nexusTable'],
    ['a Nexus capital other than 2251', nexus, (r) => {
      r.sectors[2250]!.isCapital = false; r.sectors[0]!.isCapital = true; r.capitalSectorNumber = 1;
    }, 'capital'],
  ])('rejects %s', (_label, base, change, path) => {
    const paths = tampered(base, change);
    expect(paths).toContain(path);
  });

  it('assertValidGalaxy throws ERR_GALAXY_VALIDATION_FAILED with every issue', () => {
    const r = structuredClone(terran);
    r.sectors[2]!.isCapital = true;
    r.clusters[0]!.sectorCount = 1;
    try {
      assertValidGalaxy(r);
      expect.unreachable('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('ERR_GALAXY_VALIDATION_FAILED');
      const issues = err.details!.issues as Array<{ path: string }>;
      expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['capital', 'clusters.sectorCount']));
    }
  });

  it('caps the issue list per check', () => {
    const r = structuredClone(nexus);
    for (const s of r.sectors) s.clusterNumber = 99;
    const issues = validateGalaxy(r).filter((i) => i.path === 'sectors.clusterNumber');
    expect(issues).toHaveLength(6);
    expect(issues.at(-1)!.message).toContain('4995 more');
  });
});
