/**
 * closePolicy: decides one policy whose voting window has ended, in ONE transaction that locks the policy (skipping it
 * when another runner holds it, so two sweeps never decide it twice) and then its region: counts the ballots against
 * the eligible roll (or the council's seats), publishes the ballot Merkle root, and either rejects it with its reason,
 * leaves a passed petition awaiting the owner's signature, or enacts it in the same transaction.
 * Returns null when the policy is not due, already decided, or locked by another runner.
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import { hub } from '@sw/db';
import {
  PETITION_SIGNATURE_DAYS, decidePolicy, merkleRoot, policyVotingBody, toWeightUnits, type PolicyDecider, type PolicyVerdict,
} from '@sw/domain';
import type { HubTx } from '../deps.ts';
import { governanceEvent, type GovernanceEventPayload } from '../live/governance-events.ts';
import { loadGovernedRegion } from '../store/region-standing.ts';
import { eligibleRollSize } from '../store/voter-roll.ts';
import { enactPolicy } from './enact-policy.ts';

const DAY_MS = 86_400_000;

export async function closePolicy(
  tx: HubTx,
  policyId: string,
  now: Date,
): Promise<{ verdict: PolicyVerdict; status: string; events: GovernanceEventPayload[] } | null> {
  const p = hub.regionalPolicies;
  const [policy] = await tx
    .select({ id: p.id, regionId: p.regionId, title: p.title, proposedChanges: p.proposedChanges, decisionKind: p.decisionKind, constitutional: p.constitutional, proposedBy: p.proposedBy })
    .from(p)
    .where(and(eq(p.id, policyId), eq(p.status, 'voting'), lte(p.votingClosesAt, now)))
    .for('update', { skipLocked: true });
  if (!policy) return null;
  const region = (await loadGovernedRegion(tx, policy.regionId, true))!;
  const body = policyVotingBody(policy.decisionKind as PolicyDecider);
  const v = hub.regionalPolicyVotes;
  const ballots = await tx.select({ support: v.support, weight: v.weight, hash: v.receiptHash }).from(v).where(eq(v.policyId, policy.id));
  let forUnits = 0;
  let againstUnits = 0;
  for (const b of ballots) {
    if (b.support) forUnits += toWeightUnits(b.weight);
    else againstUnits += toWeightUnits(b.weight);
  }
  const electorate = body === 'council' ? region.councilSeats : await eligibleRollSize(tx, region.id, now);
  const verdict = decidePolicy({
    body, forUnits, againstUnits, ballots: ballots.length, electorate, quorumPct: region.governanceQuorumPct,
    votingThreshold: region.votingThreshold, constitutional: policy.constitutional,
  });
  const counted = {
    eligibleCount: electorate, quorum: verdict.quorum, requiredApproval: body === 'council' && policy.constitutional ? null : verdict.required,
    decidedAt: now, ballotRoot: merkleRoot(ballots.map((b) => b.hash ?? '')),
  };
  const events: GovernanceEventPayload[] = [
    governanceEvent('policy_closed', region.id, now, `${policy.title}: ${verdict.outcome}${verdict.reason ? ` (${verdict.reason})` : ''}`, { policyId: policy.id }),
  ];
  if (verdict.outcome === 'rejected') {
    await tx.update(p).set({ ...counted, status: 'rejected', outcomeReason: verdict.reason }).where(eq(p.id, policy.id));
    events.push(governanceEvent('policy_rejected', region.id, now, `${policy.title}: ${verdict.reason}`, { policyId: policy.id }));
    return { verdict, status: 'rejected', events };
  }
  if (policy.decisionKind === 'owner_signature') {
    await tx
      .update(p)
      .set({ ...counted, status: 'passed', signatureDeadlineAt: new Date(now.getTime() + PETITION_SIGNATURE_DAYS * DAY_MS) })
      .where(eq(p.id, policy.id));
    return { verdict, status: 'passed', events };
  }
  await tx.update(p).set({ ...counted, status: 'passed' }).where(eq(p.id, policy.id));
  const enacted = await enactPolicy(tx, region, policy, now);
  return { verdict, status: 'implemented', events: [...events, ...enacted.events] };
}

/** Ids of policies whose window has ended and that are still voting. */
export async function duePolicyIds(db: Pick<HubTx, 'execute'>, now: Date, limit = 200): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    SELECT id FROM regional_policies WHERE status = 'voting' AND voting_closes_at <= ${now.toISOString()}::timestamptz ORDER BY voting_closes_at LIMIT ${limit}`);
  return rows.map((r) => r.id);
}
