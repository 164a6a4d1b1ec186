import { GOVERNANCE_BOUNDS } from './vocabulary.ts';

/**
 * Quorum rules (docs/rules/governance.md "Quorum and thresholds"). Referendums count ballots (participation) against
 * the eligible roll; a council counts seats.
 */

/** The region's quorum share clamped to 0.25–0.60; null (never set) means the default 0.33. */
export function effectiveQuorumPct(pct: number | null | undefined): number {
  const b = GOVERNANCE_BOUNDS.quorumPct;
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return b.default;
  return Math.min(b.max, Math.max(b.min, pct));
}

/**
 * Ballots a referendum needs: everyone when the roll has 0 or 1 voters, otherwise ceil(roll × pct) with a floor of 2.
 * The share is a numeric(3,2), so it is taken in hundredths to keep ceil exact (100 × 0.33 must be 33, not 34).
 */
export function referendumQuorum(eligible: number, pct: number | null | undefined): number {
  if (eligible <= 1) return Math.max(0, eligible);
  const hundredths = Math.round(effectiveQuorumPct(pct) * 100);
  return Math.max(2, Math.ceil((eligible * hundredths) / 100));
}

/** Seats that must vote for a council decision to count: a majority of all seats. */
export function councilQuorum(seats: number): number {
  return Math.floor(seats / 2) + 1;
}

/** Seats a constitutional council decision needs in favour: two thirds of all seats, rounded up. */
export function councilSupermajority(seats: number): number {
  return Math.ceil((seats * 2) / 3);
}
