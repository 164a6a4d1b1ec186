/**
 * enactPolicy: applies a decided policy's changes to its region inside the caller's transaction (the decree, the close
 * of a passed vote, or the owner's signature of a petition all call it, so a policy is enacted in the same transaction
 * that decides it). The region row must be locked FOR UPDATE. Values are clamped again (planEnactment). Region
 * settings go through the ONE configuration writer, @sw/region-config applyConfigChange, so they get a config version
 * and a history row (via `policy` with the policy id; `decree` / `admin` for direct changes). What only governance
 * owns is written here: council seats, the treasury levers, a treasury adjustment with its ledger row, and the end of
 * the old type's offices when the governance type changes (the governor is cleared, council seats are emptied when
 * leaving council government, and the election clock restarts).
 */
import { eq, sql } from 'drizzle-orm';
import { hub } from '@sw/db';
import { planEnactment, validatePolicyChanges, type ConfigChanges, type ConfigChangeVia, type PolicyChanges } from '@sw/domain';
import { applyConfigChange } from '@sw/region-config';
import type { HubTx } from '../deps.ts';
import { governanceEvent, type GovernanceEventPayload } from '../live/governance-events.ts';
import type { GovernedRegion } from '../store/region-standing.ts';
import { moveTreasury } from '../store/treasury.ts';

export interface EnactablePolicy {
  id: string;
  title: string;
  proposedChanges: unknown;
  decisionKind: string;
  proposedBy: string | null;
}

/** The region-config spelling of the settings a policy changes (the rest is governance's own). */
function configChangesOf(applied: PolicyChanges): ConfigChanges {
  const c: ConfigChanges = {};
  if (applied.tax_rate !== undefined) c.taxRate = applied.tax_rate;
  if (applied.voting_threshold !== undefined) c.votingThreshold = applied.voting_threshold;
  if (applied.election_frequency_days !== undefined) c.electionFrequencyDays = applied.election_frequency_days;
  if (applied.governance_quorum_pct !== undefined) c.governanceQuorumPct = applied.governance_quorum_pct;
  if (applied.governance_type !== undefined) c.governanceType = applied.governance_type;
  if (applied.trade_bonuses !== undefined) c.tradeBonuses = applied.trade_bonuses;
  return c;
}

export async function enactPolicy(
  tx: HubTx,
  region: GovernedRegion,
  policy: EnactablePolicy,
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
  const config = configChangesOf(plan.applied);
  if (Object.keys(config).length > 0) {
    const via: ConfigChangeVia = policy.decisionKind === 'decree' ? 'decree' : policy.decisionKind === 'admin' ? 'admin' : 'policy';
    const out = await applyConfigChange(tx, {
      regionId: region.id, expectedVersion: null, changes: config, via,
      actorPlayerId: policy.proposedBy, policyId: via === 'policy' ? policy.id : null, now,
    });
    if (out.kind === 'invalid' || out.kind === 'not_found') throw new Error(`enacting policy ${policy.id}: ${JSON.stringify(out)}`);
  }
  const own: Partial<typeof hub.regions.$inferInsert> = {};
  if (plan.patch.councilSeats !== undefined) own.councilSeats = plan.patch.councilSeats;
  if (plan.patch.governanceType) {
    own.governanceTypeSince = now;
    own.governorId = null;
    if (region.governanceType === 'council') await tx.delete(hub.regionalCouncilSeats).where(eq(hub.regionalCouncilSeats.regionId, region.id));
  }
  const levers: Record<string, boolean> = {};
  if (plan.applied.docking_fee_subsidy !== undefined) levers.docking_fee_subsidy = plan.applied.docking_fee_subsidy;
  if (plan.applied.arbitrage_stipend !== undefined) levers.arbitrage_stipend = plan.applied.arbitrage_stipend;
  if (Object.keys(levers).length > 0) own.tradeBonuses = sql`${hub.regions.tradeBonuses} || ${JSON.stringify(levers)}::jsonb`;
  if (Object.keys(own).length > 0) await tx.update(hub.regions).set(own).where(eq(hub.regions.id, region.id));
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
