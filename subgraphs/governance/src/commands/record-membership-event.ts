/**
 * Memberships come from real events (docs/rules/governance.md "Members"): entering a region (travel arrival), taking
 * residence, owning a colony, redeeming an invite. applyMembershipEvent runs INSIDE the transaction of the event that
 * causes it (exported for the travel and account flows) and moves the membership by the one rule nextMembership.
 */
import { and, eq, sql } from 'drizzle-orm';
import { hub } from '@sw/db';
import { nextMembership, type MembershipEvent, type MembershipState, type MembershipType } from '@sw/domain';
import type { HubTx } from '../deps.ts';

export async function applyMembershipEvent(
  tx: HubTx,
  playerId: string,
  regionId: string,
  event: MembershipEvent,
  now: Date = new Date(),
): Promise<MembershipState> {
  const m = hub.regionalMemberships;
  const [current] = await tx
    .select({ membershipType: m.membershipType, votingPower: m.votingPower })
    .from(m)
    .where(and(eq(m.playerId, playerId), eq(m.regionId, regionId)))
    .for('update');
  const state = current ? { membershipType: current.membershipType as MembershipType, votingPower: current.votingPower } : null;
  const next = nextMembership(state, event);
  const visit = event === 'entered';
  await tx
    .insert(m)
    .values({ playerId, regionId, membershipType: next.membershipType, votingPower: next.votingPower, joinedAt: now, lastVisit: now, totalVisits: visit ? 1 : 0 })
    .onConflictDoUpdate({
      target: [m.playerId, m.regionId],
      set: {
        membershipType: next.membershipType,
        votingPower: next.votingPower,
        ...(visit ? { lastVisit: now, totalVisits: sql`${m.totalVisits} + 1` } : {}),
      },
    });
  return next;
}
