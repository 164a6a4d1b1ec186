import { MAX_REGIONS_PER_OWNER } from './region-limits.ts';
import type { RegionDesiredState, RegionRuntimeState, RegionStatus } from './vocabulary.ts';

/**
 * The ONE rule for claiming a region name for an owner: is the name taken, and would the owner exceed the
 * 5-region limit? Used by admin provisioning, by the subscription create command, by the name-availability
 * check and again when a paid subscription is activated (the webhook path). Callers load the candidate rows
 * with one query (orchestrator/src/store/region-claims.ts) and ask this function; nothing re-implements it.
 *
 * - A region row keeps its name for ever (archived regions included: names are not recycled).
 * - A region counts toward its owner's limit unless it is terminated or being terminated.
 * - A regional_owner subscription whose region does not exist yet holds its name and a place in the
 *   limit while it is paid for (APPROVED / ACTIVE), unless its activation was refused. A checkout still
 *   waiting for the buyer's approval holds the name only against OTHER buyers and only for 3 hours
 *   (PayPal approval links expire, so an abandoned checkout does not squat a name).
 */
export const PENDING_CHECKOUT_HOLDS_NAME_MS = 3 * 3_600_000;
/** PayPal statuses of a not-yet-activated subscription that hold a name and a place in the owner limit. */
export const PAID_CLAIM_STATUSES: readonly string[] = ['APPROVED', 'ACTIVE'];

export interface ClaimRegionRow {
  id: string;
  /** Lower-case slug. */
  name: string;
  ownerId: string | null;
  desiredState: RegionDesiredState;
  status: RegionStatus;
  runtimeState: RegionRuntimeState;
}

export interface ClaimSubscriptionRow {
  id: string;
  /** Lower-case slug the subscription is for. */
  regionName: string | null;
  playerId: string;
  status: string;
  createdAt: Date;
  /** True when its region was created already (then the region row speaks for it). */
  hasRegion: boolean;
  /** True when its activation was refused (it holds nothing any more). */
  refused: boolean;
}

export interface RegionClaimInput {
  /** Lower-case slug (validateRegionName's output). */
  name: string;
  /** The future owner; null for an ownerless admin region (no limit applies). */
  ownerId: string | null;
  regions: readonly ClaimRegionRow[];
  subscriptions: readonly ClaimSubscriptionRow[];
  /** The subscription being activated: it does not block itself. */
  ownSubscriptionId?: string | null;
  /** Only the name matters (availability check). */
  ignoreLimit?: boolean;
  now: Date;
}

export type RegionClaimProblem = { kind: 'name_taken'; name: string } | { kind: 'limit_reached'; owned: number; limit: number };

/** True when a region counts toward its owner's 5 regions. */
export function regionCountsTowardLimit(r: Pick<ClaimRegionRow, 'desiredState' | 'status' | 'runtimeState'>): boolean {
  return r.desiredState !== 'terminated' && r.status !== 'terminated' && r.runtimeState !== 'archived' && r.runtimeState !== 'terminated';
}

/** True when a not-yet-activated subscription holds its name against `buyerId`. */
export function subscriptionHoldsName(s: ClaimSubscriptionRow, buyerId: string | null, now: Date): boolean {
  if (s.hasRegion || s.refused) return false;
  if (PAID_CLAIM_STATUSES.includes(s.status)) return true;
  return s.status === 'APPROVAL_PENDING' && s.playerId !== buyerId && now.getTime() - s.createdAt.getTime() < PENDING_CHECKOUT_HOLDS_NAME_MS;
}

/** True when a not-yet-activated subscription takes a place in its buyer's limit. */
export function subscriptionCountsTowardLimit(s: ClaimSubscriptionRow): boolean {
  return !s.hasRegion && !s.refused && PAID_CLAIM_STATUSES.includes(s.status);
}

/** The first problem with claiming `name` for `ownerId`, or null when the claim is fine. */
export function regionClaimProblem(i: RegionClaimInput): RegionClaimProblem | null {
  const others = i.subscriptions.filter((s) => s.id !== i.ownSubscriptionId);
  if (i.regions.some((r) => r.name === i.name)) return { kind: 'name_taken', name: i.name };
  if (others.some((s) => s.regionName === i.name && subscriptionHoldsName(s, i.ownerId, i.now))) return { kind: 'name_taken', name: i.name };
  if (i.ignoreLimit || !i.ownerId) return null;
  const owned =
    i.regions.filter((r) => r.ownerId === i.ownerId && regionCountsTowardLimit(r)).length +
    others.filter((s) => s.playerId === i.ownerId && subscriptionCountsTowardLimit(s)).length;
  return owned >= MAX_REGIONS_PER_OWNER ? { kind: 'limit_reached', owned, limit: MAX_REGIONS_PER_OWNER } : null;
}
