import type { GovernorElectionFragment } from '../../../graphql/generated/graphql';

/** How an election ended, in words: the tally's `results` (voided: no votes / below the threshold) or a cancellation. */
export interface ElectionOutcome {
  kind: 'open' | 'elected' | 'voided' | 'inconclusive' | 'cancelled';
  /** Empty while the election is still open. */
  text: string;
}

type OutcomeFacts = Pick<GovernorElectionFragment, 'status' | 'cancelReason' | 'winner'> & {
  results: (Pick<NonNullable<GovernorElectionFragment['results']>, 'voided' | 'reason' | 'ballots'> & { seats?: NonNullable<GovernorElectionFragment['results']>['seats'] }) | null | undefined;
};

const CANCEL_REASONS: Readonly<Record<string, string>> = { by_owner: 'by the owner', no_candidates: 'nobody registered' };

export function electionOutcome(e: OutcomeFacts): ElectionOutcome {
  if (e.status === 'CANCELLED') {
    const why = e.cancelReason ? (CANCEL_REASONS[e.cancelReason] ?? e.cancelReason.replace(/_/g, ' ')) : null;
    const detail = !why ? '' : why.startsWith('by ') ? ` ${why}` : `: ${why}`;
    return { kind: 'cancelled', text: `Cancelled${detail} before voting opened.` };
  }
  const r = e.results;
  if (r?.voided) {
    if (r.reason === 'below_threshold') return { kind: 'inconclusive', text: 'Inconclusive: no candidate reached the threshold, so the incumbent stays.' };
    return { kind: 'voided', text: r.reason === 'no_votes' ? 'Voided: nobody voted, so the incumbent stays.' : `Voided${r.reason ? `: ${r.reason.replace(/_/g, ' ')}` : ''}.` };
  }
  if (e.status === 'COMPLETED') {
    if (e.winner) return { kind: 'elected', text: `${e.winner.name} was elected.` };
    const seated = [...(r?.seats ?? [])].sort((a, b) => a.seatNumber - b.seatNumber).map((s) => s.player.name);
    return { kind: 'elected', text: seated.length > 0 ? `Seated on the council: ${seated.join(', ')}.` : 'The seats were filled.' };
  }
  return { kind: 'open', text: '' };
}

/** What electionTallyChanged sends: the running status, weight and candidates (never the winner or the results). */
export interface ElectionTally {
  status: GovernorElectionFragment['status'];
  totalWeight: number;
  candidates: GovernorElectionFragment['candidates'];
}

/**
 * Folds a live tally into an election card. A tally whose status differs from the card's (voting opened, the sweep
 * closed it) returns null: the caller re-reads the election, so the winner and the results arrive with the new status
 * instead of a COMPLETED card without them.
 */
export function foldElectionTally(cur: GovernorElectionFragment, t: ElectionTally): GovernorElectionFragment | null {
  if (t.status !== cur.status) return null;
  return { ...cur, totalWeight: t.totalWeight, candidates: t.candidates };
}

/** Whether a player won: the single winner, or one of the council seats. */
export function isElected(e: Pick<GovernorElectionFragment, 'winner' | 'results'>, playerId: string): boolean {
  return e.winner?.id === playerId || (e.results?.seats ?? []).some((s) => s.player.id === playerId);
}
