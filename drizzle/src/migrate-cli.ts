/**
 * Migrates the hub database named by DATABASE_URL (default @sw/config DEFAULT_DATABASE_URL), creating the database
 * first if it does not exist. `--seed` also inserts the demo users.
 * Usage: pnpm run db:migrate [-- --seed]
 *
 * Least-privilege deployments (docs/decisions/hub-database-roles.md) also set:
 *   HUB_DB_ADMIN_URL       a superuser URL: create/update the roles and hand the database to DATABASE_URL's user first
 *   DATABASE_APP_ROLE      the role services connect as; granted row access only after the migrations
 *   DATABASE_APP_PASSWORD  its password (set on every run, so rotating it is a redeploy)
 *   DATABASE_MANAGER_ROLE / DATABASE_MANAGER_PASSWORD  the region-manager's role: row access + CREATEDB (scratch
 *                          databases for backup verification)
 */
import { DEFAULT_DATABASE_URL, readEnv } from '@sw/config';
import { bootstrapHubDatabase } from './bootstrap-hub.ts';
import { createDb } from './client.ts';
import { seedDemoUsers } from './seed.ts';

const url = readEnv('DATABASE_URL', DEFAULT_DATABASE_URL);
const redacted = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
const adminUrl = readEnv('HUB_DB_ADMIN_URL', '');
const appRoles = [
  { name: readEnv('DATABASE_APP_ROLE', ''), password: readEnv('DATABASE_APP_PASSWORD', ''), createDatabases: false },
  { name: readEnv('DATABASE_MANAGER_ROLE', ''), password: readEnv('DATABASE_MANAGER_PASSWORD', ''), createDatabases: true },
]
  .filter((r) => r.name !== '')
  .map((r) => ({ name: r.name, createDatabases: r.createDatabases, ...(r.password ? { password: r.password } : {}) }));
const started = performance.now();
try {
  const { created } = await bootstrapHubDatabase({
    databaseUrl: url,
    ...(adminUrl ? { adminUrl } : {}),
    appRoles,
  });
  let seeded = '';
  if (process.argv.includes('--seed')) {
    const handle = createDb(url, { max: 1 });
    try {
      seeded = `, seeded ${(await seedDemoUsers(handle.db)).length} demo users`;
    } finally {
      await handle.close();
    }
  }
  console.log(
    `migrated ${redacted}${created ? ' (database created)' : ''}${appRoles.length ? `, granted row access to ${appRoles.map((r) => r.name).join(', ')}` : ''}${seeded} in ${Math.round(performance.now() - started)} ms`,
  );
} catch (err) {
  console.error(`migration of ${redacted} failed:`, err);
  process.exitCode = 1;
}
