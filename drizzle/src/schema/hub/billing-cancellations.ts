import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { BILLING_CANCELLATION_OUTCOMES, BILLING_CANCELLATION_REASONS } from '@sw/domain';
import { inList, tstz } from '../sql-helpers.ts';

/**
 * Outbox of PayPal subscription cancellations we owe: written in the same transaction as the cause (a
 * region's archiving, a refused activation), worked by the billing scheduler outside any transaction,
 * retried with backoff until PayPal answers, and kept as the record of what happened. One row per
 * subscription (a second request is a no-op). region_id is not a FK: the record outlives the region.
 */
export const billingCancellations = pgTable(
  'billing_cancellations',
  {
    paypalSubscriptionId: varchar('paypal_subscription_id', { length: 255 }).primaryKey(),
    regionId: uuid('region_id'),
    reason: text('reason').notNull(),
    requestedAt: tstz('requested_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    completedAt: tstz('completed_at'),
    outcome: text('outcome'),
  },
  () => [
    check('valid_billing_cancellation_reason', inList('reason', BILLING_CANCELLATION_REASONS)),
    check('valid_billing_cancellation_outcome', sql`outcome IS NULL OR ${inList('outcome', BILLING_CANCELLATION_OUTCOMES)}`),
    check('billing_cancellation_attempts_nonnegative', sql`attempts >= 0`),
    check('billing_cancellation_completion', sql`(completed_at IS NULL) = (outcome IS NULL)`),
  ],
);
