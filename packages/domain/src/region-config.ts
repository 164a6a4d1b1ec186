import { COMMODITIES, isCommodity, type Commodity } from './commodities.ts';
import { TARIFF_BOUNDS } from './commerce-tariff.ts';
import type { ValidationIssue } from './errors.ts';
import type { SettingGroup } from './governance-authority.ts';
import {
  CULTURE_LIMITS,
  DEFAULT_LANGUAGE_PACK,
  DEFAULT_THEME,
  cleanText,
  validateLanguagePack,
  validateTheme,
  validateTraditions,
  type AestheticTheme,
  type LanguagePack,
  type Tradition,
} from './region-culture.ts';
import { GOVERNANCE_BOUNDS, GOVERNANCE_TYPES, type GovernanceType } from './vocabulary.ts';

/**
 * A region's configuration as one typed record, the ONE validator of a requested change, and the merge and diff
 * used to write a new configuration version. Config mutations, policy proposals and policy enactment all validate
 * through `validateConfigChanges`, so a value a mutation refuses can never be enacted either.
 * Rules: docs/rules/region-config.md.
 */

/** One enum of economic specialisations (the original had two different lists). */
export const ECONOMIC_SPECIALIZATIONS = ['balanced', 'mining', 'manufacturing', 'agriculture', 'trade', 'research', 'tourism', 'military'] as const;
export type EconomicSpecialization = (typeof ECONOMIC_SPECIALIZATIONS)[number];

/** Ships a region may hand to players who join it (no carrier or warp jumper: those are earned). */
export const STARTING_SHIPS = ['scout', 'light_freighter', 'fast_courier', 'cargo_hauler', 'defender', 'colony_ship'] as const;
export type StartingShip = (typeof STARTING_SHIPS)[number];

/** How a configuration version came about (region_config_versions.via). */
export const CONFIG_CHANGE_VIAS = ['decree', 'owner', 'admin', 'policy'] as const;
export type ConfigChangeVia = (typeof CONFIG_CHANGE_VIAS)[number];

/** How a player received a region's starting package (starting_package_grants.via). */
export const STARTING_PACKAGE_VIAS = ['invite', 'immigration'] as const;
export type StartingPackageVia = (typeof STARTING_PACKAGE_VIAS)[number];

/** Who may enter: anyone, anyone whose request an officer approves, or citizens and open-borders partners only. */
export const IMMIGRATION_POLICIES = ['open', 'approval', 'closed'] as const;
export type ImmigrationPolicy = (typeof IMMIGRATION_POLICIES)[number];

export const CONFIG_BOUNDS = {
  ...GOVERNANCE_BOUNDS,
  tradeBonus: { min: 1, max: 3 },
  tariffRate: TARIFF_BOUNDS,
  maxVisitors: { min: 1, max: 100_000 },
  visitorEntryFee: { min: 0, max: 10_000 },
  constitutionalText: 10_000,
} as const;

/** The whole configuration of a region, in API spelling. */
export interface RegionConfig {
  taxRate: number;
  startingCredits: number;
  tradeBonuses: Partial<Record<Commodity, number>>;
  economicSpecialization: EconomicSpecialization | null;
  startingShip: StartingShip;
  tariffRate: number;
  governanceType: GovernanceType;
  votingThreshold: number;
  governanceQuorumPct: number;
  electionFrequencyDays: number;
  constitutionalText: string | null;
  languagePack: LanguagePack;
  aestheticTheme: AestheticTheme;
  traditions: Tradition[];
  motto: string | null;
  immigrationPolicy: ImmigrationPolicy;
  maxVisitors: number | null;
  visitorEntryFee: number;
}
export type ConfigKey = keyof RegionConfig;

/** A requested change: any subset of keys. `tradeBonuses` merges per commodity (1.0 removes a bonus). */
export type ConfigChanges = Partial<RegionConfig>;

/** The decision group (governance-authority.ts) each setting belongs to. */
export const CONFIG_KEY_GROUP: Readonly<Record<ConfigKey, SettingGroup>> = {
  taxRate: 'economy',
  startingCredits: 'economy',
  tradeBonuses: 'economy',
  economicSpecialization: 'economy',
  startingShip: 'economy',
  tariffRate: 'economy',
  governanceType: 'governance',
  votingThreshold: 'governance',
  governanceQuorumPct: 'governance',
  electionFrequencyDays: 'governance',
  constitutionalText: 'governance',
  languagePack: 'culture',
  aestheticTheme: 'culture',
  traditions: 'culture',
  motto: 'culture',
  immigrationPolicy: 'immigration',
  maxVisitors: 'immigration',
  visitorEntryFee: 'immigration',
};
export const CONFIG_KEYS = Object.keys(CONFIG_KEY_GROUP) as ConfigKey[];

/** Defaults of a new region (the regions columns' defaults). */
export const DEFAULT_REGION_CONFIG: RegionConfig = {
  taxRate: GOVERNANCE_BOUNDS.taxRate.default,
  startingCredits: GOVERNANCE_BOUNDS.startingCredits.default,
  tradeBonuses: {},
  economicSpecialization: null,
  startingShip: 'scout',
  tariffRate: 0,
  governanceType: 'autocracy',
  votingThreshold: GOVERNANCE_BOUNDS.votingThreshold.default,
  governanceQuorumPct: GOVERNANCE_BOUNDS.quorumPct.default,
  electionFrequencyDays: GOVERNANCE_BOUNDS.electionFrequencyDays.default,
  constitutionalText: null,
  languagePack: DEFAULT_LANGUAGE_PACK,
  aestheticTheme: DEFAULT_THEME,
  traditions: [],
  motto: null,
  immigrationPolicy: 'open',
  maxVisitors: null,
  visitorEntryFee: 0,
};

function inRange(value: unknown, path: string, min: number, max: number, issues: ValidationIssue[], integer = false): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) issues.push({ path, message: `must be a number between ${min} and ${max}` });
  else if (integer && !Number.isInteger(value)) issues.push({ path, message: `must be a whole number between ${min} and ${max}` });
  else if (value < min || value > max) issues.push({ path, message: `must be between ${min} and ${max} (got ${value})` });
  else return value;
  return undefined;
}

function oneOf<T extends string>(value: unknown, list: readonly T[], path: string, issues: ValidationIssue[]): T | undefined {
  if (typeof value === 'string' && (list as readonly string[]).includes(value)) return value as T;
  issues.push({ path, message: `must be one of ${list.join(', ')}` });
  return undefined;
}

function validateTradeBonuses(raw: unknown, issues: ValidationIssue[]): Partial<Record<Commodity, number>> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    issues.push({ path: 'tradeBonuses', message: 'must be an object {commodity: multiplier}' });
    return undefined;
  }
  const out: Partial<Record<Commodity, number>> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!isCommodity(k)) {
      issues.push({ path: `tradeBonuses.${k}`, message: `not a game commodity (one of ${COMMODITIES.join(', ')})` });
      continue;
    }
    const m = inRange(v, `tradeBonuses.${k}`, CONFIG_BOUNDS.tradeBonus.min, CONFIG_BOUNDS.tradeBonus.max, issues);
    if (m !== undefined) out[k] = Math.round(m * 100) / 100;
  }
  return out;
}

type Validator = (raw: unknown, issues: ValidationIssue[]) => unknown;
const B = CONFIG_BOUNDS;
const VALIDATORS: Readonly<Record<ConfigKey, Validator>> = {
  taxRate: (v, i) => inRange(v, 'taxRate', B.taxRate.min, B.taxRate.max, i),
  startingCredits: (v, i) => inRange(v, 'startingCredits', B.startingCredits.min, B.startingCredits.max, i, true),
  tradeBonuses: (v, i) => validateTradeBonuses(v, i),
  economicSpecialization: (v, i) => (v === null ? null : oneOf(v, ECONOMIC_SPECIALIZATIONS, 'economicSpecialization', i)),
  startingShip: (v, i) => oneOf(v, STARTING_SHIPS, 'startingShip', i),
  tariffRate: (v, i) => inRange(v, 'tariffRate', B.tariffRate.min, B.tariffRate.max, i),
  governanceType: (v, i) => oneOf(v, GOVERNANCE_TYPES, 'governanceType', i),
  votingThreshold: (v, i) => inRange(v, 'votingThreshold', B.votingThreshold.min, B.votingThreshold.max, i),
  governanceQuorumPct: (v, i) => inRange(v, 'governanceQuorumPct', B.quorumPct.min, B.quorumPct.max, i),
  electionFrequencyDays: (v, i) => inRange(v, 'electionFrequencyDays', B.electionFrequencyDays.min, B.electionFrequencyDays.max, i, true),
  constitutionalText: (v, i) => cleanText(v, 'constitutionalText', B.constitutionalText, i, { nullable: true, multiline: true }),
  languagePack: (v, i) => validateLanguagePack(v, 'languagePack', i),
  aestheticTheme: (v, i) => validateTheme(v, 'aestheticTheme', i),
  traditions: (v, i) => validateTraditions(v, 'traditions', i),
  motto: (v, i) => cleanText(v, 'motto', CULTURE_LIMITS.motto, i, { nullable: true }),
  immigrationPolicy: (v, i) => oneOf(v, IMMIGRATION_POLICIES, 'immigrationPolicy', i),
  maxVisitors: (v, i) => (v === null ? null : inRange(v, 'maxVisitors', B.maxVisitors.min, B.maxVisitors.max, i, true)),
  visitorEntryFee: (v, i) => inRange(v, 'visitorEntryFee', B.visitorEntryFee.min, B.visitorEntryFee.max, i, true),
};

export interface ConfigValidation {
  changes: ConfigChanges;
  issues: ValidationIssue[];
}

/**
 * Checks a requested change (untrusted JSON: a mutation's input or a policy's proposed changes) and returns the
 * clean value plus EVERY problem with its field path. Unknown keys and an empty change are problems too. Callers
 * write nothing when `issues` is not empty.
 */
export function validateConfigChanges(raw: unknown): ConfigValidation {
  const issues: ValidationIssue[] = [];
  const changes: Record<string, unknown> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { changes: {}, issues: [{ path: '', message: 'changes must be an object' }] };
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(VALIDATORS, key)) {
      issues.push({ path: key, message: `unknown setting (one of ${CONFIG_KEYS.join(', ')})` });
      continue;
    }
    const clean = VALIDATORS[key as ConfigKey](value, issues);
    if (clean !== undefined) changes[key] = clean;
  }
  if (issues.length === 0 && Object.keys(changes).length === 0) issues.push({ path: '', message: 'nothing to change: give at least one setting' });
  return { changes: changes as ConfigChanges, issues };
}

/** The setting groups a change touches (each asks governance-authority.ts separately). */
export function groupsOf(changes: ConfigChanges): SettingGroup[] {
  return [...new Set(Object.keys(changes).map((k) => CONFIG_KEY_GROUP[k as ConfigKey]))];
}

/** The configuration after a change: every given key replaces its value, except tradeBonuses, merged per commodity. */
export function mergeConfig(current: RegionConfig, changes: ConfigChanges): RegionConfig {
  const next: RegionConfig = { ...current, ...changes };
  if (changes.tradeBonuses) {
    const merged: Partial<Record<Commodity, number>> = { ...current.tradeBonuses };
    for (const [k, m] of Object.entries(changes.tradeBonuses) as [Commodity, number][]) {
      if (m === 1) delete merged[k];
      else merged[k] = m;
    }
    next.tradeBonuses = Object.fromEntries(COMMODITIES.filter((c) => merged[c] !== undefined).map((c) => [c, merged[c]]));
  }
  return next;
}

/** One changed setting in a configuration version. */
export interface ConfigDiffEntry {
  field: ConfigKey;
  from: unknown;
  to: unknown;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** The settings whose value differs between two configurations (structural comparison), in CONFIG_KEYS order. */
export function diffConfig(before: RegionConfig, after: RegionConfig): ConfigDiffEntry[] {
  return CONFIG_KEYS.filter((k) => stableJson(before[k]) !== stableJson(after[k])).map((k) => ({ field: k, from: before[k], to: after[k] }));
}
