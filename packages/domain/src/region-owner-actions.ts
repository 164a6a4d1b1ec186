import type { RegionStatus } from './vocabulary.ts';

/**
 * What a region's OWNER may do to it beyond the role check (admins are not limited by these rules):
 * - scale: not while billing holds the region (suspended, grace, terminated) — more resources for a region
 *   that is not being paid for is a billing decision, not the owner's;
 * - withdraw a termination: only one the owner started. A termination started by billing (unpaid
 *   subscription) or by an admin stands until an admin withdraws it.
 */
export const TERMINATION_ORIGINS = ['owner', 'admin', 'billing'] as const;
export type TerminationOrigin = (typeof TERMINATION_ORIGINS)[number];

/** Region statuses under which the owner may not change the region's scale. */
export const OWNER_SCALE_BLOCKED_STATUSES: readonly RegionStatus[] = ['suspended', 'grace', 'terminated'];

/** True when the owner (not an admin) may scale a region in `status`. */
export function ownerMayScale(status: RegionStatus): boolean {
  return !OWNER_SCALE_BLOCKED_STATUSES.includes(status);
}

/** True when the actor may withdraw a termination started by `origin` (null: origin unknown, admins only). */
export function mayCancelTermination(actor: { isAdmin: boolean }, origin: TerminationOrigin | null): boolean {
  return actor.isAdmin || origin === 'owner';
}
