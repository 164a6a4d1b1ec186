/**
 * The validation gate plus the connectivity / warp-shape checks the
 * original never enforced (docs/rules/original-defects.md #15): sector count, contiguous unique sector numbers 1..N, unique global
 * sector ids inside [sectorIdStart, sectorIdEnd], exactly one capital, referential integrity of
 * warps / clusters / stations / planets / zones, each cluster's sectorCount equals its members, every
 * non-island sector reachable from the capital (following warp directions), one-way share within bounds,
 * at most 6 warps per sector, and the Nexus anchors (cluster table, Gateway Plaza protection, Starport Prime).
 * Returns every issue; `assertValidGalaxy` throws ERR_GALAXY_VALIDATION_FAILED with the list.
 */
import {
  DomainError,
  NEXUS_CAPITAL_CLUSTER_NUMBER,
  NEXUS_CAPITAL_SECTOR_NUMBER,
  NEXUS_CLUSTERS,
  NEXUS_SECTORS,
  PLAYER_REGION_MAX_SECTORS,
  PLAYER_REGION_MIN_SECTORS,
  REGION_TIERS,
  TERRAN_SECTORS,
  type ValidationIssue,
} from '@sw/domain';
import { WARP_LIMITS } from './galaxy-density.ts';
import type { GeneratedRegion } from './galaxy-types.ts';
import { bfs, buildWarpGraph } from './warp-graph.ts';

const MAX_LISTED = 5; // per check, so a badly broken galaxy does not produce 10,000 issues

function expectedSize(r: GeneratedRegion): [number, number] {
  if (r.regionType === 'central_nexus') return [NEXUS_SECTORS, NEXUS_SECTORS];
  if (r.regionType === 'terran_space') return [TERRAN_SECTORS, TERRAN_SECTORS];
  if (r.tier) return [REGION_TIERS[r.tier].minSectors, REGION_TIERS[r.tier].maxSectors];
  return [PLAYER_REGION_MIN_SECTORS, PLAYER_REGION_MAX_SECTORS];
}

export function validateGalaxy(r: GeneratedRegion): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const counts = new Map<string, number>();
  const add = (path: string, message: string): void => {
    const c = (counts.get(path) ?? 0) + 1;
    counts.set(path, c);
    if (c <= MAX_LISTED) issues.push({ path, message });
  };
  const n = r.totalSectors;

  // ---- size and numbering ----
  const [min, max] = expectedSize(r);
  if (!Number.isInteger(n) || n < min || n > max) add('totalSectors', `${r.regionType} must have ${min === max ? min : `${min}-${max}`} sectors, got ${n}`);
  if (r.sectors.length !== n) add('sectors.count', `expected ${n} sectors, found ${r.sectors.length}`);
  if (!Number.isInteger(r.sectorIdStart) || r.sectorIdStart < 1) add('sectorIdStart', `sectorIdStart must be a positive integer, got ${r.sectorIdStart}`);
  if (r.sectorIdEnd !== r.sectorIdStart + n - 1) add('sectorIdEnd', `sectorIdEnd must be ${r.sectorIdStart + n - 1}, got ${r.sectorIdEnd}`);
  const size = Math.max(n, 0) | 0;
  const seenNumber = new Uint8Array(size + 1);
  const seenId = new Uint8Array(size);
  const clusterOf = new Map<number, { sectorCount: number; sectorStart: number; sectorEnd: number; members: number }>();
  const clusterNames = new Set<string>();
  for (const c of r.clusters) {
    if (clusterOf.has(c.clusterNumber)) add('clusters.clusterNumber', `duplicate cluster number ${c.clusterNumber}`);
    if (clusterNames.has(c.name)) add('clusters.name', `duplicate cluster name "${c.name}" (names are unique per region)`);
    clusterNames.add(c.name);
    clusterOf.set(c.clusterNumber, { sectorCount: c.sectorCount, sectorStart: c.sectorStart, sectorEnd: c.sectorEnd, members: 0 });
  }
  const zoneOf = new Map<string, { sectorStart: number; sectorEnd: number }>();
  for (const z of r.zones) {
    if (zoneOf.has(z.zoneType)) add('zones.zoneType', `duplicate zone ${z.zoneType}`);
    zoneOf.set(z.zoneType, z);
  }
  const zonesSorted = r.zones.slice().sort((a, b) => a.sectorStart - b.sectorStart);
  let expectStart = 1;
  for (const z of zonesSorted) {
    if (z.sectorStart !== expectStart || z.sectorEnd < z.sectorStart) add('zones.range', `zone ${z.zoneType} ${z.sectorStart}-${z.sectorEnd} leaves a gap or overlaps (expected start ${expectStart})`);
    expectStart = z.sectorEnd + 1;
  }
  if (expectStart !== n + 1) add('zones.range', `zones cover 1-${expectStart - 1}, expected 1-${n}`);

  let capitals = 0;
  const island = new Uint8Array(size);
  let islandCount = 0;
  for (const s of r.sectors) {
    const num = s.sectorNumber;
    if (!Number.isInteger(num) || num < 1 || num > n) add('sectors.sectorNumber', `sector number ${num} outside 1-${n}`);
    else if (seenNumber[num]) add('sectors.sectorNumber', `duplicate sector number ${num}`);
    else seenNumber[num] = 1;
    const idx = s.sectorId - r.sectorIdStart;
    if (!Number.isInteger(s.sectorId) || idx < 0 || idx >= n) add('sectors.sectorId', `sector id ${s.sectorId} outside ${r.sectorIdStart}-${r.sectorIdEnd}`);
    else if (seenId[idx]) add('sectors.sectorId', `duplicate sector id ${s.sectorId}`);
    else {
      seenId[idx] = 1;
      if (idx !== num - 1) add('sectors.sectorId', `sector ${num} has id ${s.sectorId}, expected ${r.sectorIdStart + num - 1}`);
      if (s.islandGroupId !== null) {
        island[idx] = 1;
        islandCount++;
      }
    }
    if (s.isCapital) capitals++;
    const c = clusterOf.get(s.clusterNumber);
    if (!c) add('sectors.clusterNumber', `sector ${num} references missing cluster ${s.clusterNumber}`);
    else {
      c.members++;
      if (num < c.sectorStart || num > c.sectorEnd) add('sectors.clusterNumber', `sector ${num} lies outside its cluster range ${c.sectorStart}-${c.sectorEnd}`);
    }
    const z = zoneOf.get(s.zoneType);
    if (!z) add('sectors.zoneType', `sector ${num} references missing zone ${s.zoneType}`);
    else if (num < z.sectorStart || num > z.sectorEnd) add('sectors.zoneType', `sector ${num} is outside its zone ${s.zoneType}`);
  }
  for (let i = 1; i <= n && i <= size; i++) if (!seenNumber[i]) add('sectors.sectorNumber', `sector number ${i} is missing (numbers must be contiguous 1-${n})`);
  for (const c of r.clusters) {
    const members = clusterOf.get(c.clusterNumber)?.members ?? 0;
    if (members !== c.sectorCount) add('clusters.sectorCount', `cluster ${c.clusterNumber} says ${c.sectorCount} sectors but has ${members}`);
  }

  // ---- capital ----
  const capital = r.sectors[r.capitalSectorNumber - 1];
  if (capitals !== 1) add('capital', `exactly one capital sector required, found ${capitals}`);
  if (!capital || capital.sectorNumber !== r.capitalSectorNumber || !capital.isCapital) add('capital', `capitalSectorNumber ${r.capitalSectorNumber} is not the capital sector`);
  if (r.regionType === 'central_nexus' && r.capitalSectorNumber !== NEXUS_CAPITAL_SECTOR_NUMBER) add('capital', `Nexus capital must be ${NEXUS_CAPITAL_SECTOR_NUMBER}`);
  if (r.regionType === 'terran_space' && r.capitalSectorNumber !== 1) add('capital', 'Terran capital must be sector 1');
  if (r.regionType === 'player_owned' && capital && capital.zoneType !== 'FEDERATION') add('capital', 'player capital must lie in the Federation zone');

  // ---- warps ----
  const degree = new Int32Array(size);
  const pairs = new Set<number>();
  let oneWay = 0;
  r.warps.forEach((w, k) => {
    const a = w.fromSectorId - r.sectorIdStart, b = w.toSectorId - r.sectorIdStart;
    const okA = Number.isInteger(a) && a >= 0 && a < n && seenId[a] === 1;
    const okB = Number.isInteger(b) && b >= 0 && b < n && seenId[b] === 1;
    if (!okA || !okB) {
      add('warps.sectorId', `warp ${k} ${w.fromSectorId}->${w.toSectorId} references a missing sector`);
      return;
    }
    if (a === b) add('warps.selfLoop', `warp ${k} loops on sector ${w.fromSectorId}`);
    const key = Math.min(a, b) * size + Math.max(a, b);
    if (pairs.has(key)) add('warps.duplicate', `duplicate warp between ${w.fromSectorId} and ${w.toSectorId}`);
    pairs.add(key);
    if (w.isLatent && w.isBidirectional) add('warps.isLatent', `warp ${k} is latent but two-way (only one-ways may be latent)`);
    if (w.turnCost !== WARP_LIMITS.turnCost) add('warps.turnCost', `warp ${k} turn cost ${w.turnCost}, expected ${WARP_LIMITS.turnCost}`);
    if (!w.isBidirectional) oneWay++;
    degree[a]!++;
    degree[b]!++;
  });
  for (let i = 0; i < size; i++) {
    if (degree[i]! > WARP_LIMITS.maxWarpsPerSector) add('warps.maxPerSector', `sector ${i + 1} has ${degree[i]} warps (max ${WARP_LIMITS.maxWarpsPerSector})`);
  }
  const pct = r.warps.length ? (oneWay / r.warps.length) * 100 : 0;
  if (pct < WARP_LIMITS.oneWayPctMin || pct > WARP_LIMITS.oneWayPctMax) {
    add('warps.oneWayPct', `one-way share ${pct.toFixed(2)}% outside ${WARP_LIMITS.oneWayPctMin}-${WARP_LIMITS.oneWayPctMax}%`);
  }

  // ---- reachability (directed, from the capital) ----
  if (islandCount > WARP_LIMITS.maxIslandShare * n) add('islands', `${islandCount} island sectors exceed ${WARP_LIMITS.maxIslandShare * 100}% of the region`);
  if (r.regionType !== 'player_owned' && islandCount > 0) add('islands', `${r.regionType} must not have island sectors`);
  if (capital && size > 0) {
    const g = buildWarpGraph(size, r.sectorIdStart, r.warps);
    const dist = bfs(size, g.outStart, g.outList, r.capitalSectorNumber - 1);
    for (let i = 0; i < size; i++) {
      if (!seenId[i]) continue;
      if (!island[i] && dist[i] === -1) add('reachability', `sector ${i + 1} is not reachable from the capital`);
      if (island[i] && dist[i] !== -1) add('reachability', `island sector ${i + 1} is reachable from the capital (islands must be disconnected)`);
    }
    if (r.regionType !== 'central_nexus') {
      const landing = r.nexusWarpSector;
      const ls = landing === null ? undefined : r.sectors[landing - 1];
      if (!ls || ls.sectorNumber !== landing) add('nexusWarpSector', `spoke landing sector ${landing} does not exist`);
      else {
        if (!ls.isNexusProtected) add('nexusWarpSector', `spoke landing sector ${landing} must be nexus-protected`);
        if (dist[landing! - 1] === -1) add('nexusWarpSector', `spoke landing sector ${landing} is not reachable from the capital`);
      }
    } else if (r.nexusWarpSector !== null) add('nexusWarpSector', 'the Nexus has no spoke landing sector');
  }

  // ---- stations and planets ----
  for (const [path, rows] of [['stations', r.stations], ['planets', r.planets]] as const) {
    rows.forEach((row, k) => {
      const idx = row.sectorId - r.sectorIdStart;
      if (!Number.isInteger(idx) || idx < 0 || idx >= n || !seenId[idx]) add(`${path}.sectorId`, `${path} ${k} "${row.name}" references missing sector ${row.sectorId}`);
      else if (row.sectorNumber !== idx + 1) add(`${path}.sectorNumber`, `${path} ${k} sector number ${row.sectorNumber} does not match sector id ${row.sectorId}`);
    });
  }

  // ---- Nexus anchors ----
  if (r.regionType === 'central_nexus') {
    NEXUS_CLUSTERS.forEach((t) => {
      const c = r.clusters[t.clusterNumber - 1];
      if (!c || c.clusterNumber !== t.clusterNumber || c.name !== t.name || c.clusterType !== t.clusterType || c.sectorStart !== t.sectorStart || c.sectorEnd !== t.sectorEnd) {
        add('clusters.nexusTable', `Nexus cluster ${t.clusterNumber} must be ${t.name} (${t.clusterType}, ${t.sectorStart}-${t.sectorEnd})`);
      }
    });
    if (r.clusters.length !== NEXUS_CLUSTERS.length) add('clusters.nexusTable', `the Nexus has ${NEXUS_CLUSTERS.length} clusters, found ${r.clusters.length}`);
    for (const s of r.sectors) {
      const inPlaza = s.clusterNumber === NEXUS_CAPITAL_CLUSTER_NUMBER;
      if (inPlaza !== s.isNexusProtected) add('sectors.isNexusProtected', `Nexus sector ${s.sectorNumber}: exactly the Gateway Plaza sectors are nexus-protected`);
    }
    const primes = r.stations.filter((s) => s.isStarportPrime);
    if (primes.length !== 1 || primes[0]!.sectorNumber !== NEXUS_CAPITAL_SECTOR_NUMBER || primes[0]!.stationClass !== 'CLASS_0') {
      add('stations.isStarportPrime', 'the Nexus needs exactly one CLASS_0 Starport Prime, in the capital sector');
    }
  }

  for (const [path, c] of counts) if (c > MAX_LISTED) issues.push({ path, message: `… and ${c - MAX_LISTED} more` });
  return issues;
}

/** Throws DomainError('ERR_GALAXY_VALIDATION_FAILED', …, { issues }) when the region fails the gate. */
export function assertValidGalaxy(r: GeneratedRegion): void {
  const issues = validateGalaxy(r);
  if (issues.length > 0) {
    throw new DomainError('ERR_GALAXY_VALIDATION_FAILED', `${r.regionType} galaxy failed validation: ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
  }
}
