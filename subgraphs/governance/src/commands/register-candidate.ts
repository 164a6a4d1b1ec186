/**
 * registerCandidate: a citizen (reputation >= 0) adds themself to a PENDING election's candidate list, with an optional
 * platform of at most 500 characters; the list order is the registration order (the tie-break).
 * Outcomes: ok | ERR_UNAUTHENTICATED | ERR_VALIDATION | ERR_ELECTION_NOT_FOUND | ERR_CANDIDATES_LOCKED
 * | ERR_NOT_A_CITIZEN | ERR_INSUFFICIENT_REPUTATION | ERR_ALREADY_CANDIDATE.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import type { GovernanceDeps } from '../deps.ts';
import { parseCandidates } from '../election-candidates.ts';
import { candidateFailure, MAX_PLATFORM_LENGTH } from './candidate-rules.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export async function registerCandidate(
  deps: GovernanceDeps,
  claims: Claims | null,
  input: { electionId: string; platform?: string | null },
): Promise<Outcome<{ electionId: string; candidateCount: number }>> {
  const playerId = claims?.playerId;
  if (!playerId) return failed('ERR_UNAUTHENTICATED', 'sign in with a player first');
  const platform = input.platform?.trim() || null;
  if (platform && platform.length > MAX_PLATFORM_LENGTH) {
    return failed('ERR_VALIDATION', `platform: must be at most ${MAX_PLATFORM_LENGTH} characters`, [{ path: 'platform', message: `must be at most ${MAX_PLATFORM_LENGTH} characters` }]);
  }
  return deps.db.transaction(async (tx) => {
    const e = hub.regionalElections;
    const [election] = await tx.select({ id: e.id, regionId: e.regionId, status: e.status, candidates: e.candidates }).from(e).where(eq(e.id, input.electionId)).for('update');
    if (!election) return failed('ERR_ELECTION_NOT_FOUND', `election ${input.electionId} not found`);
    if (election.status !== 'pending') return failed('ERR_CANDIDATES_LOCKED', 'candidates register only before voting opens');
    const m = hub.regionalMemberships;
    const [member] = await tx
      .select({ membershipType: m.membershipType, reputationScore: m.reputationScore })
      .from(m)
      .where(and(eq(m.regionId, election.regionId), eq(m.playerId, playerId)));
    const problem = candidateFailure(member ?? null, 'you');
    if (problem) return problem;
    const list = parseCandidates(election.candidates);
    if (list.some((c) => c.playerId === playerId)) return failed('ERR_ALREADY_CANDIDATE', 'you are already a candidate');
    await tx
      .update(e)
      .set({ candidates: sql`${e.candidates} || ${JSON.stringify([{ player_id: playerId, platform }])}::jsonb` })
      .where(eq(e.id, election.id));
    return ok({ electionId: election.id, candidateCount: list.length + 1 });
  });
}
