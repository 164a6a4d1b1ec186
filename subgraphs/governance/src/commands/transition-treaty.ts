/**
 * The counterparty's and the parties' treaty decisions: accept / reject (region B's owner), terminate (either owner).
 * The acting region is derived from the caller's ownership of the treaty's regions. Accepting stamps accepted_at (the
 * signing time; signed_at is generated from it). Outcomes: ok | ERR_UNAUTHENTICATED | ERR_TREATY_NOT_FOUND
 * | ERR_NOT_TREATY_PARTY | ERR_TREATY_NOT_PROPOSED | ERR_TREATY_NOT_ACTIVE.
 */
import { eq, inArray } from 'drizzle-orm';
import { isAdmin, type Claims } from '@sw/auth';
import { hub } from '@sw/db';
import { treatySideMay, treatyTransition, type TreatyAction, type TreatyStatus } from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';
import { governanceEvent, publishGovernanceEvents, type GovernanceEventKind } from '../live/governance-events.ts';
import { failed, ok, type Outcome } from './outcome.ts';

const EVENT: Record<Exclude<TreatyAction, 'expire'>, GovernanceEventKind> = { accept: 'treaty_accepted', reject: 'treaty_rejected', terminate: 'treaty_terminated' };

export async function transitionTreaty(
  deps: GovernanceDeps,
  claims: Claims | null,
  treatyId: string,
  action: Exclude<TreatyAction, 'expire'>,
): Promise<Outcome<{ treatyId: string }>> {
  if (!claims) return failed('ERR_UNAUTHENTICATED', 'sign in first');
  const now = deps.now();
  const result = await deps.db.transaction(async (tx): Promise<Outcome<{ a: string; b: string }>> => {
    const t = hub.regionalTreaties;
    const [treaty] = await tx.select({ id: t.id, a: t.regionAId, b: t.regionBId, status: t.status }).from(t).where(eq(t.id, treatyId)).for('update');
    if (!treaty) return failed('ERR_TREATY_NOT_FOUND', `treaty ${treatyId} not found`);
    const owners = await tx.select({ id: hub.regions.id, ownerId: hub.regions.ownerId }).from(hub.regions).where(inArray(hub.regions.id, [treaty.a, treaty.b]));
    const owns = (regionId: string) => isAdmin(claims) || (claims.playerId !== null && owners.some((o) => o.id === regionId && o.ownerId === claims.playerId));
    const allowed = (owns(treaty.b) && treatySideMay('b', action)) || (owns(treaty.a) && treatySideMay('a', action));
    if (!allowed) return failed('ERR_NOT_TREATY_PARTY', action === 'terminate' ? 'only an owner of either region may terminate it' : 'only the counterparty region\'s owner may answer a proposal');
    const to = treatyTransition(treaty.status as TreatyStatus, action);
    if (!to) {
      return action === 'terminate'
        ? failed('ERR_TREATY_NOT_ACTIVE', `the treaty is ${treaty.status}, not active`)
        : failed('ERR_TREATY_NOT_PROPOSED', `the treaty is ${treaty.status}, not proposed`);
    }
    await tx
      .update(t)
      .set({ status: to, ...(action === 'accept' ? { acceptedAt: now } : { endedAt: now }) })
      .where(eq(t.id, treaty.id));
    return ok({ a: treaty.a, b: treaty.b });
  });
  if (result.kind !== 'ok') return result;
  await publishGovernanceEvents(deps.bus, deps.log, [result.value.a, result.value.b].map((r) => governanceEvent(EVENT[action], r, now, EVENT[action].replace('_', ' '), { treatyId })));
  return ok({ treatyId });
}
