/**
 * THE one Central Nexus cluster table and the per-cluster-type traits.
 * The galaxy generator, the Nexus API and the tests all read these constants, so the layout exists in
 * exactly one place (docs/rules/original-defects.md #13: three or four incompatible Nexus layouts).
 */

/** The 8 cluster types of the `cluster_type` PG enum. */
export const CLUSTER_TYPES = [
  'STANDARD',
  'RESOURCE_RICH',
  'POPULATION_CENTER',
  'TRADE_HUB',
  'MILITARY_ZONE',
  'FRONTIER_OUTPOST',
  'CONTESTED',
  'SPECIAL_INTEREST',
] as const;
export type ClusterType = (typeof CLUSTER_TYPES)[number];

export interface ClusterTypeTraits {
  /** Sector security_level for a non-fedspace sector in a cluster of this type. */
  securityLevel: number;
  /** Hazard = max(0, 10 − security). */
  hazardLevel: number;
  /** Lawless clusters give their stations no security tier. */
  lawless: boolean;
  /** Multiplier on asteroid yields (RESOURCE_RICH ×1.5, the only canon-anchored magnitude). */
  asteroidYieldMultiplier: number;
  /** Multiplier on the region's port density (FRONTIER_OUTPOST ×0.5). */
  portDensityMultiplier: number;
  /** Share of the cluster's sectors that are NEBULA; null = the region's base nebula share. */
  nebulaShare: number | null;
  /** Share of the cluster's ports that become BLACK_MARKET. */
  blackMarketShare: number;
  /** Whether the Nexus may seed TradeDocks in clusters of this type. */
  hostsTradeDocks: boolean;
}

function traits(securityLevel: number, extra: Partial<ClusterTypeTraits> = {}): ClusterTypeTraits {
  return {
    securityLevel,
    hazardLevel: Math.max(0, 10 - securityLevel),
    lawless: false,
    asteroidYieldMultiplier: 1,
    portDensityMultiplier: 1,
    nebulaShare: null,
    blackMarketShare: 0,
    hostsTradeDocks: false,
    ...extra,
  };
}

/** Per-type traits. MILITARY_ZONE patrols and CONTESTED factions are not generated here. */
export const CLUSTER_TYPE_TRAITS: Readonly<Record<ClusterType, ClusterTypeTraits>> = {
  STANDARD: traits(5),
  RESOURCE_RICH: traits(5, { asteroidYieldMultiplier: 1.5 }),
  POPULATION_CENTER: traits(7),
  TRADE_HUB: traits(7, { hostsTradeDocks: true }),
  MILITARY_ZONE: traits(8),
  FRONTIER_OUTPOST: traits(3, { lawless: true, portDensityMultiplier: 0.5, nebulaShare: 0.15, blackMarketShare: 0.04 }),
  CONTESTED: traits(3, { lawless: true }),
  SPECIAL_INTEREST: traits(4),
};

export function isClusterType(value: string): value is ClusterType {
  return (CLUSTER_TYPES as readonly string[]).includes(value);
}

export const NEXUS_CLUSTER_COUNT = 20;
export const NEXUS_CLUSTER_SIZE = 250;
export const NEXUS_GRID = { columns: 5, rows: 4 } as const;
/** Canon Nexus capital: region-local sector 2251, the first sector of Gateway Plaza. */
export const NEXUS_CAPITAL_SECTOR_NUMBER = 2251;
/** Gateway Plaza: the capital anchor; every one of its sectors is `is_nexus_protected`. */
export const NEXUS_CAPITAL_CLUSTER_NUMBER = 10;
/** Commerce Central Hub: the starter anchor ("civic-safe"); never hosts a TradeDock. */
export const NEXUS_STARTER_CLUSTER_NUMBER = 1;
/** Clusters that may never host a TradeDock (both anchors). */
export const NEXUS_TRADEDOCK_EXCLUDED_CLUSTERS: readonly number[] = [NEXUS_STARTER_CLUSTER_NUMBER, NEXUS_CAPITAL_CLUSTER_NUMBER];

export interface NexusCluster {
  clusterNumber: number;
  name: string;
  clusterType: ClusterType;
  gridX: number;
  gridY: number;
  /** First and last region-local sector number (inclusive). */
  sectorStart: number;
  sectorEnd: number;
  role: string | null;
}

const TABLE: ReadonlyArray<[string, ClusterType, string | null]> = [
  ['Commerce Central Hub', 'TRADE_HUB', 'anchor: starter, civic-safe; never hosts a TradeDock'],
  ['Diplomatic Quarter', 'POPULATION_CENTER', null],
  ['Industrial Complex', 'TRADE_HUB', 'TradeDock-eligible'],
  ['Prospect Belt', 'RESOURCE_RICH', 'asteroid bias'],
  ['Drift Reaches', 'FRONTIER_OUTPOST', 'frontier biases'],
  ['Outer Survey Station', 'FRONTIER_OUTPOST', 'frontier biases'],
  ['Free Trade Zone', 'TRADE_HUB', 'TradeDock-eligible'],
  ['Lodestar Reach', 'RESOURCE_RICH', 'asteroid bias'],
  ['Quiet Quarter', 'STANDARD', null],
  ['Gateway Plaza', 'STANDARD', 'anchor: Capital (2251); all sectors nexus-protected; never a TradeDock'],
  ["Settlers' Rest", 'POPULATION_CENTER', null],
  ['Transit Junction', 'STANDARD', null],
  ['Slag Fields', 'RESOURCE_RICH', 'asteroid bias'],
  ['Starport Complex', 'TRADE_HUB', 'TradeDock-eligible'],
  ["Marker's Edge", 'FRONTIER_OUTPOST', 'frontier biases'],
  ['The Bazaar', 'STANDARD', null],
  ['Lonesome Span', 'FRONTIER_OUTPOST', 'frontier biases'],
  ['Wayfarer Hollow', 'STANDARD', null],
  ["Merchant's Row", 'STANDARD', null],
  ['Frontier Gateway', 'FRONTIER_OUTPOST', 'frontier biases'],
];

/** The 20 Nexus clusters: cluster i has grid (x,y) = ((i−1) mod 5, (i−1) div 5) and sectors (i−1)·250+1 … i·250. */
export const NEXUS_CLUSTERS: readonly NexusCluster[] = TABLE.map(([name, clusterType, role], i) => ({
  clusterNumber: i + 1,
  name,
  clusterType,
  gridX: i % NEXUS_GRID.columns,
  gridY: Math.floor(i / NEXUS_GRID.columns),
  sectorStart: i * NEXUS_CLUSTER_SIZE + 1,
  sectorEnd: (i + 1) * NEXUS_CLUSTER_SIZE,
  role,
}));

/** The Nexus cluster holding a region-local sector number, or undefined outside 1..5000. */
export function nexusClusterOfSector(sectorNumber: number): NexusCluster | undefined {
  if (!Number.isInteger(sectorNumber) || sectorNumber < 1) return undefined;
  return NEXUS_CLUSTERS[Math.floor((sectorNumber - 1) / NEXUS_CLUSTER_SIZE)];
}

/** The cluster row by number (1..20), or undefined. */
export function nexusCluster(clusterNumber: number): NexusCluster | undefined {
  return NEXUS_CLUSTERS[clusterNumber - 1];
}
