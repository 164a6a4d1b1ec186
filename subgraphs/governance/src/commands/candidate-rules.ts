import { failed, type CommandFailure } from './outcome.ts';

/** Candidacy needs a citizen membership with regional reputation >= 0. Null when the member may stand. */
export function candidateFailure(m: { membershipType: string; reputationScore: number } | null, who: string): CommandFailure | null {
  if (!m || m.membershipType !== 'citizen') return failed('ERR_NOT_A_CITIZEN', `${who} must be a citizen of the region to stand`);
  if (m.reputationScore < 0) return failed('ERR_INSUFFICIENT_REPUTATION', `${who} needs a regional reputation of at least 0`);
  return null;
}

export const MAX_PLATFORM_LENGTH = 500;
