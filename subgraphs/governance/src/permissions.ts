import { isAdmin, type Claims, type OperationRules } from '@sw/auth';

/**
 * Who may read what in the Governance subgraph. Ownership compares the touched region's owner_id (a
 * players.id, domain fix #29) with claims.playerId; each answer is a named predicate and anything
 * unmatched is denied. Public read paths (policies, elections, treaties) need no predicate.
 */

/** The subject of an ownership check: the region an object belongs to. */
export interface OwnedRegion {
  ownerId: string | null;
}

/** True when the signed-in player owns the region. */
export function isRegionOwner(claims: Claims | null, region: OwnedRegion): boolean {
  return claims?.playerId != null && region.ownerId !== null && region.ownerId === claims.playerId;
}

/** The treasury ledger: the region owner or an admin. */
export function canViewTreasury(claims: Claims | null, region: OwnedRegion): boolean {
  return isRegionOwner(claims, region) || isAdmin(claims);
}

/** The region's invites (list): the region owner or an admin. Minting and revoking are the owner's alone. */
export function canListInvites(claims: Claims | null, region: OwnedRegion): boolean {
  return isRegionOwner(claims, region) || isAdmin(claims);
}

/**
 * Who may call each Mutation / Subscription field this subgraph owns, and each Query path exposing private data
 * (docs/decisions/permissions.md; the grid test calls every entry as every role).
 */
export const OPERATION_RULES: OperationRules = {
  'Region.treasuryLedger': ['owner', 'admin'],
  // invites (commands/mint-invite.ts, commands/revoke-invite.ts)
  'Mutation.mintInvite': ['owner'],
  'Mutation.revokeInvite': ['owner'],
  'Region.invites': ['owner', 'admin'],
};
