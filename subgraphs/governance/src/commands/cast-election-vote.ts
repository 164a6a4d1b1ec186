/**
 * castElectionVote: one final ballot per voter per ACTIVE election, for a registered candidate, weighted by the voter's
 * voting power at casting. Two round trips: one read gathers the election and the voter's franchise facts for the
 * guards; one statement inserts the ballot while holding a key-share lock on the election row that re-checks it is
 * still active and in its window (the close takes FOR UPDATE, so a ballot is either counted or refused, never lost)
 * and that the membership type and voting power are unchanged. During a burst of ballots the facts come from the
 * election's roll held in memory (store/election-rolls.ts) and the insert is the only round trip. Concurrent
 * duplicates meet the one_vote_per_election constraint: exactly one ballot is stored, the others get ERR_ALREADY_VOTED.
 * Outcomes: ok {receipt} | ERR_UNAUTHENTICATED | ERR_ELECTION_NOT_FOUND | ERR_ELECTION_NOT_ACTIVE
 * | ERR_VOTING_WINDOW_CLOSED | ERR_NO_CANDIDATES | ERR_UNKNOWN_CANDIDATE | ERR_NOT_A_MEMBER | ERR_NOT_ELIGIBLE
 * | ERR_ACCOUNT_TOO_NEW | ERR_ALREADY_VOTED.
 */
import { sql } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { voterEligibility, type MembershipType } from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';
import { parseCandidates } from '../election-candidates.ts';
import { newBallot, type BallotReceipt } from '../store/ballots.ts';
import type { BallotGuardFacts } from '../store/election-rolls.ts';
import { eligibilityFailure } from './eligibility-failure.ts';
import { failed, ok, type Outcome } from './outcome.ts';

interface GuardRow extends BallotGuardFacts, Record<string, unknown> {
  already_voted: boolean;
}

type VoteOutcome = Outcome<{ receipt: BallotReceipt; electionId: string }>;

export async function castElectionVote(
  deps: GovernanceDeps,
  claims: Claims | null,
  input: { electionId: string; candidateId: string },
): Promise<VoteOutcome> {
  const voterId = claims?.playerId;
  if (!voterId) return failed('ERR_UNAUTHENTICATED', 'sign in with a player to vote');
  // Held facts are only trusted when every guard passes on them and the guarded insert agrees (store/election-rolls.ts).
  const held = deps.rolls?.guardFacts(input.electionId, voterId);
  if (held) {
    const now = deps.now();
    const guarded = guardBallot({ ...held, already_voted: false }, input, voterId, now);
    if (guarded.kind === 'ok') {
      const done = await insertBallot(deps, input, voterId, held, guarded.value.weight, now);
      if (done) return done;
      deps.rolls!.forgetVoter(input.electionId, voterId);
    }
  }
  const outcome = await castOnFreshFacts(deps, input, voterId);
  if (held && outcome.kind === 'failed' && (outcome.code === 'ERR_ELECTION_NOT_ACTIVE' || outcome.code === 'ERR_VOTING_WINDOW_CLOSED')) deps.rolls!.forget(input.electionId);
  return outcome;
}

async function castOnFreshFacts(deps: GovernanceDeps, input: { electionId: string; candidateId: string }, voterId: string): Promise<VoteOutcome> {
  const [g] = await deps.db.execute<GuardRow>(sql`
    SELECT e.region_id, e.status, e.voting_opens_at, e.voting_closes_at, e.candidates,
           m.membership_type, m.voting_power, u.created_at AS account_created_at,
           EXISTS (SELECT 1 FROM regional_votes v WHERE v.election_id = e.id AND v.voter_id = ${voterId}) AS already_voted
    FROM regional_elections e
    LEFT JOIN players p ON p.id = ${voterId}
    LEFT JOIN users u ON u.id = p.user_id
    LEFT JOIN regional_memberships m ON m.region_id = e.region_id AND m.player_id = ${voterId}
    WHERE e.id = ${input.electionId}`);
  if (!g) return failed('ERR_ELECTION_NOT_FOUND', `election ${input.electionId} not found`);
  const now = deps.now();
  const guarded = guardBallot(g, input, voterId, now);
  if (guarded.kind === 'failed') return guarded;
  return (await insertBallot(deps, input, voterId, g, guarded.value.weight, now)) ?? diagnoseRefusedBallot(deps, input.electionId, voterId);
}

/** Every guard of a ballot, in the order of the error map; the weight to cast when all pass. */
function guardBallot(g: GuardRow, input: { candidateId: string }, voterId: string, now: Date): Outcome<{ weight: number }> {
  const closed = windowFailure(g, now);
  if (closed) return closed;
  const candidates = parseCandidates(g.candidates);
  if (candidates.length === 0) return failed('ERR_NO_CANDIDATES', 'this election has no candidates');
  if (!candidates.some((c) => c.playerId === input.candidateId)) return failed('ERR_UNKNOWN_CANDIDATE', `${input.candidateId} is not a candidate in this election`);
  if (!g.account_created_at) return failed('ERR_NOT_A_MEMBER', 'you are not a member of this region');
  const verdict = voterEligibility(
    {
      playerId: voterId,
      membershipType: g.membership_type as MembershipType | null,
      votingPower: Number(g.voting_power ?? 0),
      accountCreatedAt: new Date(g.account_created_at),
    },
    now,
  );
  if (!verdict.eligible) return eligibilityFailure(verdict.reason);
  if (g.already_voted) return failed('ERR_ALREADY_VOTED', 'you have already voted in this election; ballots are final');
  return ok({ weight: verdict.weight });
}

/**
 * The guarded insert: one statement that re-checks, under a key-share lock on the election row, that the election is
 * active and in its window and that the voter's membership type and voting power are those the guards saw. Returns
 * the accepted ballot, or null when it wrote nothing (a ballot exists, the election closed, the membership changed).
 */
async function insertBallot(
  deps: GovernanceDeps,
  input: { electionId: string; candidateId: string },
  voterId: string,
  facts: BallotGuardFacts,
  weight: number,
  now: Date,
): Promise<VoteOutcome | null> {
  const receipt = newBallot('ELECTION', input.electionId, input.candidateId, weight);
  const inserted = await deps.db.execute<{ id: string }>(sql`
    WITH open_election AS (
      SELECT id, region_id FROM regional_elections
      WHERE id = ${input.electionId} AND status = 'active' AND voting_opens_at <= ${now.toISOString()}::timestamptz AND voting_closes_at > ${now.toISOString()}::timestamptz
      FOR KEY SHARE
    )
    INSERT INTO regional_votes (id, election_id, voter_id, candidate_id, weight, salt, receipt_hash, cast_at)
    SELECT ${receipt.ballotId}, o.id, ${voterId}, ${input.candidateId}, ${receipt.weight}, ${receipt.salt}, ${receipt.receiptHash}, ${now.toISOString()}::timestamptz
    FROM open_election o
    WHERE EXISTS (SELECT 1 FROM regional_memberships m WHERE m.player_id = ${voterId} AND m.region_id = o.region_id AND m.voting_power = ${receipt.weight} AND m.membership_type = ${facts.membership_type})
    ON CONFLICT ON CONSTRAINT one_vote_per_election DO NOTHING
    RETURNING id`);
  if (inserted.length === 0) return null;
  deps.tallies.electionChanged(input.electionId);
  return ok({ receipt, electionId: input.electionId });
}

function windowFailure(e: { status: string; voting_opens_at: Date; voting_closes_at: Date }, now: Date) {
  if (e.status !== 'active') return failed('ERR_ELECTION_NOT_ACTIVE', `the election is ${e.status}, not open for votes`);
  if (now < new Date(e.voting_opens_at) || now >= new Date(e.voting_closes_at)) return failed('ERR_VOTING_WINDOW_CLOSED', 'the voting window is not open');
  return null;
}

/** Why the guarded insert wrote nothing: a ballot exists (a concurrent duplicate), the election closed, or the power changed. */
async function diagnoseRefusedBallot(deps: GovernanceDeps, electionId: string, voterId: string): Promise<Outcome<never>> {
  const [r] = await deps.db.execute<{ status: string; voting_opens_at: Date; voting_closes_at: Date; voted: boolean }>(sql`
    SELECT status, voting_opens_at, voting_closes_at,
           EXISTS (SELECT 1 FROM regional_votes WHERE election_id = ${electionId} AND voter_id = ${voterId}) AS voted
    FROM regional_elections WHERE id = ${electionId}`);
  if (r?.voted) return failed('ERR_ALREADY_VOTED', 'you have already voted in this election; ballots are final');
  const closed = r ? windowFailure(r, deps.now()) : null;
  return closed ?? failed('ERR_CONFLICT', 'your membership or voting power changed while voting; cast the ballot again');
}
