import type { GovernorElectionFragment } from '../../../graphql/generated/graphql';

/** How an election ended, in words: the tally's `results` (voided: no votes / below the threshold) or a cancellation. */
export interface ElectionOutcome {
  kind: 'open' | 'elected' | 'voided' | 'inconclusive' | 'cancelled';
  /** Empty while the election is still open. */
  text: string;
}

const CANCEL_REASONS: Readonly<Record<string, string>> = { by_owner: 'by the owner', no_candidates: 'nobody registered' };

export function electionOutcome(e: Pick<GovernorElectionFragment, 'status' | 'cancelReason' | 'winner' | 'results'>): ElectionOutcome {
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
  if (e.status === 'COMPLETED') return { kind: 'elected', text: e.winner ? `${e.winner.name} was elected.` : 'The seats were filled.' };
  return { kind: 'open', text: '' };
}
