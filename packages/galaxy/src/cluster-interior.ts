/**
 * Builds one cluster's interior from its own random stream: sector rows, intra-cluster warps, ports and
 * planets. Warps: a random spanning tree over the cluster's sector grid (orthogonal neighbours, always
 * two-way, so the cluster is strongly connected) plus extra orthogonal/diagonal neighbour links, never
 * exceeding the per-sector warp cap (cross-cluster links already placed are counted via `degree`).
 * One-way warps (4–6 %) are chosen only among the extra links, so direction never breaks reachability.
 * Island groups (tail cells) get their own two-way chain and no link to the rest.
 */
import { CLUSTER_TYPE_TRAITS } from '@sw/domain';
import { ASTEROID_BASE, WARP_LIMITS, ZONE_YIELD_MULTIPLIER } from './galaxy-density.ts';
import type { PlanetRow, PlanetType, SectorRow, SectorType, StationRow, StationType, WarpRow } from './galaxy-types.ts';
import type { Rng } from './prng.ts';
import { clusterColumns, clusterSpan, zoneOf, type ClusterPlan, type RegionPlan } from './region-plan.ts';

export interface ClusterContent {
  sectors: SectorRow[];
  warps: WarpRow[];
  stations: StationRow[];
  planets: PlanetRow[];
}

const PORT_TYPES: readonly StationType[] = ['TRADING', 'TRADING', 'INDUSTRIAL', 'DIPLOMATIC', 'SCIENTIFIC'];
const PLANET_HABITABILITY: Readonly<Record<PlanetType, readonly [number, number]>> = {
  TERRAN: [70, 100],
  OCEANIC: [50, 80],
  JUNGLE: [50, 80],
  DESERT: [20, 50],
  ICE: [10, 40],
  BARREN: [10, 40],
  VOLCANIC: [5, 30],
  GAS_GIANT: [0, 10],
};
const PLANET_TYPES = Object.keys(PLANET_HABITABILITY) as PlanetType[];

/** Station security tier: lawless → none; class 7–11 → standard; class 1–6 → basic. */
export function stationSecurityTier(stationClass: number, lawless: boolean): StationRow['securityTier'] {
  if (lawless) return 'none';
  return stationClass >= 7 ? 'standard' : 'basic';
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

export function buildClusterInterior(
  plan: RegionPlan,
  cp: ClusterPlan,
  rng: Rng,
  degree: Int32Array,
  island: Int32Array,
): ClusterContent {
  const d = plan.density;
  const traits = CLUSTER_TYPE_TRAITS[cp.clusterType];
  const n = cp.sectorCount;
  const base = cp.sectorStart - 1; // region-local index of the cluster's first sector
  const cols = clusterColumns(n);
  let islandCells = 0;
  for (const g of cp.islands) islandCells += g.size;
  const main = n - islandCells;
  const idOf = (i: number): number => plan.sectorIdStart + base + i;

  // ---- warps -------------------------------------------------------------------------------
  const ortho: number[] = [];
  const diag: number[] = [];
  for (let i = 0; i < main; i++) {
    const col = i % cols;
    if (col + 1 < cols && i + 1 < main) ortho.push(i, i + 1);
    if (i + cols < main) ortho.push(i, i + cols);
    if (col + 1 < cols && i + cols + 1 < main) diag.push(i, i + cols + 1);
    if (col > 0 && i + cols - 1 < main) diag.push(i, i + cols - 1);
  }
  const orthoCount = ortho.length / 2;
  const order = rng.shuffle(Array.from({ length: orthoCount }, (_, k) => k));
  const parent = new Int32Array(main);
  for (let i = 0; i < main; i++) parent[i] = i;
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  const extra: number[] = []; // edge indexes eligible for one-way
  const nonTree: number[] = [];
  for (const k of order) {
    const a = ortho[2 * k]!, b = ortho[2 * k + 1]!;
    const ra = find(parent, a), rb = find(parent, b);
    if (ra === rb) {
      nonTree.push(a, b);
      continue;
    }
    parent[ra] = rb;
    edgeFrom.push(a);
    edgeTo.push(b);
    degree[base + a]!++;
    degree[base + b]!++;
  }
  for (const list of [nonTree, diag]) {
    for (let k = 0; k < list.length; k += 2) {
      if (!rng.chance(d.extraEdgeChance)) continue;
      const a = list[k]!, b = list[k + 1]!;
      if (degree[base + a]! >= WARP_LIMITS.maxWarpsPerSector || degree[base + b]! >= WARP_LIMITS.maxWarpsPerSector) continue;
      extra.push(edgeFrom.length);
      edgeFrom.push(a);
      edgeTo.push(b);
      degree[base + a]!++;
      degree[base + b]!++;
    }
  }
  // island chains
  let end = n;
  for (const g of cp.islands) {
    for (let i = end - g.size; i < end - 1; i++) {
      edgeFrom.push(i);
      edgeTo.push(i + 1);
      degree[base + i]!++;
      degree[base + i + 1]!++;
    }
    end -= g.size;
  }
  const oneWayTarget = rng.roundStochastic(edgeFrom.length * (d.oneWayShareMin + rng.next() * (d.oneWayShareMax - d.oneWayShareMin)));
  const oneWays = rng.sample(extra, oneWayTarget);
  const latentCount = rng.roundStochastic(oneWays.length * d.latentShareOfOneWays);
  const oneWayFlag = new Uint8Array(edgeFrom.length); // 1 = one-way, 2 = latent one-way
  oneWays.forEach((e, k) => {
    oneWayFlag[e] = k < latentCount ? 2 : 1;
    if (rng.chance(0.5)) {
      const t = edgeFrom[e]!;
      edgeFrom[e] = edgeTo[e]!;
      edgeTo[e] = t;
    }
  });
  const warps = new Array<WarpRow>(edgeFrom.length);
  for (let e = 0; e < edgeFrom.length; e++) {
    warps[e] = {
      fromSectorId: idOf(edgeFrom[e]!),
      toSectorId: idOf(edgeTo[e]!),
      isBidirectional: oneWayFlag[e] === 0,
      isLatent: oneWayFlag[e] === 2,
      turnCost: WARP_LIMITS.turnCost,
      warpStability: plan.warpStability,
    };
  }

  // ---- sectors -----------------------------------------------------------------------------
  const span = clusterSpan(plan);
  const eligible: number[] = [];
  for (let i = 0; i < n; i++) if (!plan.reserved.has(cp.sectorStart + i)) eligible.push(i);
  const types = new Uint8Array(n); // 0 standard, 1 nebula, 2 anomaly
  const nebulaShare = traits.nebulaShare ?? d.baseNebulaShare;
  const nebula = rng.sample(eligible, rng.roundStochastic(eligible.length * nebulaShare));
  for (const i of nebula) types[i] = 1;
  const anomalyPool = eligible.filter((i) => types[i] === 0);
  for (const i of rng.sample(anomalyPool, rng.roundStochastic(n * d.anomalyShare))) types[i] = 2;

  const sectors = new Array<SectorRow>(n);
  for (let i = 0; i < n; i++) {
    const number = cp.sectorStart + i;
    const zone = zoneOf(plan, number);
    const reserved = plan.reserved.has(number);
    const isCapital = number === plan.capitalSectorNumber;
    const fedspace = number <= plan.fedspaceLast || (isCapital && plan.regionType !== 'central_nexus');
    const levels = plan.levels(zone);
    const features: string[] = [];
    if (fedspace) features.push('fedspace');
    const type: SectorType = types[i] === 1 ? 'NEBULA' : types[i] === 2 ? 'ANOMALY' : 'STANDARD';
    if (type === 'NEBULA') features.push(`nebula_density:${rng.range(1, 10)}`);
    let ore = 0, precious = 0, shards = 0;
    if (!reserved && (traits.asteroidYieldMultiplier > 1 || rng.chance(d.asteroidChance))) {
      const m = traits.asteroidYieldMultiplier * ZONE_YIELD_MULTIPLIER[zone];
      ore = Math.round(ASTEROID_BASE.ore * m);
      precious = Math.round(ASTEROID_BASE.preciousMetals * m);
      shards = Math.round(ASTEROID_BASE.quantumShards * m);
    }
    sectors[i] = {
      sectorId: idOf(i),
      sectorNumber: number,
      clusterNumber: cp.clusterNumber,
      zoneType: zone,
      isCapital,
      securityLevel: fedspace ? 10 : traits.securityLevel,
      hazardLevel: fedspace ? 0 : traits.hazardLevel,
      developmentLevel: levels.developmentLevel,
      trafficLevel: levels.trafficLevel,
      sectorType: type,
      isNexusProtected: false,
      specialFeatures: features,
      x: cp.gridX * span + (i % cols),
      y: cp.gridY * span + Math.floor(i / cols),
      z: rng.int(10),
      islandGroupId: island[base + i]! || null,
      oreYield: ore,
      preciousMetalsYield: precious,
      quantumShardsYield: shards,
    };
  }

  // ---- ports -------------------------------------------------------------------------------
  const stations: StationRow[] = [];
  const portCells = rng.sample(eligible, rng.roundStochastic(eligible.length * d.portDensity * traits.portDensityMultiplier));
  portCells.sort((a, b) => a - b);
  portCells.forEach((i, k) => {
    const cls = rng.range(plan.stationClassRange[0], plan.stationClassRange[1]);
    let type = rng.pick(PORT_TYPES);
    if (traits.blackMarketShare > 0 && rng.chance(traits.blackMarketShare)) type = 'BLACK_MARKET';
    stations.push({
      sectorId: idOf(i),
      sectorNumber: cp.sectorStart + i,
      name: `${cp.name} Port ${k + 1}`,
      stationClass: `CLASS_${cls}`,
      stationType: type,
      size: rng.range(plan.stationSizeRange[0], plan.stationSizeRange[1]),
      securityTier: stationSecurityTier(cls, traits.lawless),
      isStarportPrime: false,
      isSpacedock: false,
      tradedockTier: null,
      dockingSlipsTransient: null,
      dockingSlipsLongTerm: null,
      services: [],
    });
  });

  // ---- planets -----------------------------------------------------------------------------
  const planets: PlanetRow[] = [];
  const planetCells = rng.sample(eligible, rng.roundStochastic(eligible.length * d.planetDensity));
  planetCells.sort((a, b) => a - b);
  planetCells.forEach((i, k) => {
    const planetType = rng.pick(PLANET_TYPES);
    const [lo, hi] = PLANET_HABITABILITY[planetType];
    const habitability = rng.range(lo, hi);
    planets.push({
      sectorId: idOf(i),
      sectorNumber: cp.sectorStart + i,
      name: `${cp.name} ${k + 1}`,
      planetType,
      habitability,
      isHabitable: habitability > 50,
      population: 0,
      maxPopulation: habitability * 1000,
      isPopulationHub: false,
    });
  });

  return { sectors, warps, stations, planets };
}
