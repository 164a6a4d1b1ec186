/**
 * Who may act on a region's runtime: admins holding the fleet:manage scope always; the region's owner (regions.owner_id =
 * claims.playerId, read from the region touched — never from client input) for scale, terminate
 * (with notice) and cancel; provisioning and immediate termination are admin-only.
 */
import { hasScope, type Claims } from '@sw/auth';
import type { RegionRow } from '../store/region-row.ts';
import type { CommandFailure } from './outcome.ts';

export type RuntimeAction = 'provision' | 'view' | 'scale' | 'terminate' | 'terminate_immediately' | 'cancel_termination' | 'fleet';

/** null = allowed, else the failure to return. */
export function checkPermission(actor: Claims | null, action: RuntimeAction, region?: Pick<RegionRow, 'ownerId'>): CommandFailure | null {
  if (!actor) return { kind: 'unauthenticated' };
  // Admins act on any region with the fleet:manage scope; an admin without it is treated like any player.
  if (hasScope(actor, 'fleet:manage')) return null;
  switch (action) {
    case 'provision':
    case 'terminate_immediately':
    case 'fleet':
      return { kind: 'admin_required' };
    case 'view':
    case 'scale':
    case 'terminate':
    case 'cancel_termination':
      return region && actor.playerId && region.ownerId === actor.playerId ? null : { kind: 'not_owner' };
  }
}
