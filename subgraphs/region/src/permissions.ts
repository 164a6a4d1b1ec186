import { isAdmin, type Claims, type OperationRules } from '@sw/auth';
import { settingChangeRoute, type ChangeRoute, type GovernanceType, type RegionActor, type SettingGroup } from '@sw/domain';

/**
 * Who may do what in the Region subgraph. Each answer is a named predicate; resolvers (and the web UI, to show or
 * hide controls) ask these instead of comparing ids inline. Ownership compares the region's owner_id (a players.id,
 * docs/rules/original-defects.md #29) with the caller's claims.playerId; anything unmatched is denied. Who may change which setting is
 * the governance decision table's answer (packages/domain/src/governance-authority.ts), never decided here.
 */

/** The subject of an ownership check: any object that carries its region's owner id. */
export interface OwnedRegion {
  ownerId: string | null;
}

/** A region with its officers, as the actor derivation needs it. */
export interface RegionOffices extends OwnedRegion {
  governorId: string | null;
}

/** True when the signed-in player owns the region (never true for platform regions or anonymous callers). */
export function isRegionOwner(claims: Claims | null, region: OwnedRegion): boolean {
  return claims?.playerId != null && region.ownerId !== null && region.ownerId === claims.playerId;
}

/** Owner-only region details (runtime internals, member management): the owner or an admin. */
export function canManageRegion(claims: Claims | null, region: OwnedRegion): boolean {
  return isRegionOwner(claims, region) || isAdmin(claims);
}

/** `me`: any authenticated caller. */
export function canViewSelf(claims: Claims | null): claims is Claims {
  return claims !== null;
}

/** The caller's standing in a region (derived from the region touched; membership facts come from the database). */
export function regionActorOf(
  claims: Claims | null,
  region: RegionOffices,
  facts: { isCouncillor: boolean; isVotingMember: boolean },
): RegionActor {
  const playerId = claims?.playerId ?? null;
  return {
    isAdmin: isAdmin(claims),
    isOwner: isRegionOwner(claims, region),
    isGovernor: playerId !== null && region.governorId === playerId,
    isCouncillor: playerId !== null && facts.isCouncillor,
    isVotingMember: playerId !== null && facts.isVotingMember,
  };
}

/** How the caller may change a group of settings (decree / owner / admin directly, a policy, or not at all). */
export function settingChangeFor(type: GovernanceType, group: SettingGroup, actor: RegionActor): ChangeRoute {
  return settingChangeRoute(type, group, actor);
}

/** Regional stats (treasury included): the region's officers and admins. */
export function canViewRegionStats(actor: RegionActor): boolean {
  return actor.isAdmin || actor.isOwner || actor.isGovernor || actor.isCouncillor;
}

/** Entry requests of a region (approval policy): its owner, its governor, or an admin. */
export function canDecideEntry(actor: RegionActor): boolean {
  return actor.isAdmin || actor.isOwner || actor.isGovernor;
}

/** A region's travel feed: its officers, admins, and anyone holding a membership there (visitors included). */
export function canWatchTravelFeed(actor: RegionActor, membershipType: string | null): boolean {
  return actor.isAdmin || actor.isOwner || actor.isGovernor || actor.isCouncillor || membershipType !== null;
}

/** A journey: its traveller, the officers of its origin or destination, or an admin. */
export function canViewJourney(claims: Claims | null, travellerId: string, officerOf: { origin: RegionActor; destination: RegionActor }): boolean {
  if (claims === null) return false;
  if (claims.playerId !== null && claims.playerId === travellerId) return true;
  return canDecideEntry(officerOf.origin) || canDecideEntry(officerOf.destination);
}

const SIGNED_IN = ['player', 'visitor', 'resident', 'citizen', 'councillor', 'governor', 'owner', 'admin'] as const;
const MEMBERS_AND_OFFICERS = ['visitor', 'resident', 'citizen', 'councillor', 'governor', 'owner', 'admin'] as const;
/** Who may call a config mutation at all; the governance type then decides decree vs policy (ERR_POLICY_REQUIRED). */
const SETTING_EDITORS = ['governor', 'owner', 'admin'] as const;

/**
 * The permission grid rules of every Mutation and Subscription field this subgraph owns, and of the Query fields that
 * expose private data (contract: packages/auth/src/operation-rules.ts). A role not listed is refused with a stable
 * code. Config mutations list the roles that may change settings in SOME governance type; in a democracy or council
 * republic they still answer ERR_POLICY_REQUIRED (the route table decides).
 */
export const OPERATION_RULES: OperationRules = {
  'Mutation.updateRegionEconomy': SETTING_EDITORS,
  'Mutation.updateRegionGovernance': SETTING_EDITORS,
  'Mutation.updateRegionImmigration': SETTING_EDITORS,
  'Mutation.setRegionTariff': SETTING_EDITORS,
  'Mutation.updateRegionCulture': SETTING_EDITORS,
  'Mutation.startTravel': SIGNED_IN,
  'Mutation.cancelTravel': SIGNED_IN,
  'Mutation.decideEntryRequest': ['governor', 'owner', 'admin'],
  'Subscription.travelFeed': MEMBERS_AND_OFFICERS,
  'Subscription.myJourney': SIGNED_IN,
  'Query.me': SIGNED_IN,
  'Query.regionStats': ['councillor', 'governor', 'owner', 'admin'],
  'Query.myJourney': SIGNED_IN,
  'Query.journey': SIGNED_IN,
  'Query.entryRequests': ['governor', 'owner', 'admin'],
  'Query.travelFeedHistory': MEMBERS_AND_OFFICERS,
  // Private player fields are read on the fixture region's owner: "owner" there stands for "the player themself".
  'Player.credits': ['owner', 'admin'],
  'Player.memberships': ['owner', 'admin'],
  'Query.auditLog': ['admin'],
};

/** A player as the privacy rule needs it. */
export interface PlayerSubject {
  id: string;
}

/** Private player fields (credits, memberships): the player themself or an admin; anyone else sees null. */
export function canViewPlayerPrivate(claims: Claims | null, player: PlayerSubject): boolean {
  return (claims?.playerId != null && claims.playerId === player.id) || isAdmin(claims);
}
