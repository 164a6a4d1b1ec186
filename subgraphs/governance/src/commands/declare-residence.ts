/**
 * declareResidence: a player standing in a region makes it their home (players.home_region_id) and becomes a resident
 * there; the region they leave turns a resident back into a visitor (citizenship stays). One transaction, player row
 * locked first. Outcomes: ok | ERR_UNAUTHENTICATED | ERR_REGION_NOT_FOUND | ERR_REGION_NOT_ACTIVE | ERR_NOT_IN_REGION.
 */
import { eq } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import type { MembershipState } from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';
import { governanceEvent, publishGovernanceEvents } from '../live/governance-events.ts';
import { loadGovernedRegion } from '../store/region-standing.ts';
import { applyMembershipEvent } from './record-membership-event.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export async function declareResidence(deps: GovernanceDeps, claims: Claims | null, regionId: string): Promise<Outcome<MembershipState>> {
  const playerId = claims?.playerId;
  if (!playerId) return failed('ERR_UNAUTHENTICATED', 'sign in with a player first');
  const region = await loadGovernedRegion(deps.db, regionId);
  if (!region) return failed('ERR_REGION_NOT_FOUND', `region ${regionId} not found`);
  if (region.status !== 'active') return failed('ERR_REGION_NOT_ACTIVE', 'the region is not active');
  const now = deps.now();
  const result = await deps.db.transaction(async (tx): Promise<Outcome<MembershipState>> => {
    const p = hub.players;
    const [player] = await tx.select({ current: p.currentRegionId, home: p.homeRegionId }).from(p).where(eq(p.id, playerId)).for('update');
    if (!player || player.current !== regionId) return failed('ERR_NOT_IN_REGION', 'you can only take residence in the region you are in');
    if (player.home && player.home !== regionId) await applyMembershipEvent(tx, playerId, player.home, 'moved_away', now);
    await tx.update(p).set({ homeRegionId: regionId }).where(eq(p.id, playerId));
    return ok(await applyMembershipEvent(tx, playerId, regionId, 'residence', now));
  });
  if (result.kind === 'ok') {
    await publishGovernanceEvents(deps.bus, deps.log, [governanceEvent('member_changed', regionId, now, `new resident (${result.value.membershipType})`, { playerId })]);
  }
  return result;
}
