import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { GENERATION_JOB_KINDS, GENERATION_JOB_STATUSES, TUNNEL_TYPES } from '@sw/domain';
import { between, createdAt, inList, tstz, uuidPk } from '../sql-helpers.ts';
import { defineWorldTables } from '../world-tables.ts';
import { regions } from './regions.ts';

/** The hub's world: Central Nexus and Terran Space (region_id is a FK to regions). */
const world = defineWorldTables(() => regions.id);
export const zones = world.zones;
export const clusters = world.clusters;
export const sectors = world.sectors;
export const sectorWarps = world.sectorWarps;
export const stations = world.stations;
export const planets = world.planets;
export { clusterType, zoneType } from '../world-tables.ts';

/** Cross-region (or player-built) long links. Sector ids are GLOBAL sector_id values; no FK because
 * a player region's sectors live in its own database. */
export const WARP_TUNNEL_STATUSES = ['active', 'inactive', 'collapsed'] as const;
export const warpTunnels = pgTable(
  'warp_tunnels',
  {
    id: uuidPk(),
    fromRegionId: uuid('from_region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    fromSectorId: integer('from_sector_id').notNull(),
    toRegionId: uuid('to_region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    toSectorId: integer('to_sector_id').notNull(),
    tunnelType: text('tunnel_type').notNull().default('NATURAL'),
    isBidirectional: boolean('is_bidirectional').notNull().default(true),
    isLatent: boolean('is_latent').notNull().default(false),
    status: text('status').notNull().default('active'),
    /** Nexus-attach idempotency key `{region_id}:{attempt}` (insert ON CONFLICT DO NOTHING). */
    idempotencyKey: varchar('idempotency_key', { length: 120 }).unique('uq_warp_tunnels_idempotency_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_warp_tunnels_from').on(t.fromRegionId, t.fromSectorId),
    index('idx_warp_tunnels_to').on(t.toRegionId, t.toSectorId),
    check('valid_tunnel_type', inList('tunnel_type', TUNNEL_TYPES)),
    check('valid_tunnel_status', inList('status', WARP_TUNNEL_STATUSES)),
    check('warp_tunnels_not_self', sql`NOT (from_region_id = to_region_id AND from_sector_id = to_sector_id)`),
  ],
);

/** Admin-requested world generation work (Nexus, Terran, one Nexus cluster, or a player region). */
export const generationJobs = pgTable(
  'generation_jobs',
  {
    id: uuidPk(),
    kind: text('kind').notNull(),
    regionId: uuid('region_id').references(() => regions.id, { onDelete: 'set null' }),
    clusterNumber: integer('cluster_number'),
    seed: bigint('seed', { mode: 'bigint' }).notNull(),
    force: boolean('force').notNull().default(false),
    status: text('status').notNull().default('queued'),
    stage: text('stage'),
    percent: integer('percent').notNull().default(0),
    error: jsonb('error'),
    /** Requesting user id (no FK: jobs outlive accounts). */
    requestedBy: uuid('requested_by'),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    index('idx_generation_jobs_status').on(t.status),
    index('idx_generation_jobs_created_at').on(t.createdAt),
    check('valid_generation_job_kind', inList('kind', GENERATION_JOB_KINDS)),
    check('valid_generation_job_status', inList('status', GENERATION_JOB_STATUSES)),
    check('valid_generation_job_percent', between('percent', 0, 100)),
    check('generation_job_cluster_number_positive', sql`cluster_number IS NULL OR cluster_number >= 1`),
  ],
);
