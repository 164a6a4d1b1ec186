import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { GOVERNANCE_BOUNDS, USER_ROLES } from '@sw/domain';
import { createdAt, str, tstz, uuidPk } from '../sql-helpers.ts';
import { regions } from './regions.ts';

/**
 * Accounts (auth identity). `username` is stored lower-case (case-insensitive login), the user-facing
 * spelling is `display_name`. Each user has exactly one `players` row, and every ownership/office
 * column in the hub points at players.id (docs/rules/original-defects.md #29: one owner identity).
 */
export const users = pgTable(
  'users',
  {
    id: uuidPk(),
    username: varchar('username', { length: 50 }).notNull(),
    displayName: varchar('display_name', { length: 100 }).notNull(),
    email: varchar('email', { length: 320 }),
    roles: text('roles').array().notNull().default(sql`'{player}'::text[]`),
    createdAt: createdAt(),
    // Subscription columns (Galactic Citizen; region subscriptions live on regions / billing_subscriptions).
    paypalSubscriptionId: varchar('paypal_subscription_id', { length: 255 }),
    subscriptionTier: varchar('subscription_tier', { length: 50 }),
    subscriptionStatus: varchar('subscription_status', { length: 50 }),
    subscriptionStartedAt: tstz('subscription_started_at'),
    subscriptionExpiresAt: tstz('subscription_expires_at'),
    paymentFailureCount: integer('payment_failure_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('uq_users_username').on(t.username),
    uniqueIndex('uq_users_email').on(t.email),
    check('users_username_lowercase', sql`username = lower(username) AND length(username) >= 2`),
    // Stored normalized, so the unique index is case-insensitive (docs/rules/accounts.md).
    check('users_email_lowercase', sql`email IS NULL OR email = lower(email)`),
    check('users_roles_valid', sql`roles <@ ARRAY[${sql.join(USER_ROLES.map(str), sql`, `)}]::text[]`),
    check('users_payment_failure_count_nonnegative', sql`payment_failure_count >= 0`),
  ],
);

/** The in-game identity of a user (exactly one per user). Credits are the wallet (never negative). */
export const players = pgTable(
  'players',
  {
    id: uuidPk(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 100 }).notNull(),
    /**
     * Registration always writes the starting region's starting_credits; the default is only the rule's default
     * (regions.starting_credits defaults to the same value) for rows made by fixtures.
     */
    credits: bigint('credits', { mode: 'number' }).notNull().default(GOVERNANCE_BOUNDS.startingCredits.default),
    homeRegionId: uuid('home_region_id').references(() => regions.id, { onDelete: 'set null' }),
    currentRegionId: uuid('current_region_id').references(() => regions.id, { onDelete: 'set null' }),
    /** Region-local sector the player is in (within current_region_id). */
    currentSectorNumber: integer('current_sector_number'),
    isGalacticCitizen: boolean('is_galactic_citizen').notNull().default(false),
    gcLapsedAt: tstz('gc_lapsed_at'),
    gcRelocationUsedAt: tstz('gc_relocation_used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('uq_players_user_id').on(t.userId),
    uniqueIndex('uq_players_name').on(t.name),
    index('idx_players_current_region').on(t.currentRegionId),
    index('idx_players_home_region').on(t.homeRegionId),
    check('players_credits_nonnegative', sql`credits >= 0`),
  ],
);
