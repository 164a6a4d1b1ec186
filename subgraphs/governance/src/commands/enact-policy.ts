/**
 * enactPolicy: applies a decided policy's changes to its region inside the caller's transaction (the decree, the close
 * of a passed vote, or the owner's signature of a petition all call it, so a policy is enacted in the same transaction
 * that decides it). The region row must be locked FOR UPDATE. Values are clamped again (planEnactment); a treasury
 * adjustment writes its ledger row; a change of governance type ends the offices of the old type (the governor when
 * the new type has no such office or it was held under another type, the council seats when leaving council).
 */
import { eq } from 'drizzle-orm';
import { hub } from '@sw/db';
import { planEnactment, validatePolicyChanges, type PolicyChanges } from '@sw/domain';
import type { HubTx } from '../deps.ts';
import { governanceEvent, type GovernanceEventPayload } from '../live/governance-events.ts';
import type { GovernedRegion } from '../store/region-standing.ts';
import { moveTreasury } from '../store/treasury.ts';

export async function enactPolicy(
  tx: HubTx,
  region: GovernedRegion,
  policy: { id: string; title: string; proposedChanges: unknown },
  now: Date,
): Promise<{ applied: PolicyChanges; events: GovernanceEventPayload[] }> {
  const parsed = validatePolicyChanges(policy.proposedChanges);
  // Stored changes were validated when proposed; a row that no longer parses enacts nothing rather than half of it.
  const changes: PolicyChanges = parsed.ok ? parsed.changes : {};
  const plan = planEnactment(
    {
      taxRate: region.taxRate, votingThreshold: region.votingThreshold, electionFrequencyDays: region.electionFrequencyDays,
      governanceType: region.governanceType, governanceQuorumPct: region.governanceQuorumPct, councilSeats: region.councilSeats,
      tradeBonuses: (region.tradeBonuses ?? {}) as Record<string, unknown>, treasuryBalance: region.treasuryBalance,
    },
    changes,
  );
  const { treasuryBalance: _moved, ...columns } = plan.patch;
  const update: Partial<typeof hub.regions.$inferInsert> = { ...columns };
  if (plan.patch.governanceType) {
    update.governanceTypeSince = now;
    update.governorId = null;
    if (region.governanceType === 'council') await tx.delete(hub.regionalCouncilSeats).where(eq(hub.regionalCouncilSeats.regionId, region.id));
  }
  if (Object.keys(update).length > 0) await tx.update(hub.regions).set(update).where(eq(hub.regions.id, region.id));
  if (plan.treasuryDelta !== 0) {
    await moveTreasury(tx, region, plan.treasuryDelta, { type: 'policy_enactment', id: policy.id, reason: `policy: ${policy.title}`, at: now });
  }
  await tx
    .update(hub.regionalPolicies)
    .set({ status: 'implemented', implementedAt: now, decidedAt: now, appliedChanges: plan.applied })
    .where(eq(hub.regionalPolicies.id, policy.id));
  return {
    applied: plan.applied,
    events: [governanceEvent('policy_enacted', region.id, now, `enacted: ${policy.title}`, { policyId: policy.id })],
  };
}
