import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { AUTOSCALE_ACTIONS } from '@sw/domain';
import { createdAt, inList, tstz } from '../sql-helpers.ts';

/**
 * Per-region databases created by the orchestrator. Keyed by region id WITHOUT a FK so the record
 * (and the knowledge of what to drop) survives the region row.
 */
export const regionDatabases = pgTable(
  'region_databases',
  {
    regionId: uuid('region_id').primaryKey(),
    regionName: text('region_name').notNull(),
    dbName: text('db_name').notNull().unique('uq_region_databases_db_name'),
    roleName: text('role_name').notNull().unique('uq_region_databases_role_name'),
    /** Legacy plain-text password: only rows written before encryption at rest; moved to password_ciphertext at start. */
    password: text('password'),
    /** The role's password sealed with REGION_SECRETS_KEY (AES-256-GCM envelope, orchestrator/src/secrets/secret-box.ts). */
    passwordCiphertext: text('password_ciphertext'),
    createdAt: createdAt(),
    droppedAt: tstz('dropped_at'),
  },
  () => [check('region_databases_password_stored', sql`password IS NOT NULL OR password_ciphertext IS NOT NULL`)],
);

/** Audit trail of a region's runtime (reconciler events). region_id_snapshot is not a FK (SK24 tombstoning). */
export const regionEvents = pgTable(
  'region_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionIdSnapshot: uuid('region_id_snapshot').notNull(),
    type: text('type').notNull(),
    reason: text('reason').notNull(),
    message: text('message'),
    data: jsonb('data'),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('idx_region_events_region_at').on(t.regionIdSnapshot, t.at.desc())],
);

/** Every autoscaler evaluation that changed or held the spec, with the samples it used. */
export const autoscaleDecisions = pgTable(
  'autoscale_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionIdSnapshot: uuid('region_id_snapshot').notNull(),
    at: tstz('at').notNull().defaultNow(),
    action: text('action').notNull(),
    reason: text('reason').notNull(),
    fromSpec: jsonb('from_spec'),
    toSpec: jsonb('to_spec'),
    samples: jsonb('samples'),
  },
  (t) => [
    index('idx_autoscale_decisions_region_at').on(t.regionIdSnapshot, t.at.desc()),
    check('valid_autoscale_action', inList('action', AUTOSCALE_ACTIONS)),
  ],
);
