import { PAYMENT_FAILURE_THRESHOLD } from './billing-plans.ts';
import { statusWhenBillingLiftsHold } from './region-status-for-runtime.ts';
import type { BillingSubscriptionStatus, RegionRuntimeState, RegionStatus } from './vocabulary.ts';

/**
 * Subscription → region / citizenship lifecycle (docs/rules/region-status.md; docs/rules/original-defects.md #4 and #5).
 * Pure decisions: the webhook processor and the billing sweep call these and write what they return.
 *
 * Region: 3 consecutive failed payments, CANCELLED, SUSPENDED or EXPIRED → `suspended` with
 * `suspended_at` stamped (kept if already set); `grace` at suspended_at + 7 d; `terminated` at
 * suspended_at + 30 d (counted from the FIRST suspension; entering grace does not reset it); a
 * successful payment or re-activation restores. `terminated` is final.
 * Galactic Citizen: granted on activation; a cancellation starts a 7-day lapse (citizenship kept, one
 * emergency relocation allowed), after which the sweep clears it; 3 failed payments revoke at once.
 */
export const DAY_MS = 86_400_000;
export const GRACE_AFTER_MS = 7 * DAY_MS;
export const TERMINATE_AFTER_MS = 30 * DAY_MS;
export const HARD_DELETE_AFTER_MS = 7 * DAY_MS;
export const GC_LAPSE_MS = 7 * DAY_MS;

/** What happened to a subscription, after the processor has re-read it from PayPal. */
export type BillingSignal =
  | { kind: 'activated' }
  | { kind: 'payment_completed' }
  /** `failedPaymentsCount` = PayPal's consecutive count (billing_info.failed_payments_count) when known. */
  | { kind: 'payment_failed'; failedPaymentsCount?: number | null }
  | { kind: 'suspended' }
  | { kind: 'cancelled' }
  | { kind: 'expired' };

/** The signal implied by a PayPal subscription status (the source of truth after a re-read). */
export function signalForPayPalStatus(status: string | null | undefined): BillingSignal | null {
  switch (status) {
    case 'ACTIVE':
      return { kind: 'activated' };
    case 'SUSPENDED':
      return { kind: 'suspended' };
    case 'CANCELLED':
      return { kind: 'cancelled' };
    case 'EXPIRED':
      return { kind: 'expired' };
    default:
      return null; // APPROVAL_PENDING / APPROVED: nothing to do yet
  }
}

export interface RegionBillingState {
  status: RegionStatus;
  paymentFailureCount: number;
  suspendedAt: Date | null;
  /** The runtime state, read under the same row lock: a restore takes the status it implies (statusWhenBillingLiftsHold). */
  runtimeState: RegionRuntimeState;
}

export interface RegionBillingDecision {
  status: RegionStatus;
  paymentFailureCount: number;
  suspendedAt: Date | null;
  /** New regions.subscription_status, or null to keep the stored one. */
  subscriptionStatus: BillingSubscriptionStatus | null;
  changed: boolean;
  reason: 'terminal' | 'restored' | 'suspended' | 'already_suspended' | 'payment_failure_counted' | 'active' | 'payment_recorded';
}

const SUSPENDED_STATES: readonly RegionStatus[] = ['suspended', 'grace'];

function suspend(s: RegionBillingState, now: Date, subscriptionStatus: BillingSubscriptionStatus, count: number): RegionBillingDecision {
  if (SUSPENDED_STATES.includes(s.status)) {
    // Keep the FIRST suspension stamp; stamp it now if an older row lacks one (docs/rules/original-defects.md #4).
    const suspendedAt = s.suspendedAt ?? now;
    return { status: s.status, paymentFailureCount: count, suspendedAt, subscriptionStatus, changed: s.suspendedAt === null || count !== s.paymentFailureCount, reason: 'already_suspended' };
  }
  return { status: 'suspended', paymentFailureCount: count, suspendedAt: s.suspendedAt ?? now, subscriptionStatus, changed: true, reason: 'suspended' };
}

/** Decides the region's billing state after a signal. Never leaves `terminated`. */
export function decideRegionBilling(s: RegionBillingState, signal: BillingSignal, now: Date): RegionBillingDecision {
  if (s.status === 'terminated') {
    return { status: s.status, paymentFailureCount: s.paymentFailureCount, suspendedAt: s.suspendedAt, subscriptionStatus: null, changed: false, reason: 'terminal' };
  }
  switch (signal.kind) {
    case 'activated':
    case 'payment_completed': {
      if (SUSPENDED_STATES.includes(s.status)) {
        return { status: statusWhenBillingLiftsHold(s.runtimeState), paymentFailureCount: 0, suspendedAt: null, subscriptionStatus: 'ACTIVE', changed: true, reason: 'restored' };
      }
      return { status: s.status, paymentFailureCount: 0, suspendedAt: s.suspendedAt, subscriptionStatus: 'ACTIVE', changed: s.paymentFailureCount !== 0, reason: signal.kind === 'activated' ? 'active' : 'payment_recorded' };
    }
    case 'payment_failed': {
      const count = Math.max(0, signal.failedPaymentsCount ?? s.paymentFailureCount + 1);
      if (count >= PAYMENT_FAILURE_THRESHOLD) return suspend(s, now, 'SUSPENDED', count);
      return { status: s.status, paymentFailureCount: count, suspendedAt: s.suspendedAt, subscriptionStatus: null, changed: count !== s.paymentFailureCount, reason: 'payment_failure_counted' };
    }
    case 'suspended':
      return suspend(s, now, 'SUSPENDED', s.paymentFailureCount);
    case 'cancelled':
      return suspend(s, now, 'CANCELLED', s.paymentFailureCount);
    case 'expired':
      return suspend(s, now, 'EXPIRED', s.paymentFailureCount);
  }
}

export type LifecycleTimerDecision =
  | { kind: 'none' }
  /** A suspended row without suspended_at (rows written before original-defects #4 was fixed): stamp it so the clock starts. */
  | { kind: 'stamp'; suspendedAt: Date }
  | { kind: 'grace' }
  | { kind: 'terminate'; terminatedAt: Date; scheduledHardDeleteAt: Date };

/** The daily/hourly sweep's decision for one region: grace at +7 d, terminated at +30 d from the first suspension. */
export function decideLifecycleTimer(s: { status: RegionStatus; suspendedAt: Date | null }, now: Date): LifecycleTimerDecision {
  if (!SUSPENDED_STATES.includes(s.status)) return { kind: 'none' };
  if (s.suspendedAt === null) return { kind: 'stamp', suspendedAt: now };
  const age = now.getTime() - s.suspendedAt.getTime();
  if (age >= TERMINATE_AFTER_MS) {
    return { kind: 'terminate', terminatedAt: now, scheduledHardDeleteAt: new Date(now.getTime() + HARD_DELETE_AFTER_MS) };
  }
  if (s.status === 'suspended' && age >= GRACE_AFTER_MS) return { kind: 'grace' };
  return { kind: 'none' };
}

export interface CitizenshipState {
  isGalacticCitizen: boolean;
  gcLapsedAt: Date | null;
  gcRelocationUsedAt: Date | null;
  paymentFailureCount: number;
}

export interface CitizenshipDecision extends CitizenshipState {
  subscriptionStatus: BillingSubscriptionStatus | null;
  changed: boolean;
}

function citizenship(s: CitizenshipState, next: Partial<CitizenshipState>, subscriptionStatus: BillingSubscriptionStatus | null): CitizenshipDecision {
  const n = { ...s, ...next };
  const changed =
    n.isGalacticCitizen !== s.isGalacticCitizen ||
    n.gcLapsedAt?.getTime() !== s.gcLapsedAt?.getTime() ||
    n.gcRelocationUsedAt?.getTime() !== s.gcRelocationUsedAt?.getTime() ||
    n.paymentFailureCount !== s.paymentFailureCount;
  return { ...n, subscriptionStatus, changed };
}

/** Decides a player's Galactic Citizenship after a GC subscription signal. */
export function decideCitizenship(s: CitizenshipState, signal: BillingSignal, now: Date): CitizenshipDecision {
  switch (signal.kind) {
    case 'activated':
      // (Re-)subscribing clears the lapse and restores the emergency relocation.
      return citizenship(s, { isGalacticCitizen: true, gcLapsedAt: null, gcRelocationUsedAt: null, paymentFailureCount: 0 }, 'ACTIVE');
    case 'payment_completed':
      return citizenship(s, { isGalacticCitizen: true, gcLapsedAt: null, paymentFailureCount: 0 }, 'ACTIVE');
    case 'payment_failed': {
      const count = Math.max(0, signal.failedPaymentsCount ?? s.paymentFailureCount + 1);
      if (count >= PAYMENT_FAILURE_THRESHOLD) return citizenship(s, { isGalacticCitizen: false, paymentFailureCount: count }, 'SUSPENDED');
      return citizenship(s, { paymentFailureCount: count }, null);
    }
    case 'cancelled':
    case 'expired':
      // Citizenship is kept for the 7-day lapse; start it once.
      return citizenship(s, s.isGalacticCitizen && s.gcLapsedAt === null ? { gcLapsedAt: now } : {}, signal.kind === 'cancelled' ? 'CANCELLED' : 'EXPIRED');
    case 'suspended':
      return citizenship(s, {}, 'SUSPENDED');
  }
}

/** True when the sweep must end a lapsed citizenship (lapse started 7+ days ago). */
export function isCitizenshipLapseOver(s: Pick<CitizenshipState, 'isGalacticCitizen' | 'gcLapsedAt'>, now: Date): boolean {
  return s.isGalacticCitizen && s.gcLapsedAt !== null && now.getTime() - s.gcLapsedAt.getTime() >= GC_LAPSE_MS;
}

/** The one emergency relocation: only during a running lapse, and only once. */
export function canUseEmergencyRelocation(s: Pick<CitizenshipState, 'isGalacticCitizen' | 'gcLapsedAt' | 'gcRelocationUsedAt'>, now: Date): boolean {
  return s.isGalacticCitizen && s.gcLapsedAt !== null && s.gcRelocationUsedAt === null && now.getTime() - s.gcLapsedAt.getTime() < GC_LAPSE_MS;
}
