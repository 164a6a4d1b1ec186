import type { PolicyChangeSchemaQuery } from '../../../graphql/generated/graphql';

/** One proposable change as the server describes it (Query.policyChangeSchema). */
export type ChangeSpec = PolicyChangeSchemaQuery['policyChangeSchema']['changes'][number];

/** What the form holds per chosen key: the typed text, or per commodity for a multiplier map. */
export type ChangeDraft = { key: string; text: string; perValue: Record<string, string> };

/** People's names for the keys the server knows today; a key added later still shows, under its own spelling. */
const KEY_LABELS: Readonly<Record<string, string>> = {
  tax_rate: 'Tax rate',
  voting_threshold: 'Voting threshold',
  election_frequency_days: 'Election every (days)',
  governance_type: 'Governance type',
  governance_quorum_pct: 'Quorum',
  council_seats: 'Council seats',
  trade_bonuses: 'Trade bonuses',
  docking_fee_subsidy: 'Docking fee subsidy',
  arbitrage_stipend: 'Arbitrage stipend',
  treasury_adjustment: 'Treasury adjustment (credits)',
};

export function changeLabel(key: string): string {
  return KEY_LABELS[key] ?? key.replace(/_/g, ' ');
}

/** The bounds line under a field, from the server's spec. */
export function changeHint(spec: ChangeSpec): string {
  const range = spec.min !== null && spec.min !== undefined && spec.max !== null && spec.max !== undefined ? `${spec.min}–${spec.max}` : '';
  const suffix = spec.constitutional ? ' · constitutional: needs the supermajority' : '';
  switch (spec.kind) {
    case 'NUMBER':
      return `${range}${suffix}`;
    case 'INTEGER':
      return `whole number ${range}${suffix}`;
    case 'CREDITS':
      return `non-zero whole credits, ±${spec.max ?? ''}; negative withdraws from the treasury${suffix}`;
    case 'COMMODITY_MULTIPLIERS':
      return `multiplier ${range} per commodity; leave empty to keep${suffix}`;
    default:
      return suffix.replace(/^ · /, '');
  }
}

/**
 * A typed number as sent: a number when the text is one, else the text itself, so the server (the one validator)
 * names the problem at the field instead of the browser guessing it.
 */
function numberOrText(text: string): number | string {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

/** The proposedChanges JSON for the chosen drafts. */
export function toProposedChanges(drafts: readonly ChangeDraft[], specs: readonly ChangeSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of drafts) {
    const spec = specs.find((s) => s.key === d.key);
    if (!spec) continue;
    switch (spec.kind) {
      case 'BOOLEAN':
        out[d.key] = d.text === 'true';
        break;
      case 'ENUM':
        out[d.key] = d.text;
        break;
      case 'COMMODITY_MULTIPLIERS':
        out[d.key] = Object.fromEntries(
          Object.entries(d.perValue)
            .filter(([, v]) => v.trim() !== '')
            .map(([c, v]) => [c, numberOrText(v)]),
        );
        break;
      default:
        out[d.key] = numberOrText(d.text);
    }
  }
  return out;
}

/** A fresh draft for a key: the first value of an enum, "yes" for a lever, empty otherwise. */
export function emptyDraft(spec: ChangeSpec): ChangeDraft {
  return { key: spec.key, text: spec.kind === 'ENUM' ? (spec.values[0] ?? '') : spec.kind === 'BOOLEAN' ? 'true' : '', perValue: {} };
}
