import { hub } from '@sw/db';
import { toGraphqlEnum, type RegionConfig } from '@sw/domain';
import { configFromRow } from '@sw/region-config';

const r = hub.regions;

/**
 * The regions columns the Region type needs — about a third of the table. Lists select only these, so
 * a page of 50 regions does not ship the runtime, billing and generation columns it never shows.
 */
export const REGION_COLUMNS = {
  id: r.id,
  name: r.name,
  displayName: r.displayName,
  regionType: r.regionType,
  status: r.status,
  sizeTier: r.sizeTier,
  subscriptionTier: r.subscriptionTier,
  ownerId: r.ownerId,
  governorId: r.governorId,
  ambassadorId: r.ambassadorId,
  totalSectors: r.totalSectors,
  capitalSectorNumber: r.capitalSectorNumber,
  nexusWarpSector: r.nexusWarpSector,
  governanceType: r.governanceType,
  votingThreshold: r.votingThreshold,
  governanceQuorumPct: r.governanceQuorumPct,
  electionFrequencyDays: r.electionFrequencyDays,
  constitutionalText: r.constitutionalText,
  taxRate: r.taxRate,
  tradeBonuses: r.tradeBonuses,
  economicSpecialization: r.economicSpecialization,
  startingCredits: r.startingCredits,
  startingShip: r.startingShip,
  treasuryBalance: r.treasuryBalance,
  totalTradeVolume: r.totalTradeVolume,
  languagePack: r.languagePack,
  aestheticTheme: r.aestheticTheme,
  traditions: r.traditions,
  socialHierarchy: r.socialHierarchy,
  runtimeEndpoint: r.runtimeEndpoint,
  runtimeState: r.runtimeState,
  desiredState: r.desiredState,
  configVersion: r.configVersion,
  motto: r.motto,
  tariffRate: r.tariffRate,
  immigrationPolicy: r.immigrationPolicy,
  maxVisitors: r.maxVisitors,
  visitorEntryFee: r.visitorEntryFee,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
};

/** A `regions` row as the Region subgraph selects it (REGION_COLUMNS). */
export type RegionRow = Pick<typeof hub.regions.$inferSelect, keyof typeof REGION_COLUMNS>;

/**
 * The GraphQL parent object of `Region`: every scalar and nested config object mapped from the row, plus
 * the ids and endpoint that the relation resolvers (owner, governor, ambassador, world) need.
 */
export interface RegionModel {
  __typename: 'Region';
  id: string;
  name: string;
  displayName: string;
  regionType: string;
  status: string;
  sizeTier: string | null;
  subscriptionTier: string;
  totalSectors: number;
  capitalSectorNumber: number | null;
  nexusWarpSector: number | null;
  governance: {
    governanceType: string;
    votingThreshold: number;
    governanceQuorumPct: number;
    electionFrequencyDays: number;
    constitutionalText: string | null;
  };
  economy: {
    taxRate: number;
    startingCredits: number;
    startingShip: string;
    tradeBonuses: unknown;
    tradeBonusList: { commodity: string; multiplier: number }[];
    economicSpecialization: string | null;
    specialization: string | null;
    treasuryBalance: number;
    totalTradeVolume: number;
  };
  culture: {
    languagePack: unknown;
    aestheticTheme: unknown;
    traditions: unknown;
    socialHierarchy: unknown;
    motto: string | null;
    language: Record<string, unknown>;
    theme: Record<string, unknown>;
    traditionList: { name: string; description: string | null }[];
  };
  createdAt: string;
  updatedAt: string;
  ownerId: string | null;
  governorId: string | null;
  ambassadorId: string | null;
  runtimeEndpoint: string | null;
  /** Database spellings the travel gates and discovery read. */
  db: { regionType: string; status: string; runtimeState: string; desiredState: string };
  configVersion: number;
  /** The typed configuration (one parse of the config columns). */
  config: RegionConfig;
}

/** Default quorum when the row holds NULL (docs/rules/governance.md "Quorum and thresholds"; docs/rules/original-defects.md #26: the real value is exposed). */
const DEFAULT_QUORUM_PCT = 0.33;

/** Postgres numeric/bigint values can arrive as strings; GraphQL Float/Int need numbers. */
export function toNumber(value: number | string | bigint | null | undefined): number {
  if (value == null) return 0;
  return typeof value === 'number' ? value : Number(value);
}

/** Maps one regions row to the GraphQL Region parent object (enum strings upper-cased, numerics as numbers). */
export function mapRegion(row: RegionRow): RegionModel {
  const config = configFromRow({ ...row, id: row.id });
  return {
    __typename: 'Region',
    id: row.id,
    name: row.name,
    displayName: row.displayName,
    regionType: toGraphqlEnum(row.regionType) as string,
    status: toGraphqlEnum(row.status) as string,
    sizeTier: toGraphqlEnum(row.sizeTier),
    subscriptionTier: row.subscriptionTier,
    totalSectors: row.totalSectors,
    capitalSectorNumber: row.capitalSectorNumber,
    nexusWarpSector: row.nexusWarpSector,
    governance: {
      governanceType: toGraphqlEnum(row.governanceType) as string,
      votingThreshold: toNumber(row.votingThreshold),
      governanceQuorumPct: row.governanceQuorumPct == null ? DEFAULT_QUORUM_PCT : toNumber(row.governanceQuorumPct),
      electionFrequencyDays: row.electionFrequencyDays,
      constitutionalText: row.constitutionalText,
    },
    economy: {
      taxRate: toNumber(row.taxRate),
      startingCredits: row.startingCredits,
      startingShip: row.startingShip,
      tradeBonuses: row.tradeBonuses ?? {},
      tradeBonusList: Object.entries(config.tradeBonuses).map(([c, m]) => ({ commodity: c.toUpperCase(), multiplier: m })),
      economicSpecialization: row.economicSpecialization,
      specialization: toGraphqlEnum(config.economicSpecialization),
      treasuryBalance: toNumber(row.treasuryBalance),
      totalTradeVolume: toNumber(row.totalTradeVolume),
    },
    culture: {
      languagePack: row.languagePack ?? {},
      aestheticTheme: row.aestheticTheme ?? {},
      traditions: row.traditions ?? {},
      socialHierarchy: row.socialHierarchy ?? {},
      motto: config.motto,
      language: { ...config.languagePack, variant: toGraphqlEnum(config.languagePack.variant) },
      theme: { ...config.aestheticTheme, preset: toGraphqlEnum(config.aestheticTheme.preset) },
      traditionList: config.traditions,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ownerId: row.ownerId,
    governorId: row.governorId,
    ambassadorId: row.ambassadorId,
    runtimeEndpoint: row.runtimeEndpoint,
    db: { regionType: row.regionType, status: row.status, runtimeState: row.runtimeState, desiredState: row.desiredState },
    configVersion: row.configVersion,
    config,
  };
}
