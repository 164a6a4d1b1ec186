import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import { defineWorldTables } from '../world-tables.ts';
import { tstz } from '../sql-helpers.ts';

/**
 * Region database schema (one database per player region): that region's world plus region-local
 * gameplay state. region_id is a plain column (the registry lives in the hub database).
 */
const world = defineWorldTables();
export const zones = world.zones;
export const clusters = world.clusters;
export const sectors = world.sectors;
export const sectorWarps = world.sectorWarps;
export const stations = world.stations;
export const planets = world.planets;
export { clusterType, zoneType } from '../world-tables.ts';

/** Players currently in this region (upserted by the region-server on movement / heartbeat). */
export const presence = pgTable(
  'presence',
  {
    playerId: uuid('player_id').primaryKey(),
    sectorNumber: integer('sector_number').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
  },
  (t) => [
    index('idx_presence_sector_number').on(t.sectorNumber),
    index('idx_presence_last_seen_at').on(t.lastSeenAt),
    check('presence_sector_number_positive', sql`sector_number >= 1`),
  ],
);
