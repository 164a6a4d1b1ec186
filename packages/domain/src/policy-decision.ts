import { councilQuorum, councilSupermajority, referendumQuorum } from './quorum.ts';
import { GOVERNANCE_BOUNDS, type PolicyRejectionReason } from './vocabulary.ts';
import { WEIGHT_SCALE } from './vote-weight.ts';

/**
 * How a closed vote on a policy is decided (docs/rules/governance.md "Quorum and thresholds"). Pure: the close
 * mutation, the sweep and the tests all call decidePolicy with the counted ballots.
 */

/** Share of the decisive weight a constitutional change needs in a referendum. */
export const CONSTITUTIONAL_SUPERMAJORITY = 0.66;

/** The approval share a referendum needs: the region's threshold, raised to 0.66 for constitutional changes. */
export function requiredApproval(votingThreshold: number, constitutional: boolean): number {
  const b = GOVERNANCE_BOUNDS.votingThreshold;
  const t = Math.min(b.max, Math.max(b.min, votingThreshold));
  return constitutional ? Math.max(t, CONSTITUTIONAL_SUPERMAJORITY) : t;
}

export interface PolicyCount {
  /** Who voted: the voting members (referendum, petition) or the council's seats. */
  body: 'members' | 'council';
  /** Weighted for / against in integer units (vote-weight.ts); a council ballot weighs one seat = WEIGHT_SCALE. */
  forUnits: number;
  againstUnits: number;
  /** Ballots cast (participation). */
  ballots: number;
  /** Size of the eligible roll (members) or the number of seats (council). */
  electorate: number;
  quorumPct: number | null;
  votingThreshold: number;
  constitutional: boolean;
}

export interface PolicyVerdict {
  outcome: 'passed' | 'rejected';
  reason: Extract<PolicyRejectionReason, 'no_quorum' | 'below_threshold'> | null;
  quorum: number;
  /** For a referendum the approval share needed; for a council the seats needed in favour when constitutional. */
  required: number;
  /** for ÷ (for + against), null without decisive ballots. */
  approval: number | null;
}

/**
 * Referendum: quorum by ballots cast, then for / (for + against) ≥ the required share (ties at exactly the threshold
 * pass; a 50/50 split fails a 0.51 threshold). Council: a majority of seats must vote; an ordinary change passes at the
 * region threshold of the seats that voted, a constitutional one needs two thirds of ALL seats in favour.
 */
export function decidePolicy(c: PolicyCount): PolicyVerdict {
  const decisive = c.forUnits + c.againstUnits;
  const approval = decisive > 0 ? c.forUnits / decisive : null;
  const quorum = c.body === 'council' ? councilQuorum(c.electorate) : referendumQuorum(c.electorate, c.quorumPct);
  if (c.body === 'council' && c.constitutional) {
    const seatsNeeded = councilSupermajority(c.electorate);
    if (c.ballots < quorum) return { outcome: 'rejected', reason: 'no_quorum', quorum, required: seatsNeeded, approval };
    const seatsFor = Math.round(c.forUnits / WEIGHT_SCALE);
    return { outcome: seatsFor >= seatsNeeded ? 'passed' : 'rejected', reason: seatsFor >= seatsNeeded ? null : 'below_threshold', quorum, required: seatsNeeded, approval };
  }
  const required = requiredApproval(c.votingThreshold, c.constitutional);
  if (c.ballots < quorum || (quorum === 0 && c.ballots === 0)) {
    return { outcome: 'rejected', reason: 'no_quorum', quorum, required, approval };
  }
  // Compare in integers: for × 100 ≥ required(hundredths) × decisive.
  const requiredHundredths = Math.round(required * 100);
  const passes = decisive > 0 && c.forUnits * 100 >= requiredHundredths * decisive;
  return { outcome: passes ? 'passed' : 'rejected', reason: passes ? null : 'below_threshold', quorum, required, approval };
}
