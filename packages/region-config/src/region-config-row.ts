import { hub, type HubDb } from '@sw/db';
import {
  COMMODITIES,
  DEFAULT_REGION_CONFIG,
  ECONOMIC_SPECIALIZATIONS,
  GOVERNANCE_TYPES,
  IMMIGRATION_POLICIES,
  STARTING_SHIPS,
  isCommodity,
  validateLanguagePack,
  validateTheme,
  validateTraditions,
  type Commodity,
  type ConfigChanges,
  type RegionConfig,
  type ValidationIssue,
} from '@sw/domain';

/** A drizzle transaction over the hub schema (what `db.transaction(fn)` hands to `fn`). */
export type HubTx = Parameters<Parameters<HubDb['transaction']>[0]>[0];

const r = hub.regions;

/** The regions columns that hold configuration (plus id, owner and version). */
export const CONFIG_COLUMNS = {
  id: r.id,
  ownerId: r.ownerId,
  configVersion: r.configVersion,
  taxRate: r.taxRate,
  startingCredits: r.startingCredits,
  tradeBonuses: r.tradeBonuses,
  economicSpecialization: r.economicSpecialization,
  startingShip: r.startingShip,
  tariffRate: r.tariffRate,
  governanceType: r.governanceType,
  votingThreshold: r.votingThreshold,
  governanceQuorumPct: r.governanceQuorumPct,
  electionFrequencyDays: r.electionFrequencyDays,
  constitutionalText: r.constitutionalText,
  languagePack: r.languagePack,
  aestheticTheme: r.aestheticTheme,
  traditions: r.traditions,
  motto: r.motto,
  immigrationPolicy: r.immigrationPolicy,
  maxVisitors: r.maxVisitors,
  visitorEntryFee: r.visitorEntryFee,
};
export type ConfigRow = Pick<typeof hub.regions.$inferSelect, keyof typeof CONFIG_COLUMNS>;

function member<T extends string>(value: string | null, list: readonly T[], fallback: T): T {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Commodity multipliers of a stored trade_bonuses map (other keys, e.g. treasury levers, are not bonuses). */
export function bonusesOf(stored: unknown): Partial<Record<Commodity, number>> {
  const out: Partial<Record<Commodity, number>> = {};
  if (typeof stored !== 'object' || stored === null) return out;
  for (const c of COMMODITIES) {
    const v = (stored as Record<string, unknown>)[c];
    if (typeof v === 'number' && Number.isFinite(v)) out[c] = v;
  }
  return out;
}

/** Reads a stored culture object leniently: a legacy or empty value reads as the default. */
function lenient<T>(value: unknown, validate: (raw: unknown, path: string, issues: ValidationIssue[]) => T | undefined, fallback: T): T {
  return validate(value, 'stored', []) ?? fallback;
}

/** The typed configuration of a regions row. */
export function configFromRow(row: ConfigRow): RegionConfig {
  const d = DEFAULT_REGION_CONFIG;
  return {
    taxRate: Number(row.taxRate),
    startingCredits: row.startingCredits,
    tradeBonuses: bonusesOf(row.tradeBonuses),
    economicSpecialization: row.economicSpecialization === null ? null : member(row.economicSpecialization, ECONOMIC_SPECIALIZATIONS, 'balanced'),
    startingShip: member(row.startingShip, STARTING_SHIPS, 'scout'),
    tariffRate: Number(row.tariffRate),
    governanceType: member(row.governanceType, GOVERNANCE_TYPES, 'autocracy'),
    votingThreshold: Number(row.votingThreshold),
    governanceQuorumPct: row.governanceQuorumPct === null ? d.governanceQuorumPct : Number(row.governanceQuorumPct),
    electionFrequencyDays: row.electionFrequencyDays,
    constitutionalText: row.constitutionalText,
    languagePack: lenient(row.languagePack, validateLanguagePack, d.languagePack),
    aestheticTheme: lenient(row.aestheticTheme, validateTheme, d.aestheticTheme),
    traditions: lenient(row.traditions, validateTraditions, d.traditions),
    motto: row.motto,
    immigrationPolicy: member(row.immigrationPolicy, IMMIGRATION_POLICIES, 'open'),
    maxVisitors: row.maxVisitors,
    visitorEntryFee: row.visitorEntryFee,
  };
}

/**
 * The regions column values for the keys of `changes`, taken from the merged configuration `next`. trade_bonuses
 * keeps the stored non-commodity keys (treasury levers live there) and replaces the commodity multipliers.
 */
export function columnsFor(changes: ConfigChanges, next: RegionConfig, storedBonuses: unknown): Partial<typeof hub.regions.$inferInsert> {
  const out: Partial<typeof hub.regions.$inferInsert> = {};
  for (const key of Object.keys(changes) as (keyof RegionConfig)[]) {
    if (key === 'tradeBonuses') {
      const kept = Object.fromEntries(Object.entries((storedBonuses ?? {}) as Record<string, unknown>).filter(([k]) => !isCommodity(k)));
      out.tradeBonuses = { ...kept, ...next.tradeBonuses };
    } else {
      (out as Record<string, unknown>)[key] = next[key];
    }
  }
  return out;
}
