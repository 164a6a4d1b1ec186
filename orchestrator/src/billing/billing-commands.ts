/**
 * Billing commands for the GraphQL layer: create / list / show / cancel subscriptions.
 * Each returns a discriminated outcome; `unwrapBilling` turns a failure into a DomainError with a
 * stable code. State changes caused by PayPal (activation, cancellation) arrive through webhooks only;
 * these commands talk to PayPal and record the intent.
 */
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import type { Claims } from '@sw/auth';
import {
  DomainError,
  PLANS,
  REGION_TIER_NAMES,
  isBillingPlan,
  isRegionTier,
  validateRegionName,
  type BillingPlan,
  type ErrorCode,
  type ValidationIssue,
} from '@sw/domain';
import { PayPalApiError, approvalLinkOf, type PayPalClient, type PayPalConfig, type PayPalSubscription } from '@sw/paypal';
import type { BillingDb } from './billing-types.ts';
import { findRegionClaimProblem } from '../store/region-claims.ts';
import { buildCustomId } from './custom-id.ts';
import { fromMs } from './process-webhook-event.ts';
import { canCancelSubscription, canViewSubscription } from './subscription-permissions.ts';

export interface BillingCommandDeps extends BillingDb {
  paypal: PayPalClient;
  config: Pick<PayPalConfig, 'planIds' | 'returnUrl' | 'cancelUrl'>;
}

/** What the API shows for one subscription. `live` = status re-read from PayPal just now. */
export interface BillingSubscriptionView {
  id: string;
  paypalSubscriptionId: string;
  plan: BillingPlan;
  amount: string;
  status: string;
  live: boolean;
  playerId: string;
  regionId: string | null;
  regionName: string | null;
  sizeTier: string | null;
  paymentFailureCount: number;
  lastPaymentAt: Date | null;
  nextBillingAt: Date | null;
  createdAt: Date;
  approvalUrl: string | null;
}

export type BillingFailure =
  | { kind: 'unauthenticated' }
  | { kind: 'no_player' }
  | { kind: 'unknown_plan'; plan: string }
  | { kind: 'invalid'; code: 'ERR_VALIDATION' | 'ERR_REGION_NAME_INVALID'; issues: ValidationIssue[] }
  | { kind: 'name_taken'; name: string }
  | { kind: 'limit_reached'; owned: number; limit: number }
  | { kind: 'already_subscribed'; plan: BillingPlan }
  | { kind: 'not_found'; id: string }
  | { kind: 'not_owner' }
  | { kind: 'not_cancellable'; status: string }
  | { kind: 'paypal_unavailable'; message: string };

export type CreateSubscriptionOutcome = { kind: 'ok'; subscription: BillingSubscriptionView; approvalUrl: string } | BillingFailure;
export type ListSubscriptionsOutcome = { kind: 'ok'; subscriptions: BillingSubscriptionView[] } | BillingFailure;
export type GetSubscriptionOutcome = { kind: 'ok'; subscription: BillingSubscriptionView; paypal: PayPalSubscription | null } | BillingFailure;
export type CancelSubscriptionOutcome = { kind: 'ok'; subscription: BillingSubscriptionView } | BillingFailure;

const CODES: Record<BillingFailure['kind'], ErrorCode> = {
  unauthenticated: 'ERR_UNAUTHENTICATED',
  no_player: 'ERR_FORBIDDEN',
  unknown_plan: 'ERR_UNKNOWN_PLAN',
  invalid: 'ERR_VALIDATION',
  name_taken: 'ERR_REGION_NAME_TAKEN',
  limit_reached: 'ERR_REGION_LIMIT_REACHED',
  already_subscribed: 'ERR_ALREADY_SUBSCRIBED',
  not_found: 'ERR_SUBSCRIPTION_NOT_FOUND',
  not_owner: 'ERR_NOT_SUBSCRIPTION_OWNER',
  not_cancellable: 'ERR_SUBSCRIPTION_NOT_CANCELLABLE',
  paypal_unavailable: 'ERR_PAYPAL_UNAVAILABLE',
};

function messageOf(f: BillingFailure): string {
  switch (f.kind) {
    case 'unauthenticated':
      return 'sign in first';
    case 'no_player':
      return 'this account has no player';
    case 'unknown_plan':
      return `unknown plan ${f.plan}; plans: ${Object.keys(PLANS).join(', ')}`;
    case 'invalid':
      return f.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    case 'name_taken':
      return `region name ${f.name} is taken`;
    case 'limit_reached':
      return `an owner may hold at most ${f.limit} regions (has ${f.owned})`;
    case 'already_subscribed':
      return `already subscribed to ${f.plan}`;
    case 'not_found':
      return `subscription ${f.id} not found`;
    case 'not_owner':
      return 'only the subscriber or an admin with the billing:view scope may do this';
    case 'not_cancellable':
      return `a ${f.status} subscription cannot be cancelled`;
    case 'paypal_unavailable':
      return `PayPal unavailable: ${f.message}`;
  }
}

/** Returns the value of an ok outcome or throws the matching DomainError. */
export function unwrapBilling<T extends { kind: 'ok' }>(o: T | BillingFailure): T {
  if (o.kind === 'ok') return o as T;
  const f = o as BillingFailure;
  const code = f.kind === 'invalid' ? f.code : CODES[f.kind];
  throw new DomainError(code, messageOf(f), f.kind === 'invalid' ? { issues: f.issues } : { ...f });
}

/** One billing_subscriptions row as read with {@link SUBSCRIPTION_COLUMNS}. */
export interface SubscriptionRow {
  id: string;
  paypal_subscription_id: string;
  plan: BillingPlan;
  player_id: string;
  region_id: string | null;
  region_name: string | null;
  size_tier: string | null;
  status: string;
  payment_failure_count: number;
  last_payment_at_ms: number | null;
  next_billing_at_ms: number | null;
  created_at_ms: number;
}

/** A stored subscription (plus PayPal's live answer when there is one) in the shape every reader returns. */
export function subscriptionViewOf(r: SubscriptionRow, live: PayPalSubscription | null): BillingSubscriptionView {
  return {
    id: r.id,
    paypalSubscriptionId: r.paypal_subscription_id,
    plan: r.plan,
    amount: PLANS[r.plan].amountLabel,
    status: live?.status ?? r.status,
    live: live !== null,
    playerId: r.player_id,
    regionId: r.region_id,
    regionName: r.region_name,
    sizeTier: r.size_tier,
    paymentFailureCount: r.payment_failure_count,
    lastPaymentAt: fromMs(r.last_payment_at_ms),
    nextBillingAt: fromMs(r.next_billing_at_ms),
    createdAt: fromMs(r.created_at_ms)!,
    approvalUrl: live ? approvalLinkOf(live) : null,
  };
}

const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8 AS ${col}_ms`;
/** The columns {@link SubscriptionRow} needs, timestamps as epoch ms. */
export const SUBSCRIPTION_COLUMNS = `id, paypal_subscription_id, plan, player_id, region_id, region_name, size_tier, status, payment_failure_count, ${ms('last_payment_at')}, ${ms('next_billing_at')}, ${ms('created_at')}`;
const OPEN_STATUSES = ['APPROVAL_PENDING', 'APPROVED', 'ACTIVE', 'SUSPENDED'];

function paypalFailure(err: unknown): BillingFailure {
  if (err instanceof PayPalApiError) return { kind: 'paypal_unavailable', message: err.message };
  throw err;
}

export interface CreateSubscriptionInput {
  plan: string;
  regionName?: string | null;
  sizeTier?: string | null;
  returnUrl?: string | null;
  cancelUrl?: string | null;
}

/**
 * Starts a subscription: validates plan, region name (the one validator) and tier, checks the name is
 * free (case-insensitive: no region, no approved subscription for it, no other buyer's approval pending
 * for less than 3 hours — PayPal approval links expire, so an abandoned checkout does not squat a name) and the owner limit (5), creates the
 * PayPal subscription (custom_id carries the intent) and records it as APPROVAL_PENDING. The buyer
 * approves at `approvalUrl`; the ACTIVATED webhook creates the region.
 */
export async function createSubscription(deps: BillingCommandDeps, actor: Claims | null, input: CreateSubscriptionInput): Promise<CreateSubscriptionOutcome> {
  if (!actor) return { kind: 'unauthenticated' };
  if (!actor.playerId) return { kind: 'no_player' };
  const playerId = actor.playerId;
  if (!isBillingPlan(input.plan)) return { kind: 'unknown_plan', plan: String(input.plan) };
  const plan = input.plan;
  let regionName: string | null = null;
  let sizeTier: string | null = null;
  const { sql } = deps;

  if (plan === 'regional_owner') {
    const name = validateRegionName(input.regionName ?? null);
    if (!name.ok) return { kind: 'invalid', code: 'ERR_REGION_NAME_INVALID', issues: name.issues };
    sizeTier = input.sizeTier ?? 'standard';
    if (!isRegionTier(sizeTier)) return { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'sizeTier', message: `sizeTier must be one of ${REGION_TIER_NAMES.join(', ')}` }] };
    regionName = name.slug;
    const slug = regionName;
    const blocked = await sql.begin((tx) => nameOrLimitProblem(tx, slug, playerId));
    if (blocked) return blocked;
  } else {
    const [open] = await sql`SELECT 1 FROM billing_subscriptions WHERE player_id = ${playerId} AND plan = 'galactic_citizen' AND status = 'ACTIVE'`;
    if (open) return { kind: 'already_subscribed', plan };
  }

  let created: PayPalSubscription;
  try {
    created = await deps.paypal.createSubscription(
      {
        plan_id: deps.config.planIds[plan],
        custom_id: buildCustomId({ plan, playerId, regionName, sizeTier }),
        application_context: {
          brand_name: 'SectorWars 2102',
          user_action: 'SUBSCRIBE_NOW',
          shipping_preference: 'NO_SHIPPING',
          return_url: input.returnUrl ?? deps.config.returnUrl,
          cancel_url: input.cancelUrl ?? deps.config.cancelUrl,
        },
      },
      { requestId: randomUUID() },
    );
  } catch (err) {
    return paypalFailure(err);
  }
  const approvalUrl = approvalLinkOf(created);
  if (!approvalUrl) return { kind: 'paypal_unavailable', message: 'PayPal returned no approval link' };

  const result = await sql.begin(async (tx): Promise<{ kind: 'ok'; row: SubscriptionRow } | BillingFailure> => {
    if (regionName) {
      // Serialise purchases of one name and of one owner, and re-check under the locks.
      const blocked = await nameOrLimitProblem(tx, regionName, playerId, { lock: true });
      if (blocked) return blocked;
    }
    const [row] = await tx.unsafe<SubscriptionRow[]>(
      `INSERT INTO billing_subscriptions (paypal_subscription_id, plan, player_id, region_name, size_tier, status, status_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       -- the CREATED webhook may have adopted the subscription from its custom_id already
       ON CONFLICT (paypal_subscription_id) DO UPDATE SET updated_at = now()
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [created.id, plan, playerId, regionName, sizeTier, created.status, created.status_update_time ?? new Date().toISOString()],
    );
    return { kind: 'ok', row: row! };
  });
  if (result.kind !== 'ok') return result;
  return { kind: 'ok', subscription: subscriptionViewOf(result.row, created), approvalUrl };
}

type Queryable = postgres.TransactionSql;

/** The one name-taken / owner-limit rule (store/region-claims.ts), as a billing failure. */
async function nameOrLimitProblem(sql: Queryable, name: string, playerId: string, opts: { ignoreLimit?: boolean; lock?: boolean } = {}): Promise<BillingFailure | null> {
  return await findRegionClaimProblem(sql, { name, ownerId: playerId, ignoreLimit: opts.ignoreLimit ?? false, lock: opts.lock ?? false });
}

async function liveOf(paypal: PayPalClient, id: string): Promise<PayPalSubscription | null> {
  try {
    return await paypal.getSubscription(id);
  } catch {
    return null;
  }
}

/** The caller's subscriptions (newest first), each with its live PayPal status when PayPal answers. */
export async function listSubscriptions(deps: BillingCommandDeps, actor: Claims | null): Promise<ListSubscriptionsOutcome> {
  if (!actor) return { kind: 'unauthenticated' };
  if (!actor.playerId) return { kind: 'ok', subscriptions: [] };
  const rows = await deps.sql.unsafe<SubscriptionRow[]>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM billing_subscriptions WHERE player_id = $1 ORDER BY created_at DESC LIMIT 50`, [actor.playerId]);
  const live = await Promise.all(rows.map((r) => (OPEN_STATUSES.includes(r.status) ? liveOf(deps.paypal, r.paypal_subscription_id) : Promise.resolve(null))));
  return { kind: 'ok', subscriptions: rows.map((r, i) => subscriptionViewOf(r, live[i] ?? null)) };
}

/** The subscription (by our id or the PayPal I-… id) when `may` lets the actor act on it (subscription-permissions.ts). */
async function permittedRow(
  deps: BillingCommandDeps,
  actor: Claims | null,
  id: string,
  may: (actor: Claims, sub: { playerId: string }) => boolean,
): Promise<{ kind: 'ok'; row: SubscriptionRow } | BillingFailure> {
  if (!actor) return { kind: 'unauthenticated' };
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const [row] = await deps.sql.unsafe<SubscriptionRow[]>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM billing_subscriptions WHERE ${isUuid ? 'id = $1::uuid' : 'paypal_subscription_id = $1'}`, [id]);
  if (!row) return { kind: 'not_found', id };
  if (!may(actor, { playerId: row.player_id })) return { kind: 'not_owner' };
  return { kind: 'ok', row };
}

/** One subscription (by our id or the PayPal I-… id): the subscriber or an admin with billing:view, then PayPal's details. */
export async function getSubscription(deps: BillingCommandDeps, actor: Claims | null, input: { id: string }): Promise<GetSubscriptionOutcome> {
  const owned = await permittedRow(deps, actor, input.id, canViewSubscription);
  if (owned.kind !== 'ok') return owned;
  const live = await liveOf(deps.paypal, owned.row.paypal_subscription_id);
  return { kind: 'ok', subscription: subscriptionViewOf(owned.row, live), paypal: live };
}

/**
 * Cancels at PayPal (permission first: the subscriber, or an admin with billing:view). The region / citizenship
 * consequences follow from the CANCELLED webhook, like every other PayPal-side change.
 */
export async function cancelSubscription(deps: BillingCommandDeps, actor: Claims | null, input: { id: string; reason?: string | null }): Promise<CancelSubscriptionOutcome> {
  const owned = await permittedRow(deps, actor, input.id, canCancelSubscription);
  if (owned.kind !== 'ok') return owned;
  const reason = (input.reason ?? '').trim().slice(0, 128) || 'Cancelled by the subscriber';
  try {
    await deps.paypal.cancelSubscription(owned.row.paypal_subscription_id, reason);
  } catch (err) {
    if (err instanceof PayPalApiError && err.status === 422) {
      const live = await liveOf(deps.paypal, owned.row.paypal_subscription_id);
      return { kind: 'not_cancellable', status: live?.status ?? owned.row.status };
    }
    if (err instanceof PayPalApiError && err.status === 404) return { kind: 'not_found', id: input.id };
    return paypalFailure(err);
  }
  const live = await liveOf(deps.paypal, owned.row.paypal_subscription_id);
  return { kind: 'ok', subscription: subscriptionViewOf(owned.row, live) };
}

export interface PlanView {
  plan: BillingPlan;
  name: string;
  amount: string;
  priceCents: number;
  currency: string;
  description: string;
  paypalPlanId: string;
}

/** The two plans (static table from @sw/domain plus the configured PayPal plan ids). */
export function listPlans(deps: Pick<BillingCommandDeps, 'config'>): PlanView[] {
  return Object.values(PLANS).map((p) => ({
    plan: p.plan,
    name: p.name,
    amount: p.amountLabel,
    priceCents: p.priceCents,
    currency: p.currency,
    description: p.description,
    paypalPlanId: deps.config.planIds[p.plan],
  }));
}

export type RegionNameAvailability = { available: true; slug: string } | { available: false; slug: string; reason: 'invalid' | 'taken'; issues: ValidationIssue[] };

/**
 * Name check for the buy form (available names), through the one validator and the same
 * case-insensitive "taken" rule the create command applies (ignoring the caller's own pending checkouts).
 */
export async function regionNameAvailability(deps: BillingDb, actor: Claims | null, name: string): Promise<RegionNameAvailability> {
  const v = validateRegionName(name);
  if (!v.ok) return { available: false, slug: v.slug, reason: 'invalid', issues: v.issues };
  const problem = await deps.sql.begin((tx) => nameOrLimitProblem(tx, v.slug, actor?.playerId ?? '00000000-0000-0000-0000-000000000000', { ignoreLimit: true }));
  if (problem) return { available: false, slug: v.slug, reason: 'taken', issues: [{ path: 'regionName', message: `region name ${v.slug} is taken` }] };
  return { available: true, slug: v.slug };
}

/** The commands as one object for the GraphQL layer. */
export const billingCommands = { createSubscription, listSubscriptions, getSubscription, cancelSubscription, listPlans, regionNameAvailability };
