import type { RegionClaimProblem } from './region-claim.ts';

/**
 * Activation of a paid regional_owner subscription (the step that creates the region) is refused when the
 * subscription is not what it claims to be or its region can no longer be granted. A refused activation
 * creates nothing, is recorded on the subscription (reason + time) and asks PayPal to cancel the
 * subscription (billing_cancellations); see docs/decisions/billing-refusals-and-cancellations.md.
 */
export const ACTIVATION_REFUSAL_REASONS = ['plan_mismatch', 'name_invalid', 'name_taken', 'limit_reached'] as const;
export type ActivationRefusalReason = (typeof ACTIVATION_REFUSAL_REASONS)[number];

/** Why we ask PayPal to cancel a subscription (billing_cancellations.reason). */
export const BILLING_CANCELLATION_REASONS = ['region_terminated', 'activation_refused'] as const;
export type BillingCancellationReason = (typeof BILLING_CANCELLATION_REASONS)[number];

/** How a cancellation request ended: PayPal cancelled it, it was not active any more, or PayPal did not know it. */
export const BILLING_CANCELLATION_OUTCOMES = ['cancelled', 'already_inactive', 'unknown_at_paypal'] as const;
export type BillingCancellationOutcome = (typeof BILLING_CANCELLATION_OUTCOMES)[number];

export interface ActivationCheckInput {
  /** plan_id PayPal reports for the subscription. */
  paypalPlanId: string | null | undefined;
  /** Our configured PayPal plan id of the plan the subscription claims. */
  expectedPlanId: string;
  /** The stored region name passed the one validator and is unchanged by it. */
  nameValid: boolean;
  /** regionClaimProblem() for this owner and name, excluding the subscription itself. */
  claimProblem: RegionClaimProblem | null;
}

/** The first reason to refuse an activation, or null when the region may be created. */
export function activationRefusal(i: ActivationCheckInput): ActivationRefusalReason | null {
  if (i.paypalPlanId !== i.expectedPlanId) return 'plan_mismatch';
  if (!i.nameValid) return 'name_invalid';
  if (i.claimProblem) return i.claimProblem.kind;
  return null;
}

/** Delay before retry `attempt` (1-based) of a failed cancellation call: 1 min, doubling, at most 6 h. */
export function cancellationRetryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 6 * 3_600_000);
}
