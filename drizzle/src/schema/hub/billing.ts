import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { ACTIVATION_REFUSAL_REASONS, BILLING_PLANS, BILLING_SUBSCRIPTION_STATUSES, REGION_TIER_NAMES } from '@sw/domain';
import { createdAt, inList, tstz, uuidPk } from '../sql-helpers.ts';
import { players } from './identity.ts';
import { regions } from './regions.ts';

/** PayPal webhook idempotency: inserted in the same transaction as the change; a duplicate key means "skip". */
export const processedWebhookEvents = pgTable('processed_webhook_events', {
  eventId: varchar('event_id', { length: 255 }).primaryKey(),
  eventType: varchar('event_type', { length: 100 }).notNull(),
  resourceId: varchar('resource_id', { length: 255 }),
  processedAt: tstz('processed_at').notNull().defaultNow(),
});

/**
 * Durable PayPal webhook inbox (docs/decisions/webhook-inbox.md): every verified, handled delivery is stored here
 * before the endpoint answers 2xx, once per PayPal event id (a redelivery finds its row). A worker claims due rows
 * (FOR UPDATE SKIP LOCKED, a lease in `locked_until`), applies the event and sets `processed_at` in the same
 * transaction as the effect; a failure pushes `next_attempt_at` back (backoff) until `failed_at` gives up.
 */
export const paypalWebhookInbox = pgTable(
  'paypal_webhook_inbox',
  {
    eventId: varchar('event_id', { length: 255 }).primaryKey(),
    eventType: varchar('event_type', { length: 100 }).notNull(),
    subscriptionId: varchar('subscription_id', { length: 255 }),
    payload: jsonb('payload').notNull(),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    deliveries: integer('deliveries').notNull().default(1),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    lockedUntil: tstz('locked_until'),
    lastError: text('last_error'),
    outcome: varchar('outcome', { length: 20 }),
    processedAt: tstz('processed_at'),
    failedAt: tstz('failed_at'),
  },
  (t) => [
    index('idx_paypal_webhook_inbox_due').on(t.nextAttemptAt).where(sql`processed_at IS NULL AND failed_at IS NULL`),
    check('paypal_webhook_inbox_attempts_nonnegative', sql`attempts >= 0 AND deliveries >= 1`),
    check('paypal_webhook_inbox_done_once', sql`processed_at IS NULL OR failed_at IS NULL`),
  ],
);

/**
 * One row per PayPal subscription (region ownership or Galactic Citizen). `status_updated_at` is
 * PayPal's own update time; an event older than it is stale and ignored.
 */
export const billingSubscriptions = pgTable(
  'billing_subscriptions',
  {
    id: uuidPk(),
    paypalSubscriptionId: varchar('paypal_subscription_id', { length: 255 })
      .notNull()
      .unique('uq_billing_subscriptions_paypal_id'),
    plan: text('plan').notNull(),
    playerId: uuid('player_id')
      .notNull()
      .references(() => players.id, { onDelete: 'cascade' }),
    regionId: uuid('region_id').references(() => regions.id, { onDelete: 'set null' }),
    /** Requested region slug (regional_owner), kept after the region row is gone. */
    regionName: varchar('region_name', { length: 255 }),
    sizeTier: varchar('size_tier', { length: 20 }),
    status: text('status').notNull().default('APPROVAL_PENDING'),
    statusUpdatedAt: tstz('status_updated_at'),
    paymentFailureCount: integer('payment_failure_count').notNull().default(0),
    lastPaymentAt: tstz('last_payment_at'),
    nextBillingAt: tstz('next_billing_at'),
    /** Set when activation was refused (plan mismatch, name, owner limit): no region, PayPal cancellation requested. */
    activationRefusedReason: text('activation_refused_reason'),
    activationRefusedAt: tstz('activation_refused_at'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow().$onUpdate(() => new Date()),
  },
  (t) => [
    index('idx_billing_subscriptions_player').on(t.playerId),
    index('idx_billing_subscriptions_region').on(t.regionId),
    check('valid_billing_plan', inList('plan', BILLING_PLANS)),
    check('valid_billing_status', inList('status', BILLING_SUBSCRIPTION_STATUSES)),
    check('valid_billing_size_tier', sql`size_tier IS NULL OR ${inList('size_tier', REGION_TIER_NAMES)}`),
    check('billing_payment_failure_count_nonnegative', sql`payment_failure_count >= 0`),
    check('valid_activation_refused_reason', sql`activation_refused_reason IS NULL OR ${inList('activation_refused_reason', ACTIVATION_REFUSAL_REASONS)}`),
    check('billing_activation_refusal_complete', sql`(activation_refused_reason IS NULL) = (activation_refused_at IS NULL)`),
    check(
      'billing_regional_owner_names_region',
      sql`plan <> 'regional_owner' OR region_id IS NOT NULL OR region_name IS NOT NULL`,
    ),
  ],
);
