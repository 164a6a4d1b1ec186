import { and, eq } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { eligibleRoll, type MembershipType, type VoterFacts } from '@sw/domain';
import type { HubTx } from '../deps.ts';

/**
 * Franchise facts of members, for the ONE eligibility rule in @sw/domain (eligible-roll.ts). Casting reads one voter;
 * the quorum at close reads the whole region. Both hand the facts to the same pure function.
 */
const factColumns = {
  playerId: hub.regionalMemberships.playerId,
  membershipType: hub.regionalMemberships.membershipType,
  votingPower: hub.regionalMemberships.votingPower,
  reputationScore: hub.regionalMemberships.reputationScore,
  accountCreatedAt: hub.users.createdAt,
};

export type MemberFacts = VoterFacts & { reputationScore: number };

function toFacts(r: { playerId: string; membershipType: string; votingPower: number; reputationScore: number; accountCreatedAt: Date }): MemberFacts {
  return { ...r, membershipType: r.membershipType as MembershipType };
}

/** Facts of every member of the region. */
export async function loadRegionFacts(db: HubDb | HubTx, regionId: string): Promise<MemberFacts[]> {
  const m = hub.regionalMemberships;
  const rows = await db
    .select(factColumns)
    .from(m)
    .innerJoin(hub.players, eq(hub.players.id, m.playerId))
    .innerJoin(hub.users, eq(hub.users.id, hub.players.userId))
    .where(eq(m.regionId, regionId));
  return rows.map(toFacts);
}

/** Size of the region's eligible roll at `now`. */
export async function eligibleRollSize(db: HubDb | HubTx, regionId: string, now: Date): Promise<number> {
  return eligibleRoll(await loadRegionFacts(db, regionId), now).length;
}

/** One player's facts in the region; membershipType null without a membership (the account date is still read). */
export async function loadVoterFacts(db: HubDb | HubTx, regionId: string, playerId: string): Promise<MemberFacts | null> {
  const [acc] = await db
    .select({ createdAt: hub.users.createdAt })
    .from(hub.players)
    .innerJoin(hub.users, eq(hub.users.id, hub.players.userId))
    .where(eq(hub.players.id, playerId))
    .limit(1);
  if (!acc) return null;
  const m = hub.regionalMemberships;
  const [row] = await db
    .select({ membershipType: m.membershipType, votingPower: m.votingPower, reputationScore: m.reputationScore })
    .from(m)
    .where(and(eq(m.playerId, playerId), eq(m.regionId, regionId)))
    .limit(1);
  return row
    ? toFacts({ playerId, ...row, accountCreatedAt: acc.createdAt })
    : { playerId, membershipType: null, votingPower: 0, reputationScore: 0, accountCreatedAt: acc.createdAt };
}
