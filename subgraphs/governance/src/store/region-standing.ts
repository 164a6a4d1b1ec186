import { and, eq } from 'drizzle-orm';
import { isAdmin, type Claims } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';
import { hasGovernorOffice, type GovernanceType, type MembershipType, type RegionActor } from '@sw/domain';
import type { HubTx } from '../deps.ts';

/** The region columns governance rules read. */
export type GovernedRegion = Pick<
  typeof hub.regions.$inferSelect,
  | 'id' | 'name' | 'ownerId' | 'status' | 'votingThreshold' | 'governanceQuorumPct' | 'electionFrequencyDays'
  | 'councilSeats' | 'governorId' | 'ambassadorId' | 'treasuryBalance' | 'tradeBonuses' | 'taxRate' | 'governanceTypeSince'
> & { governanceType: GovernanceType };

export const governedRegionColumns = {
  id: hub.regions.id,
  name: hub.regions.name,
  ownerId: hub.regions.ownerId,
  status: hub.regions.status,
  governanceType: hub.regions.governanceType,
  votingThreshold: hub.regions.votingThreshold,
  governanceQuorumPct: hub.regions.governanceQuorumPct,
  electionFrequencyDays: hub.regions.electionFrequencyDays,
  councilSeats: hub.regions.councilSeats,
  governorId: hub.regions.governorId,
  ambassadorId: hub.regions.ambassadorId,
  treasuryBalance: hub.regions.treasuryBalance,
  tradeBonuses: hub.regions.tradeBonuses,
  taxRate: hub.regions.taxRate,
  governanceTypeSince: hub.regions.governanceTypeSince,
};

export interface MemberStanding {
  membershipType: MembershipType;
  votingPower: number;
  reputationScore: number;
}

/** The caller's standing in one region: the decision table's actor, derived from the region touched. */
export interface RegionStanding {
  region: GovernedRegion;
  playerId: string | null;
  membership: MemberStanding | null;
  actor: RegionActor;
}

/** Loads a region (optionally locking it FOR UPDATE inside a transaction); undefined when it does not exist. */
export async function loadGovernedRegion(db: HubDb | HubTx, regionId: string, lock = false): Promise<GovernedRegion | undefined> {
  const q = db.select(governedRegionColumns).from(hub.regions).where(eq(hub.regions.id, regionId)).limit(1);
  const rows = lock ? await q.for('update') : await q;
  return rows[0] as GovernedRegion | undefined;
}

/** The caller's standing in the region, or null when the region does not exist. */
export async function loadStanding(db: HubDb | HubTx, regionId: string, claims: Claims | null): Promise<RegionStanding | null> {
  const playerId = claims?.playerId ?? null;
  const region = await loadGovernedRegion(db, regionId);
  if (!region) return null;
  let membership: MemberStanding | null = null;
  let isCouncillor = false;
  if (playerId) {
    const m = hub.regionalMemberships;
    const [row] = await db
      .select({ membershipType: m.membershipType, votingPower: m.votingPower, reputationScore: m.reputationScore })
      .from(m)
      .where(and(eq(m.regionId, regionId), eq(m.playerId, playerId)))
      .limit(1);
    membership = row ? { ...row, membershipType: row.membershipType as MembershipType } : null;
    if (region.governanceType === 'council') {
      const s = hub.regionalCouncilSeats;
      const [seat] = await db.select({ id: s.id }).from(s).where(and(eq(s.regionId, regionId), eq(s.playerId, playerId))).limit(1);
      isCouncillor = seat !== undefined;
    }
  }
  return { region, playerId, membership, actor: actorOf(region, playerId, membership, isCouncillor, isAdmin(claims)) };
}

/** The decision-table actor. The governor office only counts where the governance type has one. */
export function actorOf(
  region: Pick<GovernedRegion, 'ownerId' | 'governorId' | 'governanceType'>,
  playerId: string | null,
  membership: MemberStanding | null,
  isCouncillor: boolean,
  admin: boolean,
): RegionActor {
  return {
    isAdmin: admin,
    isOwner: playerId !== null && region.ownerId === playerId,
    isGovernor: playerId !== null && region.governorId === playerId && hasGovernorOffice(region.governanceType),
    isCouncillor: isCouncillor && region.governanceType === 'council',
    isVotingMember:
      membership !== null && (membership.membershipType === 'citizen' || membership.membershipType === 'resident') && membership.votingPower > 0,
  };
}
