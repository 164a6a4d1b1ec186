import { PgBoss } from 'pg-boss';

/** The Postgres schema pg-boss lives in on the hub (createJobRunner's default). */
export const JOB_SCHEMA = 'pgboss';

/**
 * Installs or migrates pg-boss's schema without starting any worker, scheduler or maintenance. The hub's migration job
 * runs it as the migration role, so the schema and its functions belong to that role and services running as the
 * application role (which may not create objects) only read and write its rows. Idempotent: a schema at the current
 * version is left as it is.
 */
export async function installJobSchema(databaseUrl: string, schema: string = JOB_SCHEMA): Promise<void> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema,
    max: 1,
    migrate: true,
    schedule: false,
    supervise: false,
    application_name: 'sw-jobs-install',
  });
  await boss.start();
  await boss.stop({ graceful: false, timeout: 1000 });
}
