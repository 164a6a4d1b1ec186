import type { RegionRuntimeState, RegionStatus } from './vocabulary.ts';

/**
 * Billing holds on a region's status (docs/rules/region-status.md): `suspended` and `grace` are set by billing
 * (cancelled / suspended subscription, 3 failed payments) and only billing lifts them (a successful
 * payment or re-activation); `terminated` is final.
 */
export const BILLING_HELD_STATUSES: readonly RegionStatus[] = ['suspended', 'grace', 'terminated'];

/**
 * The one rule for `regions.status` when the runtime reaches `state` (the reconciler writes it with the
 * transition). Returns null to leave the stored status as it is.
 *
 * - ready → `active`, unless billing holds the region (suspended / grace / terminated): a region
 *   suspended while it was still provisioning stays suspended when it reaches ready; billing restores it.
 * - attachment_pending / generation_corrupt → that status, under the same billing hold.
 * - archived / terminated → `terminated` (the runtime is gone; always applies).
 */
export function regionStatusForRuntime(state: RegionRuntimeState, current: RegionStatus): RegionStatus | null {
  if (state === 'archived' || state === 'terminated') return 'terminated';
  if (BILLING_HELD_STATUSES.includes(current)) return null;
  switch (state) {
    case 'ready':
      return 'active';
    case 'generation_corrupt':
      return 'generation_corrupt';
    case 'attachment_pending':
      return 'attachment_pending';
    default:
      return null;
  }
}

/**
 * The status a region gets when billing LIFTS its hold (a payment or re-activation after a suspension), for its
 * current runtime `state`: the status the rule above gives a region nobody holds. Billing restores with this under
 * the region row lock, the reconciler applies regionStatusForRuntime under the same lock at every transition, so
 * whichever writes last, status and runtime agree: restore-then-ready and ready-then-restore both end `active`,
 * a region whose world is corrupt stays `generation_corrupt` either way. States the rule leaves alone (provisioning,
 * unhealthy, ...) restore to `pending`; the runtime's next transition (ready) makes it `active`.
 */
export function statusWhenBillingLiftsHold(state: RegionRuntimeState): RegionStatus {
  return regionStatusForRuntime(state, 'pending') ?? 'pending';
}
