/**
 * The operators' view of billing for the fleet page: how many subscriptions are active per plan, what they bring in
 * per month at list price (an estimate: it ignores failed payments and mid-month starts), and the newest
 * subscriptions. Read-only; the fleet resolver has already checked the caller is an admin holding billing:view.
 */
import { PLANS, type BillingPlan } from '@sw/domain';
import type postgres from 'postgres';
import { SUBSCRIPTION_COLUMNS, subscriptionViewOf, type BillingSubscriptionView, type SubscriptionRow } from './billing-commands.ts';

export interface FleetPlanRevenue {
  plan: BillingPlan;
  active: number;
  monthlyCents: number;
}

export interface FleetBilling {
  activeSubscriptions: number;
  estimatedMonthlyRevenueCents: number;
  currency: 'USD';
  plans: FleetPlanRevenue[];
  subscriptions: BillingSubscriptionView[];
}

/** Monthly list-price revenue of the given active counts; every plan of the table appears, zero when none. */
export function estimateMonthlyRevenue(activeByPlan: Partial<Record<BillingPlan, number>>): { plans: FleetPlanRevenue[]; totalCents: number } {
  const plans = (Object.keys(PLANS) as BillingPlan[]).map((plan) => {
    const active = activeByPlan[plan] ?? 0;
    return { plan, active, monthlyCents: active * PLANS[plan].priceCents };
  });
  return { plans, totalCents: plans.reduce((sum, p) => sum + p.monthlyCents, 0) };
}

/** Active counts per plan and the newest `limit` subscriptions (stored status; PayPal is not asked per row). */
export async function readFleetBilling(sql: postgres.Sql, limit = 50): Promise<FleetBilling> {
  const counts = await sql<{ plan: BillingPlan; active: number }[]>`
    SELECT plan, count(*)::int AS active FROM billing_subscriptions WHERE status = 'ACTIVE' GROUP BY plan`;
  const rows = await sql.unsafe<SubscriptionRow[]>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM billing_subscriptions ORDER BY created_at DESC LIMIT $1`, [limit]);
  const { plans, totalCents } = estimateMonthlyRevenue(Object.fromEntries(counts.map((c) => [c.plan, c.active])));
  return {
    activeSubscriptions: plans.reduce((sum, p) => sum + p.active, 0),
    estimatedMonthlyRevenueCents: totalCents,
    currency: 'USD',
    plans,
    subscriptions: rows.map((r) => subscriptionViewOf(r, null)),
  };
}
