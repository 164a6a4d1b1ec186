import type { ValidationIssue } from '@sw/domain';

/**
 * GraphQL inputs → the domain's change record (API spelling, camelCase; enums lower-cased). Shape problems that the
 * schema cannot express (a commodity listed twice) are reported as issues with the input's field path; value
 * ranges are the domain validator's job.
 */

export interface EconomyInput {
  taxRate?: number | null;
  startingCredits?: number | null;
  tradeBonuses?: { commodity: string; multiplier: number }[] | null;
  economicSpecialization?: string | null;
  clearSpecialization?: boolean | null;
  startingShip?: string | null;
}
export interface GovernanceInput {
  governanceType?: string | null;
  votingThreshold?: number | null;
  governanceQuorumPct?: number | null;
  electionFrequencyDays?: number | null;
  constitutionalText?: string | null;
}
export interface CultureInput {
  languagePack?: Record<string, unknown> | null;
  aestheticTheme?: Record<string, unknown> | null;
  traditions?: { name: string; description?: string | null }[] | null;
  motto?: string | null;
}
export interface ImmigrationInput {
  policy?: string | null;
  maxVisitors?: number | null;
  clearMaxVisitors?: boolean | null;
  visitorEntryFee?: number | null;
}

const lower = (v: string | null | undefined): string | undefined => (v == null ? undefined : v.toLowerCase());
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
function lowerEnums(o: Record<string, unknown> | null | undefined, keys: string[]): Record<string, unknown> | undefined {
  if (o == null) return undefined;
  const out: Record<string, unknown> = { ...defined(o) };
  for (const k of keys) if (typeof out[k] === 'string') out[k] = (out[k] as string).toLowerCase();
  return out;
}

export function economyChanges(input: EconomyInput, issues: ValidationIssue[]): Record<string, unknown> {
  const out: Record<string, unknown> = defined({ taxRate: input.taxRate, startingCredits: input.startingCredits, startingShip: lower(input.startingShip) });
  if (input.clearSpecialization) {
    if (input.economicSpecialization != null) issues.push({ path: 'input.clearSpecialization', message: 'give economicSpecialization or clearSpecialization, not both' });
    out.economicSpecialization = null;
  } else if (input.economicSpecialization != null) out.economicSpecialization = input.economicSpecialization.toLowerCase();
  if (input.tradeBonuses != null) {
    const bonuses: Record<string, number> = {};
    input.tradeBonuses.forEach((b, i) => {
      const c = b.commodity.toLowerCase();
      if (c in bonuses) issues.push({ path: `input.tradeBonuses[${i}].commodity`, message: `${b.commodity} is listed twice` });
      bonuses[c] = b.multiplier;
    });
    out.tradeBonuses = bonuses;
  }
  return out;
}

export function governanceChanges(input: GovernanceInput): Record<string, unknown> {
  return {
    ...defined({
      governanceType: lower(input.governanceType),
      votingThreshold: input.votingThreshold,
      governanceQuorumPct: input.governanceQuorumPct,
      electionFrequencyDays: input.electionFrequencyDays,
    }),
    ...(input.constitutionalText != null ? { constitutionalText: input.constitutionalText.trim() === '' ? null : input.constitutionalText } : {}),
  };
}

export function cultureChanges(input: CultureInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pack = lowerEnums(input.languagePack, ['variant']);
  if (pack) out.languagePack = pack;
  const theme = lowerEnums(input.aestheticTheme, ['preset']);
  if (theme) out.aestheticTheme = theme;
  if (input.traditions != null) out.traditions = input.traditions.map((t) => defined({ name: t.name, description: t.description }));
  if (input.motto != null) out.motto = input.motto.trim() === '' ? null : input.motto;
  return out;
}

export function immigrationChanges(input: ImmigrationInput, issues: ValidationIssue[]): Record<string, unknown> {
  const out: Record<string, unknown> = defined({ immigrationPolicy: lower(input.policy), visitorEntryFee: input.visitorEntryFee });
  if (input.clearMaxVisitors) {
    if (input.maxVisitors != null) issues.push({ path: 'input.clearMaxVisitors', message: 'give maxVisitors or clearMaxVisitors, not both' });
    out.maxVisitors = null;
  } else if (input.maxVisitors != null) out.maxVisitors = input.maxVisitors;
  return out;
}

/** Domain issue paths (`taxRate`, `tradeBonuses.ore`) → input paths the client sent (`input.taxRate`, ...). */
export function toInputPath(path: string, rootArg = 'input'): string {
  if (path === '') return rootArg;
  if (path === 'tariffRate') return 'rate';
  const renamed = path.replace(/^immigrationPolicy/, 'policy');
  return `${rootArg}.${renamed}`;
}

