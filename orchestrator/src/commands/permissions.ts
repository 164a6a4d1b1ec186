/**
 * Who may act on a region's runtime: admins holding the fleet:manage scope always; the region's owner (regions.owner_id =
 * claims.playerId, read from the region touched — never from client input) for scale, terminate
 * (with notice), cancel and wake / resurrect; provisioning, immediate termination and hibernate are admin-only.
 */
import { hasScope, type Claims } from '@sw/auth';
import type { RegionRow } from '../store/region-row.ts';
import type { CommandFailure } from './outcome.ts';

export type RuntimeAction = 'provision' | 'view' | 'scale' | 'terminate' | 'terminate_immediately' | 'cancel_termination' | 'fleet' | 'hibernate' | 'wake';

/**
 * True when the actor acts on regions as an admin (the fleet:manage scope), not as their owner. The admin role alone
 * grants nothing here: an admin without the scope who owns a region is an owner like any other (billing holds apply,
 * a termination they start is an owner's).
 */
export function actsAsFleetAdmin(actor: Claims | null): boolean {
  return hasScope(actor, 'fleet:manage');
}

/** null = allowed, else the failure to return. */
export function checkPermission(actor: Claims | null, action: RuntimeAction, region?: Pick<RegionRow, 'ownerId'>): CommandFailure | null {
  if (!actor) return { kind: 'unauthenticated' };
  // Admins act on any region with the fleet:manage scope; an admin without it is treated like any player.
  if (actsAsFleetAdmin(actor)) return null;
  switch (action) {
    case 'provision':
    case 'terminate_immediately':
    case 'fleet':
    case 'hibernate':
      return { kind: 'admin_required' };
    case 'wake':
    case 'view':
    case 'scale':
    case 'terminate':
    case 'cancel_termination':
      return region && actor.playerId && region.ownerId === actor.playerId ? null : { kind: 'not_owner' };
  }
}
