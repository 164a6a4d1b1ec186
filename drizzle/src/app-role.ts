/**
 * Least-privilege access to the hub database (docs/decisions/hub-database-roles.md): the migration role owns the
 * schema (runs drizzle migrations, owns tables, triggers and functions); services connect as an application role that
 * may only read and write rows. Because it owns nothing, the application role cannot ALTER a table, DISABLE or DROP
 * the append-only ledger trigger, replace its function, TRUNCATE, or CREATE objects; `session_replication_role`
 * (which skips triggers) is superuser-only. Append-only tables additionally get no UPDATE / DELETE grant, so the
 * ledger is protected twice (privileges, then the trigger); their rows still go with their region through the
 * ON DELETE CASCADE, which Postgres runs with the table owner's rights.
 */
import type postgres from 'postgres';
import { quoteIdent } from './ensure-database.ts';

/** Tables whose rows are never changed or deleted by the application (a trigger enforces it too). */
export const APPEND_ONLY_TABLES: readonly string[] = ['regional_treasury_entries', 'audit_log'];

/** Role names we create or grant to: lower-case identifiers only (they are interpolated as quoted identifiers). */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function roleIdent(role: string): string {
  if (!ROLE_NAME.test(role)) throw new Error(`invalid role name "${role}" (lower-case letters, digits and _ only)`);
  return quoteIdent(role);
}

/**
 * Creates a plain login role (the migration role or the application role) when it does not exist, run as a role with
 * CREATEROLE (the server's superuser). It never gets SUPERUSER, CREATEROLE, REPLICATION or BYPASSRLS, and CREATEDB only
 * with `createDatabases` (the region-manager restores backups into scratch databases to verify them; a database it
 * creates is its own, which gives it nothing over the hub's tables).
 * `password`, when given, is set on every call (rotation); without one the server's auth rules decide (trust on a dev
 * machine).
 */
export async function ensureLoginRole(
  sql: postgres.Sql,
  role: string,
  password?: string,
  opts: { createDatabases?: boolean } = {},
): Promise<void> {
  const ident = roleIdent(role);
  const exists = await sql`SELECT 1 FROM pg_roles WHERE rolname = ${role}`;
  const attrs = `LOGIN NOSUPERUSER ${opts.createDatabases ? 'CREATEDB' : 'NOCREATEDB'} NOCREATEROLE NOREPLICATION NOBYPASSRLS`;
  if (exists.length === 0) {
    try {
      await sql.unsafe(`CREATE ROLE ${ident} ${attrs}`);
    } catch (err) {
      if ((err as { code?: string }).code !== '42710') throw err; // duplicate_object: created concurrently
    }
  } else {
    await sql.unsafe(`ALTER ROLE ${ident} ${attrs}`);
  }
  if (password !== undefined) {
    // A bound parameter cannot carry a password in ALTER ROLE; format() quotes it as a literal server-side.
    const [row] = await sql<{ stmt: string }[]>`SELECT format('ALTER ROLE %I PASSWORD %L', ${role}::text, ${password}::text) AS stmt`;
    await sql.unsafe(row!.stmt);
  }
}

/**
 * Grants `role` row access (SELECT, INSERT, UPDATE, DELETE on tables; USAGE, SELECT, UPDATE on sequences) on every
 * table of the hub's public schema, now and for tables the current role creates later, and nothing else; append-only
 * tables lose UPDATE and DELETE. Run as the schema owner (the migration role) after every migration; idempotent.
 */
export async function grantHubAppRole(sql: postgres.Sql, role: string): Promise<void> {
  const ident = roleIdent(role);
  const [db] = await sql<{ name: string }[]>`SELECT current_database() AS name`;
  const statements = [
    `GRANT CONNECT ON DATABASE ${quoteIdent(db!.name)} TO ${ident}`,
    `GRANT USAGE ON SCHEMA public TO ${ident}`,
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `REVOKE CREATE ON SCHEMA public FROM ${ident}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ident}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${ident}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ident}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${ident}`,
    ...APPEND_ONLY_TABLES.map((t) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdent(t)} FROM ${ident}`),
  ];
  await sql.begin(async (tx) => {
    for (const stmt of statements) await tx.unsafe(stmt);
  });
}

/**
 * Grants `role` what pg-boss needs at run time in its schema (JOB_SCHEMA of @sw/jobs): USAGE on the schema, row access
 * on its tables and sequences (now and later), EXECUTE on its functions; never CREATE, so the application role can
 * queue, fetch and complete jobs but not change pg-boss's tables. Run as the schema owner after installJobSchema; a
 * database without the schema is left alone.
 */
export async function grantJobSchemaToAppRole(sql: postgres.Sql, role: string, schema: string): Promise<void> {
  const ident = roleIdent(role);
  const [found] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = ${schema}`;
  if (!found || found.n === 0) return;
  const s = quoteIdent(schema);
  const statements = [
    `GRANT USAGE ON SCHEMA ${s} TO ${ident}`,
    `REVOKE CREATE ON SCHEMA ${s} FROM ${ident}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${ident}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${ident}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${ident}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ident}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${ident}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT EXECUTE ON FUNCTIONS TO ${ident}`,
  ];
  await sql.begin(async (tx) => {
    for (const stmt of statements) await tx.unsafe(stmt);
  });
}

/**
 * Hands the database of `sql` to `owner` (run as the server superuser): the database and its public schema belong to
 * the migration role, PUBLIC loses CONNECT (only roles granted it may connect), so everything the migrations create is
 * the migration role's and nothing is the application role's.
 */
export async function assignHubOwner(sql: postgres.Sql, owner: string): Promise<void> {
  const ident = roleIdent(owner);
  const [db] = await sql<{ name: string }[]>`SELECT current_database() AS name`;
  await sql.unsafe(`ALTER DATABASE ${quoteIdent(db!.name)} OWNER TO ${ident}`);
  await sql.unsafe(`ALTER SCHEMA public OWNER TO ${ident}`);
  await sql.unsafe(`REVOKE ALL ON DATABASE ${quoteIdent(db!.name)} FROM PUBLIC`);
  await sql.unsafe(`GRANT CONNECT ON DATABASE ${quoteIdent(db!.name)} TO ${ident}`);
}
