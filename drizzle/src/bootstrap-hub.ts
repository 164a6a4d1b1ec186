import postgres from 'postgres';
import { installJobSchema, JOB_SCHEMA } from '@sw/jobs';
import { assignHubOwner, ensureLoginRole, grantHubAppRole, grantJobSchemaToAppRole } from './app-role.ts';
import { ensureDatabase } from './ensure-database.ts';
import { migrateHub } from './migrate.ts';

export interface HubBootstrapOptions {
  /** The hub database as the migration role (user + password of DATABASE_URL; the role owns the schema). */
  databaseUrl: string;
  /** A superuser connection (any database of the server); when given, roles and ownership are set up first. */
  adminUrl?: string;
  /**
   * Roles services connect as, each granted row access only (DML) after the migrations; `createDatabases` adds
   * CREATEDB (the region-manager's backup verification).
   */
  appRoles?: { name: string; password?: string; createDatabases?: boolean }[];
}

/**
 * Prepares the hub database for least-privilege services (docs/decisions/hub-database-roles.md), idempotently, so a
 * one-shot job can run it on every deploy:
 *  1. with `adminUrl`: create or update the migration role (DATABASE_URL's user and password) and the application
 *     roles as plain login roles, create the database if missing, hand it and its public schema to the migration role;
 *  2. as the migration role: apply the pending hub migrations and install pg-boss's schema (background jobs), so both
 *     belong to the migration role;
 *  3. grant each application role row access only (grantHubAppRole, grantJobSchemaToAppRole).
 */
export async function bootstrapHubDatabase(opts: HubBootstrapOptions): Promise<{ created: boolean }> {
  const target = new URL(opts.databaseUrl);
  const migrator = decodeURIComponent(target.username);
  const migratorPassword = target.password === '' ? undefined : decodeURIComponent(target.password);
  let created = false;
  if (opts.adminUrl) {
    const admin = new URL(opts.adminUrl);
    const server = postgres(admin.toString(), { max: 1, onnotice: () => {} });
    try {
      if (!migrator) throw new Error('DATABASE_URL must name the migration role (user) when HUB_DB_ADMIN_URL is set');
      await ensureLoginRole(server, migrator, migratorPassword);
      for (const r of opts.appRoles ?? []) await ensureLoginRole(server, r.name, r.password, { createDatabases: r.createDatabases ?? false });
    } finally {
      await server.end({ timeout: 5 });
    }
    admin.pathname = target.pathname;
    created = await ensureDatabase(admin.toString());
    const onDb = postgres(admin.toString(), { max: 1, onnotice: () => {} });
    try {
      await assignHubOwner(onDb, migrator);
    } finally {
      await onDb.end({ timeout: 5 });
    }
  } else {
    created = await ensureDatabase(opts.databaseUrl);
  }
  await migrateHub(opts.databaseUrl);
  await installJobSchema(opts.databaseUrl, JOB_SCHEMA);
  if (opts.appRoles?.length) {
    const sql = postgres(opts.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      for (const r of opts.appRoles) {
        await grantHubAppRole(sql, r.name);
        await grantJobSchemaToAppRole(sql, r.name, JOB_SCHEMA);
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
  return { created };
}
