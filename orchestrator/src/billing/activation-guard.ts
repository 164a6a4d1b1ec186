/**
 * The checks a subscription passes at ACTIVATION (the first irreversible effect: creating the region or
 * granting citizenship), inside the webhook / reconciliation transaction: PayPal's plan_id must be the
 * configured plan the subscription claims, and for a region the stored name must still be valid and
 * free, and the owner still below the 5-region limit (the one rule, store/region-claims.ts). A refusal
 * writes no region, records its reason on the subscription and requests the PayPal cancellation
 * (subscription-cancellations.ts); docs/decisions/billing-refusals-and-cancellations.md.
 */
import type postgres from 'postgres';
import { activationRefusal, validateRegionName, type ActivationRefusalReason, type BillingPlan } from '@sw/domain';
import type { PayPalSubscription } from '@sw/paypal';
import { findRegionClaimProblem } from '../store/region-claims.ts';
import { requestSubscriptionCancellation } from './subscription-cancellations.ts';

export interface ActivationSubject {
  id: string;
  plan: BillingPlan;
  player_id: string;
  region_name: string | null;
}

/** The reason to refuse this activation, or null (region creation / citizenship may go ahead). */
export async function activationProblem(
  tx: postgres.TransactionSql,
  row: ActivationSubject,
  truth: PayPalSubscription,
  planIds: Readonly<Record<BillingPlan, string>>,
  now: Date,
): Promise<ActivationRefusalReason | null> {
  if (row.plan !== 'regional_owner') {
    return activationRefusal({ paypalPlanId: truth.plan_id, expectedPlanId: planIds[row.plan], nameValid: true, claimProblem: null });
  }
  const name = validateRegionName(row.region_name);
  const nameValid = name.ok && name.slug === row.region_name;
  const claimProblem = nameValid ? await findRegionClaimProblem(tx, { name: name.slug, ownerId: row.player_id, ownSubscriptionId: row.id, lock: true, now }) : null;
  return activationRefusal({ paypalPlanId: truth.plan_id, expectedPlanId: planIds.regional_owner, nameValid, claimProblem });
}

/** Records a refused activation on the subscription and requests its cancellation at PayPal. */
export async function refuseActivation(tx: postgres.TransactionSql, row: ActivationSubject, truth: PayPalSubscription, reason: ActivationRefusalReason, now: Date): Promise<string[]> {
  await tx`
    UPDATE billing_subscriptions SET activation_refused_reason = ${reason}, activation_refused_at = ${now.toISOString()}::timestamptz, updated_at = now()
    WHERE id = ${row.id} AND activation_refused_reason IS NULL`;
  await requestSubscriptionCancellation(tx, { paypalSubscriptionId: truth.id, regionId: null, reason: 'activation_refused' });
  return [`activation_refused:${reason}`, 'cancellation_requested'];
}
