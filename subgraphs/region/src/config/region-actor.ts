import { and, eq, sql } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';
import type { RegionActor } from '@sw/domain';
import type { HubTx } from '@sw/region-config';
import { regionActorOf, type RegionOffices } from '../permissions.ts';

/** The caller's membership in a region (null without one) and whether it carries a vote. */
export async function membershipOf(db: HubDb | HubTx, regionId: string, playerId: string): Promise<{ membershipType: string; votingPower: number } | null> {
  const m = hub.regionalMemberships;
  const [row] = await db
    .select({ membershipType: m.membershipType, votingPower: m.votingPower })
    .from(m)
    .where(and(eq(m.regionId, regionId), eq(m.playerId, playerId)));
  return row ? { membershipType: row.membershipType, votingPower: Number(row.votingPower) } : null;
}

/**
 * True when the player holds a council seat: a winner of the region's latest completed council election. (The
 * governance subgraph owns elections; it records every seat winner on the election row.)
 */
export async function holdsCouncilSeat(db: HubDb | HubTx, regionId: string, playerId: string): Promise<boolean> {
  const e = hub.regionalElections;
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(e)
    .where(and(eq(e.regionId, regionId), eq(e.position, 'council_member'), eq(e.status, 'completed'), eq(e.winnerId, playerId)))
    .limit(1);
  return rows.length > 0;
}

/** Derives the caller's RegionActor for a region from the claims and the database (never from request input). */
export async function loadRegionActor(db: HubDb | HubTx, claims: Claims | null, region: RegionOffices & { id: string }): Promise<{ actor: RegionActor; membershipType: string | null }> {
  const playerId = claims?.playerId ?? null;
  if (playerId === null) return { actor: regionActorOf(claims, region, { isCouncillor: false, isVotingMember: false }), membershipType: null };
  const [membership, councillor] = await Promise.all([membershipOf(db, region.id, playerId), holdsCouncilSeat(db, region.id, playerId)]);
  const isVotingMember = membership !== null && ['citizen', 'resident'].includes(membership.membershipType) && membership.votingPower > 0;
  return { actor: regionActorOf(claims, region, { isCouncillor: councillor, isVotingMember }), membershipType: membership?.membershipType ?? null };
}
