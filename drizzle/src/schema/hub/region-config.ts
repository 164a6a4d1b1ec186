import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, unique, uuid, varchar } from 'drizzle-orm/pg-core';
import { CONFIG_CHANGE_VIAS, STARTING_PACKAGE_VIAS } from '@sw/domain';
import { inList, tstz, uuidPk } from '../sql-helpers.ts';
import { players } from './identity.ts';
import { regions } from './regions.ts';

/**
 * Configuration history: one row per version of a region's settings (docs/rules/region-config.md "Versions").
 * Written only by @sw/region-config applyConfigChange, in the same transaction as the regions update.
 */
export const regionConfigVersions = pgTable(
  'region_config_versions',
  {
    id: uuidPk(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** decree (autocracy), owner (culture), admin (by region id), policy (a passed policy's enactment). */
    via: varchar('via', { length: 20 }).notNull(),
    actorPlayerId: uuid('actor_player_id').references(() => players.id, { onDelete: 'set null' }),
    /** The actor's name when the change was made (survives the player's deletion). */
    actorName: varchar('actor_name', { length: 100 }),
    /** The enacted policy (no FK: the history outlives policy rows). */
    policyId: uuid('policy_id'),
    /** [{field, from, to}] — only the settings that changed. */
    changes: jsonb('changes').notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    unique('uq_region_config_versions_region_version').on(t.regionId, t.version),
    check('valid_config_change_via', inList('via', CONFIG_CHANGE_VIAS)),
    check('config_version_positive', sql`version >= 2`),
    check('config_policy_id_iff_policy', sql`(via = 'policy') = (policy_id IS NOT NULL)`),
  ],
);

/**
 * Membership counts per region, kept by a trigger on regional_memberships (custom migration), so regional stats
 * and discovery sorts read one row instead of counting 10,000 memberships.
 */
export const regionMemberCounts = pgTable(
  'region_member_counts',
  {
    regionId: uuid('region_id')
      .primaryKey()
      .references(() => regions.id, { onDelete: 'cascade' }),
    citizens: integer('citizens').notNull().default(0),
    residents: integer('residents').notNull().default(0),
    visitors: integer('visitors').notNull().default(0),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  () => [check('region_member_counts_nonnegative', sql`citizens >= 0 AND residents >= 0 AND visitors >= 0`)],
);

/**
 * Territory counts of a region's world as its region-server (or, for hub-hosted regions, the hub) last reported
 * them. Worlds change only at generation, so the Region subgraph refreshes a row when it is older than a minute.
 */
export const regionWorldStats = pgTable(
  'region_world_stats',
  {
    regionId: uuid('region_id')
      .primaryKey()
      .references(() => regions.id, { onDelete: 'cascade' }),
    sectors: integer('sectors').notNull(),
    clusters: integer('clusters').notNull(),
    ports: integer('ports').notNull(),
    planets: integer('planets').notNull(),
    warps: integer('warps').notNull(),
    refreshedAt: tstz('refreshed_at').notNull().defaultNow(),
  },
  () => [check('region_world_stats_nonnegative', sql`sectors >= 0 AND clusters >= 0 AND ports >= 0 AND planets >= 0 AND warps >= 0`)],
);

/** A region's starting package (credits, ship) is granted once per player and region: at invite signup or immigration. */
export const startingPackageGrants = pgTable(
  'starting_package_grants',
  {
    playerId: uuid('player_id')
      .notNull()
      .references(() => players.id, { onDelete: 'cascade' }),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    credits: integer('credits').notNull(),
    startingShip: varchar('starting_ship', { length: 50 }).notNull(),
    via: varchar('via', { length: 20 }).notNull(),
    grantedAt: tstz('granted_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'pk_starting_package_grants', columns: [t.playerId, t.regionId] }),
    check('valid_starting_package_via', inList('via', STARTING_PACKAGE_VIAS)),
    check('starting_package_credits_nonnegative', sql`credits >= 0`),
  ],
);
