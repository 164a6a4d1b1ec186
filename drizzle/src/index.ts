/** @sw/db — drizzle schema, clients and migrations for the hub database and the region databases. */
import * as hub from './schema/hub/index.ts';
import * as region from './schema/region/index.ts';

export { hub, region };
export { createDb, createRegionDb, poolModeFromEnv } from './client.ts';
export type { DbHandle, DbOptions, HubDb, HubSchema, PoolMode, RegionDb, RegionSchema } from './client.ts';
export { migrateHub, migrateRegion, HUB_MIGRATIONS_DIR, REGION_MIGRATIONS_DIR } from './migrate.ts';
export { ensureDatabase, quoteIdent } from './ensure-database.ts';
export { seedDemoUsers, DEMO_USERS, DEMO_USERNAMES } from './seed.ts';
export type { DemoUser } from './seed.ts';
export { APPEND_ONLY_TABLES, assignHubOwner, ensureLoginRole, grantHubAppRole, grantJobSchemaToAppRole } from './app-role.ts';
export { bootstrapHubDatabase } from './bootstrap-hub.ts';
export type { HubBootstrapOptions } from './bootstrap-hub.ts';
export { REGION_WAKE_CHANNEL, requestRegionWake, requestRegionWakeDb } from './region-wake.ts';
export type { WakeRequestOutcome } from './region-wake.ts';
