import { randomBytes } from 'node:crypto';
import { PLANS, formatMoneyValue, type BillingPlan } from '@sw/domain';
import { DEV_PAYPAL_PLAN_IDS } from '../paypal-config.ts';
import type { PayPalLink, PayPalPlan, PayPalSubscription, PayPalSubscriptionStatus, PayPalSubscriber } from '../paypal-types.ts';

/** In-memory state of the emulator: plans, subscriptions and OAuth tokens. */
/** PayPal ids use digits 2-9 and upper-case letters without I and O (e.g. payer_id ^[2-9A-HJ-NP-Z]{13}$). */
const ALNUM = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return `${prefix}${out}`;
}

export interface EmulatedSubscription {
  id: string;
  status: PayPalSubscriptionStatus;
  statusChangeNote?: string;
  statusUpdateTime: string;
  planId: string;
  startTime: string;
  quantity: string;
  customId?: string;
  subscriber?: PayPalSubscriber;
  createTime: string;
  updateTime: string;
  returnUrl?: string;
  cancelUrl?: string;
  baToken: string;
  cyclesCompleted: number;
  lastPayment?: { amount: { currency_code: string; value: string }; time: string };
  lastFailedPayment?: { amount: { currency_code: string; value: string }; time: string; reason_code: string };
  nextBillingTime?: string;
  failedPaymentsCount: number;
  outstandingCents: number;
}

export interface EmulatedPlan {
  plan: PayPalPlan;
  priceCents: number;
  failureThreshold: number;
}

/** The two platform plans, with the ids the embedded default is configured with. */
export function seedPlans(createTime: string, planIds: Record<BillingPlan, string> = DEV_PAYPAL_PLAN_IDS): Map<string, EmulatedPlan> {
  const map = new Map<string, EmulatedPlan>();
  for (const spec of Object.values(PLANS)) {
    const id = planIds[spec.plan];
    map.set(id, {
      priceCents: spec.priceCents,
      failureThreshold: spec.paymentFailureThreshold,
      plan: {
        id,
        product_id: 'PROD-SECTORWARS2102',
        name: spec.name,
        status: 'ACTIVE',
        description: spec.description.slice(0, 127),
        usage_type: 'LICENSED',
        billing_cycles: [
          {
            frequency: { interval_unit: spec.interval, interval_count: 1 },
            tenure_type: 'REGULAR',
            sequence: 1,
            total_cycles: 0,
            pricing_scheme: { fixed_price: { currency_code: spec.currency, value: formatMoneyValue(spec.priceCents) }, version: 1 },
          },
        ],
        payment_preferences: { auto_bill_outstanding: true, payment_failure_threshold: spec.paymentFailureThreshold, setup_fee_failure_action: 'CANCEL' },
        quantity_supported: false,
        create_time: createTime,
        update_time: createTime,
      },
    });
  }
  return map;
}

export function planLinks(base: string, id: string): PayPalLink[] {
  return [{ href: `${base}/v1/billing/plans/${id}`, rel: 'self', method: 'GET' }];
}

/** The API representation of a subscription (schema `subscription`). */
export function subscriptionJson(s: EmulatedSubscription, base: string): PayPalSubscription {
  const links: PayPalLink[] = [];
  if (s.status === 'APPROVAL_PENDING') links.push({ href: `${base}/approve/${s.id}?ba_token=${s.baToken}`, rel: 'approve', method: 'GET' });
  links.push({ href: `${base}/v1/billing/subscriptions/${s.id}`, rel: 'edit', method: 'PATCH' });
  links.push({ href: `${base}/v1/billing/subscriptions/${s.id}`, rel: 'self', method: 'GET' });
  if (s.status === 'ACTIVE') {
    links.push({ href: `${base}/v1/billing/subscriptions/${s.id}/cancel`, rel: 'cancel', method: 'POST' });
    links.push({ href: `${base}/v1/billing/subscriptions/${s.id}/suspend`, rel: 'suspend', method: 'POST' });
  }
  if (s.status === 'SUSPENDED') links.push({ href: `${base}/v1/billing/subscriptions/${s.id}/activate`, rel: 'activate', method: 'POST' });
  const out: PayPalSubscription = {
    id: s.id,
    status: s.status,
    status_update_time: s.statusUpdateTime,
    plan_id: s.planId,
    start_time: s.startTime,
    quantity: s.quantity,
    create_time: s.createTime,
    update_time: s.updateTime,
    plan_overridden: false,
    links,
  };
  if (s.statusChangeNote) out.status_change_note = s.statusChangeNote;
  if (s.customId !== undefined) out.custom_id = s.customId;
  if (s.subscriber) out.subscriber = s.subscriber;
  if (s.status !== 'APPROVAL_PENDING' && s.status !== 'APPROVED') {
    out.billing_info = {
      outstanding_balance: { currency_code: 'USD', value: formatMoneyValue(s.outstandingCents) },
      cycle_executions: [{ tenure_type: 'REGULAR', sequence: 1, cycles_completed: s.cyclesCompleted, cycles_remaining: 0, total_cycles: 0 }],
      failed_payments_count: s.failedPaymentsCount,
    };
    if (s.lastPayment) out.billing_info.last_payment = s.lastPayment;
    if (s.lastFailedPayment) out.billing_info.last_failed_payment = s.lastFailedPayment;
    if (s.nextBillingTime && s.status === 'ACTIVE') out.billing_info.next_billing_time = s.nextBillingTime;
  }
  return out;
}
