/**
 * castPolicyVote: one ballot per voter per policy, weighted by the voter's voting power at casting (a council seat
 * weighs 1), final once cast. The insert and the decimal tally update are ONE statement that locks the policy row and
 * re-checks it is still open, so a concurrent close either counts the ballot or refuses it — never loses it.
 * Outcomes: ok {receipt, votesFor, votesAgainst} | ERR_UNAUTHENTICATED | ERR_POLICY_NOT_FOUND | ERR_POLICY_NOT_VOTING
 * | ERR_VOTING_WINDOW_CLOSED | ERR_NOT_A_MEMBER | ERR_NOT_ELIGIBLE | ERR_ACCOUNT_TOO_NEW | ERR_NOT_A_COUNCILLOR
 * | ERR_ALREADY_VOTED.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import { policyVotingBody, voterEligibility, type PolicyDecider } from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';
import { newBallot, policyChoice, type BallotReceipt } from '../store/ballots.ts';
import { loadVoterFacts } from '../store/voter-roll.ts';
import { eligibilityFailure } from './eligibility-failure.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export interface PolicyVoteResult {
  receipt: BallotReceipt;
  policyId: string;
  votesFor: number;
  votesAgainst: number;
}

export async function castPolicyVote(
  deps: GovernanceDeps,
  claims: Claims | null,
  input: { policyId: string; support: boolean },
): Promise<Outcome<PolicyVoteResult>> {
  const voterId = claims?.playerId;
  if (!voterId) return failed('ERR_UNAUTHENTICATED', 'sign in with a player to vote');
  const p = hub.regionalPolicies;
  const [policy] = await deps.db
    .select({ id: p.id, regionId: p.regionId, status: p.status, votingClosesAt: p.votingClosesAt, decisionKind: p.decisionKind })
    .from(p)
    .where(eq(p.id, input.policyId))
    .limit(1);
  if (!policy) return failed('ERR_POLICY_NOT_FOUND', `policy ${input.policyId} not found`);
  const now = deps.now();
  const open = openFailure(policy, now);
  if (open) return open;

  let weight: number;
  const body = policyVotingBody(policy.decisionKind as PolicyDecider);
  if (body === 'council') {
    const s = hub.regionalCouncilSeats;
    const [seat] = await deps.db.select({ id: s.id }).from(s).where(and(eq(s.regionId, policy.regionId), eq(s.playerId, voterId))).limit(1);
    if (!seat) return failed('ERR_NOT_A_COUNCILLOR', 'only council members vote on council policies');
    weight = 1;
  } else {
    const facts = await loadVoterFacts(deps.db, policy.regionId, voterId);
    if (!facts) return failed('ERR_NOT_A_MEMBER', 'you are not a member of this region');
    const verdict = voterEligibility(facts, now);
    if (!verdict.eligible) return eligibilityFailure(verdict.reason);
    weight = verdict.weight;
  }

  const receipt = newBallot('POLICY', policy.id, policyChoice(input.support), weight);
  const powerUnchanged =
    body === 'council'
      ? sql`true`
      : sql`EXISTS (SELECT 1 FROM regional_memberships m WHERE m.player_id = ${voterId} AND m.region_id = ${policy.regionId} AND m.voting_power = ${receipt.weight})`;
  const rows = await deps.db.execute<{ votes_for: string; votes_against: string }>(sql`
    WITH open_policy AS (
      SELECT id FROM regional_policies
      WHERE id = ${policy.id} AND status = 'voting' AND voting_closes_at > ${now.toISOString()}::timestamptz
      FOR UPDATE
    ), ballot AS (
      INSERT INTO regional_policy_votes (id, policy_id, voter_id, support, weight, salt, receipt_hash, created_at)
      SELECT ${receipt.ballotId}, open_policy.id, ${voterId}, ${input.support}, ${receipt.weight}, ${receipt.salt}, ${receipt.receiptHash}, ${now.toISOString()}::timestamptz
      FROM open_policy WHERE ${powerUnchanged}
      ON CONFLICT ON CONSTRAINT one_vote_per_policy DO NOTHING
      RETURNING support, weight
    )
    UPDATE regional_policies SET
      votes_for = votes_for + CASE WHEN ballot.support THEN ballot.weight ELSE 0 END,
      votes_against = votes_against + CASE WHEN ballot.support THEN 0 ELSE ballot.weight END
    FROM ballot WHERE regional_policies.id = ${policy.id}
    RETURNING votes_for, votes_against`);
  const row = rows[0];
  if (!row) return diagnoseRefusedPolicyBallot(deps, policy.id, voterId);
  deps.tallies.policyChanged(policy.id);
  return ok({ receipt, policyId: policy.id, votesFor: Number(row.votes_for), votesAgainst: Number(row.votes_against) });
}

function openFailure(policy: { status: string; votingClosesAt: Date }, now: Date) {
  if (policy.status !== 'voting') return failed('ERR_POLICY_NOT_VOTING', `the policy is ${policy.status}, not open for votes`);
  if (policy.votingClosesAt <= now) return failed('ERR_VOTING_WINDOW_CLOSED', 'voting on this policy has closed');
  return null;
}

/** Why the guarded insert wrote nothing: a ballot already exists, the policy closed meanwhile, or the power changed. */
async function diagnoseRefusedPolicyBallot(deps: GovernanceDeps, policyId: string, voterId: string): Promise<Outcome<PolicyVoteResult>> {
  const v = hub.regionalPolicyVotes;
  const [existing] = await deps.db.select({ id: v.id }).from(v).where(and(eq(v.policyId, policyId), eq(v.voterId, voterId))).limit(1);
  if (existing) return failed('ERR_ALREADY_VOTED', 'you have already voted on this policy; ballots are final');
  const p = hub.regionalPolicies;
  const [policy] = await deps.db.select({ status: p.status, votingClosesAt: p.votingClosesAt }).from(p).where(eq(p.id, policyId)).limit(1);
  const closed = policy ? openFailure(policy, deps.now()) : null;
  return closed ?? failed('ERR_CONFLICT', 'your voting power changed while voting; cast the ballot again');
}
