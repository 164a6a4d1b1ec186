import type { BillingPlan } from './vocabulary.ts';

/**
 * The subscription plans of the brief: one table read by the PayPal emulator's plan
 * catalogue, the GraphQL plan list and the create-subscription command.
 */
export interface PlanSpec {
  plan: BillingPlan;
  name: string;
  /** Price per month in cents (USD). */
  priceCents: number;
  currency: 'USD';
  /** Human label used by the original API: "$25.00/month". */
  amountLabel: string;
  description: string;
  /** PayPal charges the plan monthly. */
  interval: 'MONTH';
  /** Consecutive failed payments after which the subscription is suspended. */
  paymentFailureThreshold: number;
}

export const PAYMENT_FAILURE_THRESHOLD = 3;

export const PLANS: Readonly<Record<BillingPlan, PlanSpec>> = {
  regional_owner: {
    plan: 'regional_owner',
    name: 'Regional Owner',
    priceCents: 2500,
    currency: 'USD',
    amountLabel: '$25.00/month',
    description: 'Own a region: governance, economy and culture control, plus all Galactic Citizen benefits',
    interval: 'MONTH',
    paymentFailureThreshold: PAYMENT_FAILURE_THRESHOLD,
  },
  galactic_citizen: {
    plan: 'galactic_citizen',
    name: 'Galactic Citizen',
    priceCents: 500,
    currency: 'USD',
    amountLabel: '$5.00/month',
    description: 'Travel to all regions, Nexus access and one emergency relocation',
    interval: 'MONTH',
    paymentFailureThreshold: PAYMENT_FAILURE_THRESHOLD,
  },
};

/** "25.00" for 2500 cents: PayPal's money.value format. */
export function formatMoneyValue(cents: number): string {
  return (cents / 100).toFixed(2);
}

export function isBillingPlan(value: unknown): value is BillingPlan {
  return typeof value === 'string' && Object.hasOwn(PLANS, value);
}
