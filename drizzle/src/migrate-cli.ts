/**
 * Migrates the hub database named by DATABASE_URL (default @sw/config DEFAULT_DATABASE_URL),
 * creating the database first if it does not exist. `--seed` also inserts the demo users.
 * Usage: pnpm run db:migrate [-- --seed]
 */
import { DEFAULT_DATABASE_URL, readEnv } from '@sw/config';
import { createDb } from './client.ts';
import { ensureDatabase } from './ensure-database.ts';
import { migrateHub } from './migrate.ts';
import { seedDemoUsers } from './seed.ts';

const url = readEnv('DATABASE_URL', DEFAULT_DATABASE_URL);
const redacted = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
const started = performance.now();
try {
  const created = await ensureDatabase(url);
  await migrateHub(url);
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
    `migrated ${redacted}${created ? ' (database created)' : ''}${seeded} in ${Math.round(performance.now() - started)} ms`,
  );
} catch (err) {
  console.error(`migration of ${redacted} failed:`, err);
  process.exitCode = 1;
}
