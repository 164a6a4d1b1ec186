/**
 * The hub's least-privilege roles on a real Postgres, set up the way the compose topology's hub-migrate job does it
 * (bootstrapHubDatabase: superuser creates the roles and hands the database to the migration role, which migrates and
 * grants the application role row access). Row access works; nothing that could bypass the append-only treasury ledger
 * does — no UPDATE / DELETE of a ledger row, no DISABLE / DROP of its trigger, no replacing its function, no TRUNCATE,
 * no session_replication_role, no CREATE in the schema.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbErrorOf, DEFAULT_TEST_DATABASE_ADMIN_URL, type TestDatabase } from '@sw/testing';
import { readEnv } from '@sw/config';
import type { HubDb } from './client.ts';
import { createJobRunner } from '@sw/jobs';
import { bootstrapHubDatabase } from './bootstrap-hub.ts';

const tag = randomBytes(4).toString('hex');
const role = `sw_test_app_${tag}`;
const migrator = `sw_test_migrator_${tag}`;
const manager = `sw_test_manager_${tag}`;
const adminUrl = readEnv('TEST_DATABASE_ADMIN_URL', DEFAULT_TEST_DATABASE_ADMIN_URL);
let tdb: TestDatabase<HubDb>;
let app: postgres.Sql;
let mgr: postgres.Sql;
let regionId: string;
let entryId: string;

const PERMISSION_DENIED = '42501'; // insufficient_privilege (also "must be owner of table")

const as = (user: string) => {
  const url = new URL(tdb.url);
  url.username = user;
  url.password = '';
  return url.toString();
};

beforeAll(async () => {
  tdb = await createTestDatabase({ kind: 'empty' });
  const options = { databaseUrl: as(migrator), adminUrl, appRoles: [{ name: role }, { name: manager, createDatabases: true }] };
  await bootstrapHubDatabase(options);
  await bootstrapHubDatabase(options); // idempotent: the job runs on every deploy
  app = postgres(as(role), { max: 2, onnotice: () => {} });
  mgr = postgres(as(manager), { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await app?.end({ timeout: 5 });
  await mgr?.end({ timeout: 5 });
  await tdb?.drop(); // drops the grants with the database
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (const r of [role, manager, migrator]) await admin.unsafe(`DROP ROLE IF EXISTS "${r}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
});

describe('hub application role', () => {
  it('the migration role owns the schema and every table; the application role owns nothing', async () => {
    const owners = await tdb.sql<{ owner: string; n: number }[]>`
      SELECT tableowner AS owner, count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' GROUP BY tableowner`;
    expect(owners.map((o) => o.owner)).toEqual([migrator]);
    expect(owners[0]!.n).toBeGreaterThan(10);
    const [schema] = await tdb.sql<{ owner: string }[]>`SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'public'`;
    expect(schema!.owner).toBe(migrator);
  });

  it('is a plain login role: not superuser, cannot create databases or roles, does not bypass RLS', async () => {
    const [r] = await app<{ rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; rolbypassrls: boolean }[]>`
      SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = current_user`;
    expect(r).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false });
  });

  it('reads and writes rows (DML), including appending to the ledger', async () => {
    const [region] = await app<{ id: string }[]>`
      INSERT INTO regions (name, display_name, region_type, total_sectors, status)
      VALUES (${`app-role-${randomBytes(3).toString('hex')}`}, 'App Role', 'player_owned', 1000, 'active') RETURNING id`;
    regionId = region!.id;
    await app`UPDATE regions SET display_name = 'Renamed' WHERE id = ${regionId}`;
    const [entry] = await app<{ id: string }[]>`
      INSERT INTO regional_treasury_entries (region_id, before_balance, after_balance, delta, cause_type)
      VALUES (${regionId}, 0, 100, 100, 'tax_collection') RETURNING id`;
    entryId = entry!.id;
    expect((await app`SELECT count(*)::int AS n FROM regional_treasury_entries WHERE region_id = ${regionId}`)[0]!.n).toBe(1);
  });

  it('cannot update or delete a ledger row', async () => {
    expect((await dbErrorOf(app`UPDATE regional_treasury_entries SET delta = 1000000, after_balance = 1000000 WHERE id = ${entryId}`)).code).toBe(PERMISSION_DENIED);
    expect((await dbErrorOf(app`DELETE FROM regional_treasury_entries WHERE id = ${entryId}`)).code).toBe(PERMISSION_DENIED);
  });

  it.each([
    ['disable the ledger trigger', 'ALTER TABLE regional_treasury_entries DISABLE TRIGGER trg_regional_treasury_entries_append_only'],
    ['disable every trigger', 'ALTER TABLE regional_treasury_entries DISABLE TRIGGER ALL'],
    ['drop the ledger trigger', 'DROP TRIGGER trg_regional_treasury_entries_append_only ON regional_treasury_entries'],
    ['replace the trigger function', "CREATE OR REPLACE FUNCTION regional_treasury_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$"],
    ['truncate the ledger', 'TRUNCATE regional_treasury_entries'],
    ['skip triggers for the session', 'SET session_replication_role = replica'],
    ['create a table in the schema', 'CREATE TABLE app_role_probe (id int)'],
    ['read the migration journal', 'SELECT * FROM drizzle.__drizzle_migrations'],
  ])('cannot %s', async (_label, statement) => {
    expect((await dbErrorOf(app.unsafe(statement))).code).toBe(PERMISSION_DENIED);
  });

  it('the region-manager role may create (scratch) databases but is as powerless over the ledger as the app role', async () => {
    const scratch = `${tdb.name}_scratch`;
    await mgr.unsafe(`CREATE DATABASE "${scratch}"`);
    await mgr.unsafe(`DROP DATABASE "${scratch}"`);
    expect((await dbErrorOf(app.unsafe(`CREATE DATABASE "${scratch}"`))).code).toBe(PERMISSION_DENIED);
    expect((await mgr`SELECT count(*)::int AS n FROM regions`)[0]!.n).toBeGreaterThanOrEqual(0);
    for (const statement of [
      'ALTER TABLE regional_treasury_entries DISABLE TRIGGER ALL',
      'TRUNCATE regional_treasury_entries',
      `UPDATE regional_treasury_entries SET delta = 0 WHERE id = '${entryId}'`,
    ]) {
      expect((await dbErrorOf(mgr.unsafe(statement))).code, statement).toBe(PERMISSION_DENIED);
    }
  });

  it('leaves the ledger unchanged, and its rows still go with their region (cascade runs as the owner)', async () => {
    const [row] = await tdb.sql<{ delta: string }[]>`SELECT delta FROM regional_treasury_entries WHERE id = ${entryId}`;
    expect(Number(row!.delta)).toBe(100);
    await app`DELETE FROM regions WHERE id = ${regionId}`;
    expect(await tdb.sql`SELECT 1 FROM regional_treasury_entries WHERE id = ${entryId}`).toHaveLength(0);
  });

  it('runs background jobs (pg-boss) as the application role: the schema is the migration role\'s, its rows are writable', async () => {
    const [schema] = await tdb.sql<{ owner: string }[]>`SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'pgboss'`;
    expect(schema!.owner).toBe(migrator);
    const ran: number[] = [];
    const runner = createJobRunner({
      databaseUrl: as(role),
      migrate: false,
      schedule: false,
      pollingIntervalSeconds: 0.5,
      jobs: [{ name: 'app-role-probe', handler: async (data: { n?: number }) => void ran.push(data.n ?? 0) }],
    });
    try {
      await runner.start();
      await runner.runNow('app-role-probe', { n: 7 });
      const deadline = Date.now() + 30_000;
      while (ran.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(ran).toEqual([7]);
    } finally {
      await runner.stop();
    }
    expect((await dbErrorOf(app.unsafe('CREATE TABLE pgboss.app_role_probe (id int)'))).code).toBe(PERMISSION_DENIED);
  });
});
