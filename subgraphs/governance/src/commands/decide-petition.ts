/**
 * The owner's answer to a passed petition (autocracy): `sign` enacts it in the same transaction, `veto` rejects it with
 * reason `vetoed`. Only within the signature window; afterwards the sweep lapses it.
 * Outcomes: ok | ERR_UNAUTHENTICATED | ERR_POLICY_NOT_FOUND | ERR_NOT_REGION_OWNER | ERR_PETITION_NOT_AWAITING_SIGNATURE.
 */
import { eq } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import type { GovernanceDeps } from '../deps.ts';
import { governanceEvent, publishGovernanceEvents, type GovernanceEventPayload } from '../live/governance-events.ts';
import { loadGovernedRegion } from '../store/region-standing.ts';
import { enactPolicy } from './enact-policy.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export async function decidePetition(
  deps: GovernanceDeps,
  claims: Claims | null,
  input: { policyId: string; decision: 'sign' | 'veto' },
): Promise<Outcome<{ policyId: string }>> {
  if (!claims?.playerId) return failed('ERR_UNAUTHENTICATED', 'sign in with a player first');
  const now = deps.now();
  const events: GovernanceEventPayload[] = [];
  const result = await deps.db.transaction(async (tx): Promise<Outcome<{ policyId: string }>> => {
    const p = hub.regionalPolicies;
    const [policy] = await tx
      .select({ id: p.id, regionId: p.regionId, title: p.title, status: p.status, decisionKind: p.decisionKind, deadline: p.signatureDeadlineAt, proposedChanges: p.proposedChanges, proposedBy: p.proposedBy })
      .from(p)
      .where(eq(p.id, input.policyId))
      .for('update');
    if (!policy) return failed('ERR_POLICY_NOT_FOUND', `policy ${input.policyId} not found`);
    const region = (await loadGovernedRegion(tx, policy.regionId, true))!;
    if (region.ownerId !== claims.playerId) return failed('ERR_NOT_REGION_OWNER', 'only the region owner signs or vetoes petitions');
    if (policy.decisionKind !== 'owner_signature' || policy.status !== 'passed' || !policy.deadline || policy.deadline <= now) {
      return failed('ERR_PETITION_NOT_AWAITING_SIGNATURE', 'this policy is not a passed petition awaiting your signature');
    }
    if (input.decision === 'veto') {
      await tx.update(p).set({ status: 'rejected', outcomeReason: 'vetoed', decidedAt: now }).where(eq(p.id, policy.id));
      events.push(governanceEvent('policy_rejected', region.id, now, `${policy.title}: vetoed`, { policyId: policy.id }));
    } else {
      await tx.update(p).set({ signedAt: now, signedBy: claims.playerId }).where(eq(p.id, policy.id));
      events.push(governanceEvent('petition_signed', region.id, now, `${policy.title}: signed`, { policyId: policy.id }));
      events.push(...(await enactPolicy(tx, region, policy, now)).events);
    }
    return ok({ policyId: policy.id });
  });
  if (result.kind === 'ok') await publishGovernanceEvents(deps.bus, deps.log, events);
  return result;
}
