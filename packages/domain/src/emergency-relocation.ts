import { canUseEmergencyRelocation, GC_LAPSE_MS, type CitizenshipState } from './subscription-lifecycle.ts';
import type { MembershipType } from './vocabulary.ts';

/**
 * The Galactic Citizen emergency relocation (when a Galactic Citizenship lapses): during the
 * 7-day lapse after a GC cancellation the player may, once, move to a region outside their home region
 * where they hold something. Pure decisions; the orchestrator's billing command applies them under a
 * lock on the player row.
 */

/** Why the relocation is not available to this player right now (null = available). */
export type EmergencyRelocationBlocker = 'not_galactic_citizen' | 'window_closed' | 'already_used';

/**
 * Explains a `canUseEmergencyRelocation` refusal (that function stays the one gate: when it says yes,
 * this returns null). A lapse that is over reports `window_closed` even after the sweep has already
 * cleared is_galactic_citizen (the sweep keeps gc_lapsed_at); a used relocation reports `already_used`.
 */
export function emergencyRelocationBlocker(
  s: Pick<CitizenshipState, 'isGalacticCitizen' | 'gcLapsedAt' | 'gcRelocationUsedAt'>,
  now: Date,
): EmergencyRelocationBlocker | null {
  if (canUseEmergencyRelocation(s, now)) return null;
  if (s.gcLapsedAt === null) return 'not_galactic_citizen';
  if (s.gcRelocationUsedAt !== null) return 'already_used';
  if (now.getTime() - s.gcLapsedAt.getTime() >= GC_LAPSE_MS) return 'window_closed';
  return 'not_galactic_citizen'; // lapse running but citizenship revoked (3 failed payments)
}

/** Membership types that count as a holding in a region (a visitor holds nothing). */
export const RELOCATION_HOLDING_MEMBERSHIPS: readonly MembershipType[] = ['citizen', 'resident'];

/** What the target check needs to know about the region and the player's standing there. */
export interface RelocationTarget {
  regionId: string;
  regionType: string;
  ownerId: string | null;
  status: string;
  runtimeState: string;
  desiredState: string;
  /** The player's membership type in the region, or null without one. */
  membershipType: string | null;
}

export type RelocationTargetProblem = 'home_region' | 'no_holding' | 'not_ready';

/**
 * Whether `target` is a valid destination for `player`: outside their home region, a holding there
 * (they own the player-owned region, or are a citizen / resident of it) and the region serving players
 * (status active, runtime ready, meant to run — never a terminated or terminating one).
 */
export function relocationTargetProblem(player: { id: string; homeRegionId: string | null }, target: RelocationTarget): RelocationTargetProblem | null {
  if (player.homeRegionId !== null && target.regionId === player.homeRegionId) return 'home_region';
  const owns = target.regionType === 'player_owned' && target.ownerId === player.id;
  const member = target.membershipType !== null && (RELOCATION_HOLDING_MEMBERSHIPS as readonly string[]).includes(target.membershipType);
  if (!owns && !member) return 'no_holding';
  if (target.status !== 'active' || target.runtimeState !== 'ready' || target.desiredState !== 'running') return 'not_ready';
  return null;
}
