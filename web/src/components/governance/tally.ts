/** A policy's weighted tally as the card shows it. */
export interface PolicyTallyView {
  votesFor: number;
  votesAgainst: number;
  approvalPercentage: number | null;
}

/**
 * The tally with the viewer's ballot counted before the server confirms it (optimistic): the ballot's weight goes
 * to its side and the approval is recomputed. The card drops it again if the vote fails.
 */
export function withPendingBallot(t: PolicyTallyView, pending: { support: boolean; weight: number } | null): PolicyTallyView {
  if (!pending) return t;
  const votesFor = t.votesFor + (pending.support ? pending.weight : 0);
  const votesAgainst = t.votesAgainst + (pending.support ? 0 : pending.weight);
  const total = votesFor + votesAgainst;
  return { votesFor, votesAgainst, approvalPercentage: total > 0 ? Math.round((votesFor / total) * 10000) / 100 : null };
}
