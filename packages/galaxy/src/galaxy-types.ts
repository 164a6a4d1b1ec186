/**
 * Output rows of the galaxy generator. Every row is a flat plain object whose camelCase field names map
 * 1:1 to snake_case DB columns, so a region can be bulk-loaded (COPY / multi-row INSERT) as-is.
 * Sectors are addressed by their GLOBAL `sectorId`; `sectorNumber` is region-local 1..N.
 */
import type { ClusterType, RegionTier, RegionType } from '@sw/domain';
import type { GalaxySeed } from './prng.ts';

export type ZoneType = 'EXPANSE' | 'FEDERATION' | 'BORDER' | 'FRONTIER';
export type SectorType = 'STANDARD' | 'NEBULA' | 'ANOMALY';
export type StationType = 'TRADING' | 'INDUSTRIAL' | 'DIPLOMATIC' | 'SCIENTIFIC' | 'BLACK_MARKET' | 'SHIPYARD' | 'TRADEDOCK';
export type StationSecurityTier = 'premium' | 'standard' | 'basic' | 'none';
export type PlanetType = 'TERRAN' | 'OCEANIC' | 'DESERT' | 'JUNGLE' | 'ICE' | 'VOLCANIC' | 'BARREN' | 'GAS_GIANT';

export interface ClusterRow {
  clusterNumber: number;
  name: string;
  clusterType: ClusterType;
  sectorStart: number;
  sectorEnd: number;
  sectorCount: number;
  x: number;
  y: number;
  z: number;
  isDiscovered: boolean;
  warpStability: number;
  economicValue: number;
  recommendedShipClass: string;
  /** Zone of the cluster's first sector. */
  zoneType: ZoneType;
}

export interface ZoneRow {
  zoneType: ZoneType;
  name: string;
  sectorStart: number;
  sectorEnd: number;
  policingLevel: number;
  dangerLevel: number;
}

export interface SectorRow {
  sectorId: number;
  sectorNumber: number;
  clusterNumber: number;
  zoneType: ZoneType;
  isCapital: boolean;
  securityLevel: number;
  hazardLevel: number;
  developmentLevel: number;
  trafficLevel: number;
  sectorType: SectorType;
  isNexusProtected: boolean;
  specialFeatures: string[];
  x: number;
  y: number;
  z: number;
  /** Non-null for sectors of a deliberately disconnected island group (islands are intentional). */
  islandGroupId: number | null;
  oreYield: number;
  preciousMetalsYield: number;
  quantumShardsYield: number;
}

export interface WarpRow {
  fromSectorId: number;
  toSectorId: number;
  isBidirectional: boolean;
  /** Only one-way warps are latent (they look two-way until scanned). */
  isLatent: boolean;
  turnCost: number;
  warpStability: number;
}

export interface StationRow {
  sectorId: number;
  sectorNumber: number;
  name: string;
  /** 'CLASS_0' … 'CLASS_11'. */
  stationClass: string;
  stationType: StationType;
  size: number;
  securityTier: StationSecurityTier;
  isStarportPrime: boolean;
  isSpacedock: boolean;
  tradedockTier: 'A' | 'B' | null;
  dockingSlipsTransient: number | null;
  dockingSlipsLongTerm: number | null;
  services: string[];
}

export interface PlanetRow {
  sectorId: number;
  sectorNumber: number;
  name: string;
  planetType: PlanetType;
  habitability: number;
  isHabitable: boolean;
  population: number;
  maxPopulation: number;
  isPopulationHub: boolean;
}

export interface GalaxyStats {
  totalWarps: number;
  oneWayWarps: number;
  /** One-way warps as a percentage of all warps (target ~5, validated 3–7). */
  oneWayPct: number;
  latentWarps: number;
  islandSectors: number;
  islandGroups: number;
  maxWarpsPerSector: number;
  avgWarpsPerSector: number;
  /** All stations, including capital hubs, Stardock and TradeDocks. */
  stations: number;
  planets: number;
  nebulaSectors: number;
  anomalySectors: number;
  /** Largest BFS distance (undirected) from the capital. */
  maxCapitalDistance: number;
  /** BFS distance of the spoke landing sector (null for the Nexus). */
  spokeDistance: number | null;
}

export interface GeneratedRegion {
  regionType: RegionType;
  tier: RegionTier | null;
  regionName: string;
  /** Canonical seed string (bigint/number/string seeds are normalised). */
  seed: string;
  totalSectors: number;
  capitalSectorNumber: number;
  /** Region-local spoke landing sector (non-Nexus regions only). */
  nexusWarpSector: number | null;
  sectorIdStart: number;
  sectorIdEnd: number;
  /** Clusters re-rolled by regenerateNexusCluster, in order, with the seed used. */
  clusterReseeds: Array<{ clusterNumber: number; seed: string }>;
  clusters: ClusterRow[];
  zones: ZoneRow[];
  sectors: SectorRow[];
  warps: WarpRow[];
  stations: StationRow[];
  planets: PlanetRow[];
  stats: GalaxyStats;
}

export type GenerationStage = 'clusters' | 'sectors' | 'warps' | 'stations' | 'planets' | 'validate';
export type ProgressCallback = (stage: GenerationStage, percent: number) => void;

export interface GenerateOptions {
  seed: GalaxySeed;
  /** Global sector id of region-local sector 1. */
  sectorIdStart: number;
  onProgress?: ProgressCallback;
}
