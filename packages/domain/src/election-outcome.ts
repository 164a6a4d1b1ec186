import { GOVERNANCE_BOUNDS, type ElectionPosition } from './vocabulary.ts';

/**
 * Who wins an election (docs/rules/governance.md "Elections"): plurality by summed decimal weight (integer units,
 * vote-weight.ts); ties go to the candidate who registered first; a governor must also reach the region's voting
 * threshold of all weight cast, otherwise the election is voided and the incumbent stays; a council election fills
 * the top N seats.
 */
export interface ElectionCount {
  position: ElectionPosition;
  /** Candidate player ids in registration order (the tie-break). */
  candidates: readonly string[];
  /** Summed ballot weight per candidate, integer units. Ids not on the list are ignored. */
  tallies: ReadonlyMap<string, number>;
  votingThreshold: number;
  /** Council size (council_member elections only). */
  seats?: number;
}

export interface RankedCandidate {
  playerId: string;
  units: number;
}

export type ElectionOutcome =
  | { kind: 'winner'; winnerId: string; ranking: RankedCandidate[]; totalUnits: number }
  | { kind: 'council'; seats: RankedCandidate[]; ranking: RankedCandidate[]; totalUnits: number }
  | { kind: 'voided'; reason: 'no_votes' | 'below_threshold'; ranking: RankedCandidate[]; totalUnits: number };

/** Candidates by weight descending, then registration order. */
export function rankCandidates(candidates: readonly string[], tallies: ReadonlyMap<string, number>): RankedCandidate[] {
  return candidates
    .map((playerId, order) => ({ playerId, units: tallies.get(playerId) ?? 0, order }))
    .sort((a, b) => b.units - a.units || a.order - b.order)
    .map(({ playerId, units }) => ({ playerId, units }));
}

export function electionOutcome(c: ElectionCount): ElectionOutcome {
  const ranking = rankCandidates(c.candidates, c.tallies);
  const totalUnits = ranking.reduce((s, r) => s + r.units, 0);
  if (totalUnits === 0) return { kind: 'voided', reason: 'no_votes', ranking, totalUnits };
  if (c.position === 'council_member') {
    const b = GOVERNANCE_BOUNDS.councilSeats;
    const n = Math.min(b.max, Math.max(b.min, c.seats ?? b.default));
    // Only candidates someone voted for take a seat; fewer such candidates than seats leaves seats vacant.
    return { kind: 'council', seats: ranking.filter((r) => r.units > 0).slice(0, n), ranking, totalUnits };
  }
  const top = ranking[0]!;
  if (c.position === 'governor') {
    const hundredths = Math.round(Math.min(0.9, Math.max(0.1, c.votingThreshold)) * 100);
    if (top.units * 100 < hundredths * totalUnits) return { kind: 'voided', reason: 'below_threshold', ranking, totalUnits };
  }
  return { kind: 'winner', winnerId: top.playerId, ranking, totalUnits };
}
