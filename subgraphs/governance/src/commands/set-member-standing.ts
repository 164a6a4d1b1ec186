/**
 * setMemberStanding: the region owner (or an admin) sets a member's voting power (0-5; 0 removes the vote) and/or
 * local rank (<= 50 chars, empty clears it). Ballots already cast keep the weight they were cast with.
 * Outcomes: ok | ERR_UNAUTHENTICATED | ERR_VALIDATION | ERR_REGION_NOT_FOUND | ERR_NOT_REGION_OWNER | ERR_MEMBER_NOT_FOUND.
 */
import { and, eq } from 'drizzle-orm';
import { isAdmin, type Claims } from '@sw/auth';
import { hub } from '@sw/db';
import { GOVERNANCE_BOUNDS, toWeightUnits, fromWeightUnits, type ValidationIssue } from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';
import { governanceEvent, publishGovernanceEvents } from '../live/governance-events.ts';
import { loadGovernedRegion } from '../store/region-standing.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export async function setMemberStanding(
  deps: GovernanceDeps,
  claims: Claims | null,
  input: { regionId: string; playerId: string; votingPower?: number | null; localRank?: string | null },
): Promise<Outcome<{ playerId: string }>> {
  if (!claims) return failed('ERR_UNAUTHENTICATED', 'sign in first');
  const issues: ValidationIssue[] = [];
  const vp = GOVERNANCE_BOUNDS.votingPower;
  if (input.votingPower == null && input.localRank == null) issues.push({ path: 'input', message: 'set votingPower, localRank or both' });
  if (input.votingPower != null && (!Number.isFinite(input.votingPower) || input.votingPower < vp.min || input.votingPower > vp.max)) {
    issues.push({ path: 'votingPower', message: `must be from ${vp.min} to ${vp.max}` });
  }
  if (input.localRank != null && input.localRank.trim().length > 50) issues.push({ path: 'localRank', message: 'must be at most 50 characters' });
  if (issues.length) return failed('ERR_VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  const region = await loadGovernedRegion(deps.db, input.regionId);
  if (!isAdmin(claims) && (!region || claims.playerId === null || region.ownerId !== claims.playerId)) {
    return failed('ERR_NOT_REGION_OWNER', 'only the region owner sets voting power and rank');
  }
  if (!region) return failed('ERR_REGION_NOT_FOUND', `region ${input.regionId} not found`);
  const m = hub.regionalMemberships;
  const set: Partial<typeof m.$inferInsert> = {};
  if (input.votingPower != null) set.votingPower = fromWeightUnits(toWeightUnits(input.votingPower));
  if (input.localRank != null) set.localRank = input.localRank.trim() || null;
  const rows = await deps.db.update(m).set(set).where(and(eq(m.regionId, input.regionId), eq(m.playerId, input.playerId))).returning({ id: m.id });
  if (rows.length === 0) return failed('ERR_MEMBER_NOT_FOUND', `player ${input.playerId} is not a member of this region`);
  await publishGovernanceEvents(deps.bus, deps.log, [governanceEvent('member_changed', input.regionId, deps.now(), 'standing changed', { playerId: input.playerId })]);
  return ok({ playerId: input.playerId });
}
