/**
 * Region database administration on the hub Postgres server (process driver). Uses a superuser
 * connection to the server's maintenance database. Each database carries a COMMENT
 * `sw-orchestrator:<instance>:<regionId>` so orphans can be found by owner without guessing by name.
 */
import postgres from 'postgres';
import { quoteIdent } from '@sw/db';

export const DB_COMMENT_PREFIX = 'sw-orchestrator';

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Admin connection to the `postgres` maintenance database of the server behind `hubUrl`. */
export function openAdmin(hubUrl: string): postgres.Sql {
  const u = new URL(hubUrl);
  u.pathname = '/postgres';
  return postgres(u.toString(), { max: 2, idle_timeout: 5, onnotice: () => {} });
}

/** URL of a region database reached with its own role and password. */
export function regionDatabaseUrl(hubUrl: string, dbName: string, roleName: string, password: string): string {
  const u = new URL(hubUrl);
  u.username = roleName;
  u.password = password;
  u.pathname = `/${dbName}`;
  return u.toString();
}

/** Creates or re-asserts the login role with `password`. */
export async function ensureRole(admin: postgres.Sql, roleName: string, password: string): Promise<void> {
  const exists = await admin`SELECT 1 FROM pg_roles WHERE rolname = ${roleName}`;
  const stmt = (verb: string) => `${verb} ROLE ${quoteIdent(roleName)} LOGIN CONNECTION LIMIT 20 PASSWORD ${quoteLiteral(password)}`;
  if (exists.length === 0) {
    try {
      await admin.unsafe(stmt('CREATE'));
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '42710') throw err; // duplicate_object: a racer created it
    }
  }
  await admin.unsafe(stmt('ALTER'));
}

/** Creates the database owned by `roleName` unless it exists; labels it. Returns true when created. */
export async function ensureDb(admin: postgres.Sql, dbName: string, roleName: string, label: string): Promise<boolean> {
  const exists = await admin`SELECT 1 FROM pg_database WHERE datname = ${dbName}`;
  let created = false;
  if (exists.length === 0) {
    try {
      await admin.unsafe(`CREATE DATABASE ${quoteIdent(dbName)} OWNER ${quoteIdent(roleName)}`);
      created = true;
    } catch (err) {
      if ((err as { code?: string }).code !== '42P04') throw err; // duplicate_database
    }
  }
  await admin.unsafe(`COMMENT ON DATABASE ${quoteIdent(dbName)} IS ${quoteLiteral(label)}`);
  return created;
}

/** Drops a database (closing its sessions) and then the role; each part is a no-op when absent. */
export async function dropDbAndRole(admin: postgres.Sql, dbName: string, roleName: string): Promise<boolean> {
  const exists = await admin`SELECT 1 FROM pg_database WHERE datname = ${dbName}`;
  if (exists.length > 0) await admin.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`);
  await admin.unsafe(`DROP ROLE IF EXISTS ${quoteIdent(roleName)}`);
  return exists.length > 0;
}

/** Databases labelled by this orchestrator instance, with the region id from the label. */
export async function listLabelledDatabases(admin: postgres.Sql, instance: string): Promise<Array<{ dbName: string; regionId: string | null }>> {
  const prefix = `${DB_COMMENT_PREFIX}:${instance}:`;
  const rows = await admin<{ datname: string; label: string | null }[]>`
    SELECT datname, shobj_description(oid, 'pg_database') AS label FROM pg_database WHERE datname LIKE 'region\\_%'`;
  return rows
    .filter((r) => r.label?.startsWith(prefix))
    .map((r) => ({ dbName: r.datname, regionId: r.label!.slice(prefix.length) || null }));
}
