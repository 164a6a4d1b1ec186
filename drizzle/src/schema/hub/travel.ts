import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, smallint, text, unique, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { APPROVAL_STATUSES, JOURNEY_INTENTS, JOURNEY_STATES, LEG_KINDS, LEG_STATES, TRAVEL_EVENT_KINDS, TRAVEL_METHODS } from '@sw/domain';
import { inList, tstz, uuidPk } from '../sql-helpers.ts';
import { players } from './identity.ts';
import { regions } from './regions.ts';

/**
 * One row per inter-regional journey (docs/rules/travel.md). The traveller's position (players.current_region_id,
 * current_sector_number) changes only in the same transaction as a leg of this journey. travel_cost is the entry
 * fee held from the traveller at the start: paid into the destination treasury on arrival, refunded otherwise.
 */
export const interRegionalTravels = pgTable(
  'inter_regional_travels',
  {
    id: uuidPk(),
    playerId: uuid('player_id')
      .notNull()
      .references(() => players.id, { onDelete: 'cascade' }),
    sourceRegionId: uuid('source_region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    destinationRegionId: uuid('destination_region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    travelMethod: varchar('travel_method', { length: 50 }).notNull().default('platform_gate'),
    travelCost: bigint('travel_cost', { mode: 'number' }).notNull().default(0),
    assetsTransferred: jsonb('assets_transferred').notNull().default({}),
    initiatedAt: tstz('initiated_at').notNull().defaultNow(),
    completedAt: tstz('completed_at'),
    status: varchar('status', { length: 50 }).notNull().default('requested'),
    intent: varchar('intent', { length: 20 }).notNull().default('visit'),
    originSectorNumber: integer('origin_sector_number').notNull(),
    landingSectorNumber: integer('landing_sector_number'),
    legCount: smallint('leg_count').notNull().default(0),
    /** Index of the running (or next) leg; null before the start and after the end. */
    currentLeg: smallint('current_leg'),
    reasonCode: varchar('reason_code', { length: 64 }),
    reason: text('reason'),
    approval: varchar('approval', { length: 10 }).notNull().default('none'),
    decidedByPlayerId: uuid('decided_by_player_id').references(() => players.id, { onDelete: 'set null' }),
    decidedAt: tstz('decided_at'),
    startedAt: tstz('started_at'),
    endedRegionId: uuid('ended_region_id').references(() => regions.id, { onDelete: 'set null' }),
    endedSectorNumber: integer('ended_sector_number'),
    /** Set once the region-servers reflect the traveller's latest position; null = a presence sync is owed. */
    presenceSyncedAt: tstz('presence_synced_at'),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('idx_travels_player').on(t.playerId, t.initiatedAt.desc()),
    index('idx_travels_source').on(t.sourceRegionId),
    index('idx_travels_destination_status').on(t.destinationRegionId, t.status),
    index('idx_travels_status_initiated').on(t.status, t.initiatedAt),
    index('idx_travels_presence_owed').on(t.updatedAt).where(sql`presence_synced_at IS NULL`),
    uniqueIndex('uq_travels_one_open_per_player').on(t.playerId).where(sql`status IN ('requested', 'in_transit')`),
    check('travel_distinct_regions', sql`source_region_id <> destination_region_id`),
    check('travel_cost_nonnegative', sql`travel_cost >= 0`),
    check('valid_travel_method', inList('travel_method', TRAVEL_METHODS)),
    check('valid_travel_status', inList('status', JOURNEY_STATES)),
    check('valid_travel_intent', inList('intent', JOURNEY_INTENTS)),
    check('valid_travel_approval', inList('approval', APPROVAL_STATUSES)),
    check('travel_completed_iff_ended', sql`(status IN ('requested', 'in_transit')) = (completed_at IS NULL)`),
    check('travel_reason_when_not_arrived', sql`status NOT IN ('refused', 'cancelled', 'diverted') OR reason_code IS NOT NULL`),
    check('travel_end_position_when_ended', sql`status NOT IN ('arrived', 'diverted') OR ended_region_id IS NOT NULL`),
    check('travel_leg_count_range', sql`leg_count BETWEEN 0 AND 8 AND (current_leg IS NULL OR current_leg BETWEEN 0 AND leg_count - 1)`),
  ],
);

/** The legs of a journey, in order; a leg's `to` becomes the traveller's position when it completes. */
export const travelLegs = pgTable(
  'travel_legs',
  {
    id: uuidPk(),
    travelId: uuid('travel_id')
      .notNull()
      .references(() => interRegionalTravels.id, { onDelete: 'cascade' }),
    legIndex: smallint('leg_index').notNull(),
    kind: varchar('kind', { length: 20 }).notNull(),
    fromRegionId: uuid('from_region_id').notNull(),
    fromSectorNumber: integer('from_sector_number').notNull(),
    toRegionId: uuid('to_region_id').notNull(),
    toSectorNumber: integer('to_sector_number').notNull(),
    status: varchar('status', { length: 20 }).notNull().default('pending'),
    startedAt: tstz('started_at'),
    etaAt: tstz('eta_at'),
    completedAt: tstz('completed_at'),
  },
  (t) => [
    unique('uq_travel_legs_travel_index').on(t.travelId, t.legIndex),
    index('idx_travel_legs_due').on(t.etaAt).where(sql`status = 'in_transit'`),
    check('valid_travel_leg_kind', inList('kind', LEG_KINDS)),
    check('valid_travel_leg_status', inList('status', LEG_STATES)),
    check('travel_leg_running_has_eta', sql`status <> 'in_transit' OR (started_at IS NOT NULL AND eta_at IS NOT NULL)`),
    check('travel_leg_done_has_time', sql`status <> 'done' OR completed_at IS NOT NULL`),
  ],
);

/**
 * The travel feed of each region (arrivals, departures, refusals, ...), written in the same transaction as the
 * change it reports and published on the event bus after commit. `id` is the feed's monotonic sequence.
 */
export const travelEvents = pgTable(
  'travel_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    travelId: uuid('travel_id')
      .notNull()
      .references(() => interRegionalTravels.id, { onDelete: 'cascade' }),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 30 }).notNull(),
    reasonCode: varchar('reason_code', { length: 64 }),
    at: tstz('at').notNull().defaultNow(),
    publishedAt: tstz('published_at'),
  },
  (t) => [
    index('idx_travel_events_region').on(t.regionId, t.id),
    index('idx_travel_events_unpublished').on(t.id).where(sql`published_at IS NULL`),
    check('valid_travel_event_kind', inList('kind', TRAVEL_EVENT_KINDS)),
  ],
);
