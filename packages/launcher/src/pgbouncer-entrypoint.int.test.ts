/**
 * The compose topology's hub pooler, without Docker: packages/launcher/docker/pgbouncer-entrypoint.sh (what the
 * hub-pgbouncer image runs) on this machine's pgbouncer 1.18, in front of a fresh test database, with its own login
 * role and password. Clients authenticate with SCRAM against the password the entrypoint put in the auth file, the pool
 * is in transaction mode, and a wrong password gets in nowhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type HubDb } from '@sw/db';
import { createTestDatabase, freePort, insertRegion, waitFor, type TestDatabase } from '@sw/testing';
import { REPO_ROOT } from './service-table.ts';

const role = `sw_pgb_${randomBytes(4).toString('hex')}`;
const password = randomBytes(24).toString('hex');
let t: TestDatabase<HubDb>;
let dir: string;
let port: number;
let child: ChildProcess | undefined;
let output = '';

const url = (pw: string) => `postgres://${role}:${pw}@127.0.0.1:${port}/${t.name}`;

beforeAll(async () => {
  t = await createTestDatabase();
  await insertRegion(t.db, { name: `pooled-${role.slice(-8)}` });
  await t.sql.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await t.sql.unsafe(`GRANT SELECT ON regions TO ${role}`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'sw-pgbouncer-entry-'));
  port = await freePort();
  // pgbouncer refuses to run as root; the image runs it as postgres too.
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  // The postgres user may not be able to enter the checkout (CI clones into a 0700 temp dir): run a copy from `dir`.
  const entrypoint = path.join(dir, 'pgbouncer-entrypoint.sh');
  copyFileSync(path.join(REPO_ROOT, 'packages/launcher/docker/pgbouncer-entrypoint.sh'), entrypoint);
  chownSync(entrypoint, uid, gid);
  child = spawn('sh', [entrypoint], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      PGBOUNCER_SERVER_HOST: '127.0.0.1',
      PGBOUNCER_SERVER_PORT: '5432',
      PGBOUNCER_DATABASE: t.name,
      PGBOUNCER_USER: role,
      PGBOUNCER_PASSWORD: password,
      PGBOUNCER_POOL_SIZE: '2',
      PGBOUNCER_PORT: String(port),
      PGBOUNCER_LISTEN: '127.0.0.1',
      PGBOUNCER_RUN_DIR: dir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(process.getuid?.() === 0 ? { uid, gid } : {}),
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor('pgbouncer from the entrypoint answering', async () => {
    if (child?.exitCode !== null) throw new Error(`entrypoint exited: ${output}`);
    const probe = postgres(url(password), { max: 1, prepare: false, connect_timeout: 2, onnotice: () => {} });
    try {
      await probe`SELECT 1`;
      return true;
    } finally {
      await probe.end({ timeout: 1 });
    }
  });
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  await t?.sql.unsafe(`REVOKE ALL ON regions FROM ${role}`).catch(() => undefined);
  await t?.drop();
  const admin = postgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end({ timeout: 5 }));
});

describe('hub-pgbouncer entrypoint', () => {
  it('serves the hub database to its role in transaction pooling, with postgres.js prepared statements off', async () => {
    const h = createDb(url(password), { max: 6, poolMode: 'transaction' });
    try {
      const counts = await Promise.all(Array.from({ length: 12 }, () => h.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM regions`));
      expect(counts.map((r) => r[0]!.n)).toEqual(Array(12).fill(1));
      const [who] = await h.sql<{ u: string }[]>`SELECT current_user AS u`;
      expect(who!.u).toBe(role);
    } finally {
      await h.close();
    }
  });

  it('refuses a wrong password (SCRAM against the auth file the entrypoint wrote)', async () => {
    const wrong = postgres(url('not-the-password'), { max: 1, prepare: false, connect_timeout: 5, onnotice: () => {} });
    try {
      await expect(wrong`SELECT 1`).rejects.toThrow(/password authentication failed|SASL/);
    } finally {
      await wrong.end({ timeout: 1 });
    }
  });
});
