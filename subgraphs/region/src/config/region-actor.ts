import { and, eq, inArray, sql } from 'drizzle-orm';
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

/** The caller's facts in a batch of regions: membership type, voting power and council seat (two statements). */
export interface Standing {
  membershipType: string | null;
  votingPower: number;
  isCouncillor: boolean;
}

export async function standingsOf(db: HubDb, playerId: string, regionIds: readonly string[]): Promise<Map<string, Standing>> {
  const m = hub.regionalMemberships;
  const e = hub.regionalElections;
  const [members, seats] = await Promise.all([
    db.select({ regionId: m.regionId, type: m.membershipType, power: m.votingPower }).from(m).where(and(eq(m.playerId, playerId), inArray(m.regionId, [...regionIds]))),
    db
      .selectDistinct({ regionId: e.regionId })
      .from(e)
      .where(and(inArray(e.regionId, [...regionIds]), eq(e.position, 'council_member'), eq(e.status, 'completed'), eq(e.winnerId, playerId))),
  ]);
  const out = new Map<string, Standing>();
  const seated = new Set(seats.map((x) => x.regionId));
  for (const id of regionIds) out.set(id, { membershipType: null, votingPower: 0, isCouncillor: seated.has(id) });
  for (const row of members) out.set(row.regionId, { membershipType: row.type, votingPower: Number(row.power), isCouncillor: seated.has(row.regionId) });
  return out;
}

/** RegionActor from an already loaded standing (the per-request loader's answer). */
export function actorFromStanding(claims: Claims | null, region: RegionOffices, standing: Standing | null): { actor: RegionActor; membershipType: string | null } {
  const isVotingMember = standing !== null && ['citizen', 'resident'].includes(standing.membershipType ?? '') && standing.votingPower > 0;
  return { actor: regionActorOf(claims, region, { isCouncillor: standing?.isCouncillor ?? false, isVotingMember }), membershipType: standing?.membershipType ?? null };
}
