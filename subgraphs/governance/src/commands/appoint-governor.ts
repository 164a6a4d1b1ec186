/**
 * appointGovernor: under autocracy the owner names (or, with null, dismisses) the governor, who then decrees like the
 * owner. The appointee must be a member of the region. Elsewhere the governor is elected and this is refused.
 * Outcomes: ok | ERR_UNAUTHENTICATED | ERR_REGION_NOT_FOUND | ERR_GOVERNANCE_DENIED | ERR_MEMBER_NOT_FOUND.
 */
import { and, eq } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import { canAppointGovernor } from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';
import { governanceEvent, publishGovernanceEvents } from '../live/governance-events.ts';
import { loadStanding } from '../store/region-standing.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export async function appointGovernor(
  deps: GovernanceDeps,
  claims: Claims | null,
  input: { regionId: string; playerId: string | null },
): Promise<Outcome<{ regionId: string }>> {
  if (!claims) return failed('ERR_UNAUTHENTICATED', 'sign in first');
  const standing = await loadStanding(deps.db, input.regionId, claims);
  if (!standing) return failed('ERR_REGION_NOT_FOUND', `region ${input.regionId} not found`);
  if (!canAppointGovernor(standing.region.governanceType, standing.actor)) {
    return failed('ERR_GOVERNANCE_DENIED', 'only the owner of an autocracy appoints its governor; elsewhere the governor is elected');
  }
  if (input.playerId) {
    const m = hub.regionalMemberships;
    const [member] = await deps.db.select({ id: m.id }).from(m).where(and(eq(m.regionId, input.regionId), eq(m.playerId, input.playerId))).limit(1);
    if (!member) return failed('ERR_MEMBER_NOT_FOUND', 'the governor must be a member of the region');
  }
  await deps.db.update(hub.regions).set({ governorId: input.playerId }).where(eq(hub.regions.id, input.regionId));
  await publishGovernanceEvents(deps.bus, deps.log, [
    governanceEvent('governor_appointed', input.regionId, deps.now(), input.playerId ? 'governor appointed' : 'governor dismissed', { playerId: input.playerId }),
  ]);
  return ok({ regionId: input.regionId });
}
