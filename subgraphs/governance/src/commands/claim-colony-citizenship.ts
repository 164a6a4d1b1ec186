/**
 * claimColonyCitizenship: a player who owns a colony (planet) in the region becomes its citizen (voting power 1.5 by
 * the tier rule; never a downgrade). The colony count comes from the region's world (colony-ownership.ts).
 * Outcomes: ok | ERR_UNAUTHENTICATED | ERR_REGION_NOT_FOUND | ERR_REGION_NOT_ACTIVE | ERR_NO_COLONY_IN_REGION
 * | ERR_UPSTREAM_UNAVAILABLE (the region's world could not be asked).
 */
import { eq } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import type { MembershipState } from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';
import { governanceEvent, publishGovernanceEvents } from '../live/governance-events.ts';
import { countColonies } from '../store/colony-ownership.ts';
import { applyMembershipEvent } from './record-membership-event.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export async function claimColonyCitizenship(deps: GovernanceDeps, claims: Claims | null, regionId: string): Promise<Outcome<MembershipState>> {
  const playerId = claims?.playerId;
  if (!playerId) return failed('ERR_UNAUTHENTICATED', 'sign in with a player first');
  const r = hub.regions;
  const [region] = await deps.db
    .select({ id: r.id, status: r.status, runtimeEndpoint: r.runtimeEndpoint, regionType: r.regionType })
    .from(r)
    .where(eq(r.id, regionId));
  if (!region) return failed('ERR_REGION_NOT_FOUND', `region ${regionId} not found`);
  if (region.status !== 'active') return failed('ERR_REGION_NOT_ACTIVE', 'the region is not active');
  const colonies = await countColonies(deps.db, region, playerId);
  if (colonies === null) return failed('ERR_UPSTREAM_UNAVAILABLE', 'the region\'s world cannot be reached to confirm your colony; try again');
  if (colonies === 0) return failed('ERR_NO_COLONY_IN_REGION', 'you own no colony in this region');
  const now = deps.now();
  const state = await deps.db.transaction((tx) => applyMembershipEvent(tx, playerId, regionId, 'colony', now));
  await publishGovernanceEvents(deps.bus, deps.log, [governanceEvent('member_changed', regionId, now, 'citizenship by colony', { playerId })]);
  return ok(state);
}
