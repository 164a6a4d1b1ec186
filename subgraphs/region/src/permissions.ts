import { isAdmin, type Claims } from '@sw/auth';

/**
 * Who may see what in the Region subgraph. Each answer is a named predicate; resolvers (and the web UI, to
 * show or hide controls) ask these instead of comparing ids inline. Ownership compares the region's
 * owner_id (a players.id, domain fix #29) with the caller's claims.playerId; anything unmatched is denied.
 */

/** The subject of an ownership check: any object that carries its region's owner id. */
export interface OwnedRegion {
  ownerId: string | null;
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

/** A player as the privacy rule needs it. */
export interface PlayerSubject {
  id: string;
}

/** Private player fields (credits, memberships): the player themself or an admin; anyone else sees null. */
export function canViewPlayerPrivate(claims: Claims | null, player: PlayerSubject): boolean {
  return (claims?.playerId != null && claims.playerId === player.id) || isAdmin(claims);
}
