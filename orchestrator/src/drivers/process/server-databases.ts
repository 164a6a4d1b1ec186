/**
 * Region databases as databases on one existing Postgres server — the process driver's provider: the hub's own server
 * today; any shared server (a managed Postgres, a CloudNativePG cluster) with a role that may create roles and
 * databases works the same way. Each database is owned by its region's role and carries the COMMENT
 * `sw-orchestrator:<instance>:<regionId>`, so this instance finds its own (and its orphans) without guessing by name.
 */
import type postgres from 'postgres';
import type { DatabaseRef, RegionDatabaseProvider } from '../driver.ts';
import { DB_COMMENT_PREFIX, dropDbAndRole, ensureDb, ensureRole, listLabelledDatabases, openAdmin, regionDatabaseUrl } from './pg-admin.ts';

export interface ServerDatabaseProviderOptions {
  /** A URL of the server, as a role allowed to create roles and databases (the hub URL in the embedded default). */
  serverUrl: string;
  /** Ownership label (tests use a unique one). */
  instance?: string;
}

export function createServerDatabaseProvider(opts: ServerDatabaseProviderOptions): RegionDatabaseProvider {
  const instance = opts.instance ?? 'default';
  let adminSql: postgres.Sql | null = null;
  const admin = () => (adminSql ??= openAdmin(opts.serverUrl));
  const provider: RegionDatabaseProvider = {
    name: 'server',

    async ensureDatabase(ref: DatabaseRef) {
      await ensureRole(admin(), ref.roleName, ref.password);
      const created = await ensureDb(admin(), ref.dbName, ref.roleName, `${DB_COMMENT_PREFIX}:${instance}:${ref.regionId}`);
      return { url: regionDatabaseUrl(opts.serverUrl, ref.dbName, ref.roleName, ref.password), created };
    },

    async databaseExists(dbName: string) {
      const rows = await admin()`SELECT 1 FROM pg_database WHERE datname = ${dbName}`;
      return rows.length > 0;
    },

    async dropDatabase(ref) {
      return { dropped: await dropDbAndRole(admin(), ref.dbName, ref.roleName) };
    },

    // The databases live on the shared hub server: nothing runs for one region alone (docs/rules/hibernation.md).
    suspendDatabase: () => Promise.resolve({ stopped: false }),

    listOwnedDatabases: () => listLabelledDatabases(admin(), instance),

    async removeOrphanDatabases(keep) {
      const removed: string[] = [];
      for (const d of await provider.listOwnedDatabases()) {
        if (d.regionId && keep.has(d.regionId)) continue;
        await dropDbAndRole(admin(), d.dbName, d.dbName);
        removed.push(d.dbName);
      }
      return removed;
    },

    async close() {
      await adminSql?.end({ timeout: 5 });
      adminSql = null;
    },
  };
  return provider;
}
