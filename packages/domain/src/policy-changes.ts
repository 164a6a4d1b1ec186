import type { ValidationIssue } from './errors.ts';
import { treasuryMove } from './treasury-ledger.ts';
import { COMMODITIES, type Commodity } from './commodities.ts';
import { CONFIG_BOUNDS } from './region-config.ts';
import type { SettingGroup } from './governance-authority.ts';
import { GOVERNANCE_BOUNDS, GOVERNANCE_TYPES, type GovernanceType } from './vocabulary.ts';

/**
 * The typed changes a policy may propose (docs/rules/governance.md "What a policy can change"): validated when
 * proposed, clamped again when enacted. The lever keys and the treasury adjustment are reachable (the original
 * validator refused them).
 */
export interface PolicyChanges {
  tax_rate?: number;
  voting_threshold?: number;
  election_frequency_days?: number;
  governance_type?: GovernanceType;
  governance_quorum_pct?: number;
  council_seats?: number;
  trade_bonuses?: Partial<Record<Commodity, number>>;
  docking_fee_subsidy?: boolean;
  arbitrage_stipend?: boolean;
  /** Signed credits moved into (+) or out of (−) the treasury; the balance never goes below 0. */
  treasury_adjustment?: number;
}
export type PolicyChangeKey = keyof PolicyChanges;

const B = GOVERNANCE_BOUNDS;
/** Trade bonus multipliers: the same bounds as a direct config change (region-config.ts). */
export const TRADE_BONUS_BOUNDS = CONFIG_BOUNDS.tradeBonus;
/** A proposal's own text fields (characters; the title is trimmed first). */
export const POLICY_TEXT_BOUNDS = { titleMin: 3, titleMax: 255, descriptionMax: 5000, policyTypeMax: 50 } as const;
/** Largest treasury move one policy may propose (credits, either sign). */
export const MAX_TREASURY_ADJUSTMENT = 1_000_000_000;

type NumberRule = { min: number; max: number; integer?: boolean };
const NUMBER_KEYS: Record<'tax_rate' | 'voting_threshold' | 'election_frequency_days' | 'governance_quorum_pct' | 'council_seats', NumberRule> = {
  tax_rate: B.taxRate,
  voting_threshold: B.votingThreshold,
  election_frequency_days: { ...B.electionFrequencyDays, integer: true },
  governance_quorum_pct: B.quorumPct,
  council_seats: { ...B.councilSeats, integer: true },
};

export const POLICY_CHANGE_KEYS: readonly PolicyChangeKey[] = [
  'tax_rate', 'voting_threshold', 'election_frequency_days', 'governance_type', 'governance_quorum_pct', 'council_seats',
  'trade_bonuses', 'docking_fee_subsidy', 'arbitrage_stipend', 'treasury_adjustment',
];

/** Keys whose change alters how the region decides: they need the constitutional supermajority. */
export const CONSTITUTIONAL_KEYS: readonly PolicyChangeKey[] = [
  'governance_type', 'voting_threshold', 'governance_quorum_pct', 'election_frequency_days', 'council_seats',
];

/** Which setting group (for the decision table) each key belongs to. */
const GROUP_OF: Record<PolicyChangeKey, SettingGroup> = {
  tax_rate: 'economy', trade_bonuses: 'economy', docking_fee_subsidy: 'economy', arbitrage_stipend: 'economy',
  treasury_adjustment: 'economy', voting_threshold: 'governance', election_frequency_days: 'governance',
  governance_type: 'governance', governance_quorum_pct: 'governance', council_seats: 'governance',
};

/**
 * The shape of a key's value: a number (decimal or whole) within [min, max], one of `values`, true/false, a map of
 * commodities (`values`) to multipliers within [min, max], or a non-zero whole number of credits within [min, max].
 */
export type PolicyChangeKind = 'number' | 'integer' | 'enum' | 'boolean' | 'commodity_multipliers' | 'credits';

/** One proposable change: what the validator below accepts for it, published as is (Query.policyChangeSchema). */
export interface PolicyChangeSpec {
  key: PolicyChangeKey;
  kind: PolicyChangeKind;
  min: number | null;
  max: number | null;
  /** Allowed values (enum) or map keys (commodity_multipliers); empty otherwise. */
  values: readonly string[];
  constitutional: boolean;
  group: SettingGroup;
}

function specOf(key: PolicyChangeKey): PolicyChangeSpec {
  const base = { key, constitutional: CONSTITUTIONAL_KEYS.includes(key), group: GROUP_OF[key], values: [] as readonly string[] };
  if (key in NUMBER_KEYS) {
    const rule = NUMBER_KEYS[key as keyof typeof NUMBER_KEYS];
    return { ...base, kind: rule.integer ? 'integer' : 'number', min: rule.min, max: rule.max };
  }
  switch (key) {
    case 'governance_type':
      return { ...base, kind: 'enum', min: null, max: null, values: GOVERNANCE_TYPES };
    case 'docking_fee_subsidy':
    case 'arbitrage_stipend':
      return { ...base, kind: 'boolean', min: null, max: null };
    case 'trade_bonuses':
      return { ...base, kind: 'commodity_multipliers', min: TRADE_BONUS_BOUNDS.min, max: TRADE_BONUS_BOUNDS.max, values: COMMODITIES };
    default:
      return { ...base, kind: 'credits', min: -MAX_TREASURY_ADJUSTMENT, max: MAX_TREASURY_ADJUSTMENT };
  }
}

/** Every proposable change with its bounds, in POLICY_CHANGE_KEYS order: the one table the validator checks against. */
export const POLICY_CHANGE_SPECS: readonly PolicyChangeSpec[] = POLICY_CHANGE_KEYS.map(specOf);
const SPEC_BY_KEY = new Map<string, PolicyChangeSpec>(POLICY_CHANGE_SPECS.map((s) => [s.key, s]));

export type ChangesValidation = { ok: true; changes: PolicyChanges } | { ok: false; issues: ValidationIssue[] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const within = (v: number, s: PolicyChangeSpec) => v >= (s.min ?? -Infinity) && v <= (s.max ?? Infinity);

/** The problem with one key's value under its spec, or null; trade bonuses report per commodity. */
function checkValue(spec: PolicyChangeSpec, value: unknown, at: string): { issues: ValidationIssue[]; value?: unknown } {
  const issue = (message: string, path = at) => ({ issues: [{ path, message }] });
  switch (spec.kind) {
    case 'number':
    case 'integer':
      if (!isFiniteNumber(value) || !within(value, spec) || (spec.kind === 'integer' && !Number.isInteger(value))) {
        return issue(`must be ${spec.kind === 'integer' ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}`);
      }
      return { issues: [], value };
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) return issue(`must be one of ${spec.values.join(', ')}`);
      return { issues: [], value };
    case 'boolean':
      if (typeof value !== 'boolean') return issue('must be true or false');
      return { issues: [], value };
    case 'credits':
      if (!Number.isInteger(value) || value === 0 || !within(value as number, spec)) {
        return issue(`must be a non-zero whole number of credits within ±${spec.max}`);
      }
      return { issues: [], value };
    case 'commodity_multipliers': {
      if (!isRecord(value) || Object.keys(value).length === 0) return issue(`must map commodities (${spec.values.join(', ')}) to multipliers`);
      const issues: ValidationIssue[] = [];
      const bonuses: Record<string, number> = {};
      for (const [commodity, m] of Object.entries(value)) {
        if (!spec.values.includes(commodity)) issues.push({ path: `${at}.${commodity}`, message: `not a game commodity (one of ${spec.values.join(', ')})` });
        else if (!isFiniteNumber(m) || !within(m, spec)) issues.push({ path: `${at}.${commodity}`, message: `must be a multiplier from ${spec.min} to ${spec.max}` });
        else bonuses[commodity] = m;
      }
      return { issues, value: bonuses };
    }
  }
}

/** Checks raw proposed changes; returns every problem (path `proposedChanges.<key>`), or the typed changes. */
export function validatePolicyChanges(raw: unknown): ChangesValidation {
  const issues: ValidationIssue[] = [];
  const at = (k: string) => `proposedChanges.${k}`;
  if (!isRecord(raw)) return { ok: false, issues: [{ path: 'proposedChanges', message: 'must be an object of changes' }] };
  const keys = Object.keys(raw);
  if (keys.length === 0) issues.push({ path: 'proposedChanges', message: 'propose at least one change' });
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const spec = SPEC_BY_KEY.get(key);
    if (!spec) {
      issues.push({ path: at(key), message: `unknown change; allowed: ${POLICY_CHANGE_KEYS.join(', ')}` });
      continue;
    }
    const checked = checkValue(spec, raw[key], at(key));
    issues.push(...checked.issues);
    if (checked.value !== undefined) out[key] = checked.value;
  }
  return issues.length ? { ok: false, issues } : { ok: true, changes: out as PolicyChanges };
}

/** True when the changes touch a constitutional key (never decided by a free-text policy type). */
export function isConstitutional(changes: PolicyChanges): boolean {
  return CONSTITUTIONAL_KEYS.some((k) => changes[k] !== undefined);
}

/** The setting groups the changes touch, for the decision table. */
export function settingGroupsOf(changes: PolicyChanges): SettingGroup[] {
  const groups = new Set<SettingGroup>();
  for (const k of POLICY_CHANGE_KEYS) if (changes[k] !== undefined) groups.add(GROUP_OF[k]);
  return [...groups];
}

/** The region settings an enactment reads and may change. */
export interface EnactableSettings {
  taxRate: number;
  votingThreshold: number;
  electionFrequencyDays: number;
  governanceType: GovernanceType;
  governanceQuorumPct: number | null;
  councilSeats: number;
  tradeBonuses: Record<string, unknown>;
  treasuryBalance: number;
}

export interface EnactmentPlan {
  /** Only the columns that change. */
  patch: Partial<EnactableSettings>;
  /** Credits actually moved (after the never-below-zero clamp); 0 when nothing moves. */
  treasuryDelta: number;
  /** What was applied, clamped, as stored in the policy's history. */
  applied: PolicyChanges;
}

const clamp = (v: number, r: { min: number; max: number }) => Math.min(r.max, Math.max(r.min, v));

/**
 * The changes a passed policy makes to the region, clamped to the CHECK ranges: trade bonuses merge per commodity
 * (reserved non-multiplier keys such as `tariff_rate` are kept), levers are booleans in the same map, and a treasury
 * adjustment never takes the balance below 0 (a withdrawal larger than the balance moves the whole balance).
 */
export function planEnactment(current: EnactableSettings, changes: PolicyChanges): EnactmentPlan {
  const patch: Partial<EnactableSettings> = {};
  const applied: PolicyChanges = {};
  for (const key of Object.keys(NUMBER_KEYS) as (keyof typeof NUMBER_KEYS)[]) {
    const v = changes[key];
    if (v === undefined) continue;
    const rule = NUMBER_KEYS[key];
    const c = rule.integer ? Math.round(clamp(v, rule)) : clamp(v, rule);
    applied[key] = c;
    if (key === 'tax_rate') patch.taxRate = c;
    if (key === 'voting_threshold') patch.votingThreshold = c;
    if (key === 'election_frequency_days') patch.electionFrequencyDays = c;
    if (key === 'governance_quorum_pct') patch.governanceQuorumPct = c;
    if (key === 'council_seats') patch.councilSeats = c;
  }
  if (changes.governance_type !== undefined) {
    applied.governance_type = changes.governance_type;
    if (changes.governance_type !== current.governanceType) patch.governanceType = changes.governance_type;
  }
  const bonusKeys = changes.trade_bonuses !== undefined || changes.docking_fee_subsidy !== undefined || changes.arbitrage_stipend !== undefined;
  if (bonusKeys) {
    const merged: Record<string, unknown> = { ...current.tradeBonuses };
    if (changes.trade_bonuses) {
      const clamped: Partial<Record<Commodity, number>> = {};
      for (const [k, m] of Object.entries(changes.trade_bonuses) as [Commodity, number][]) {
        clamped[k] = clamp(m, TRADE_BONUS_BOUNDS);
        merged[k] = clamped[k];
      }
      applied.trade_bonuses = clamped;
    }
    for (const lever of ['docking_fee_subsidy', 'arbitrage_stipend'] as const) {
      if (changes[lever] !== undefined) {
        merged[lever] = changes[lever];
        applied[lever] = changes[lever];
      }
    }
    patch.tradeBonuses = merged;
  }
  let treasuryDelta = 0;
  if (changes.treasury_adjustment !== undefined) {
    const move = treasuryMove(current.treasuryBalance, changes.treasury_adjustment);
    if (move) {
      treasuryDelta = move.delta;
      patch.treasuryBalance = move.after;
      applied.treasury_adjustment = move.delta;
    }
  }
  return { patch, treasuryDelta, applied };
}
