/**
 * Test fixtures for orchestrator integration tests: a minimal Central Nexus (region row + its capital
 * sector 2251, which is all the Phase-14 attach needs), users with tokens, polling, and a child-process
 * orchestrator runner whose processes and databases are cleaned up by label.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type postgres from 'postgres';
import { signAccessToken, type Claims } from '@sw/auth';
import { ADMIN_SCOPES } from '@sw/domain';
import { restErrorOf, type RestErrorBody } from '../api/rest-wire.ts';
import { REPO_ROOT } from '../config.ts';
import { findLabelledProcesses } from '../drivers/process/proc-fs.ts';
import { dropDbAndRole, listLabelledDatabases, openAdmin } from '../drivers/process/pg-admin.ts';

/** Inserts a Central Nexus region (sector ids 1–5000) with its capital sector 2251. Returns its id. */
export async function insertNexusFixture(sql: postgres.Sql): Promise<string> {
  const [nexus] = await sql<{ id: string }[]>`
    INSERT INTO regions (name, display_name, region_type, total_sectors, status, sector_id_start, sector_id_end, capital_sector_number, runtime_state)
    VALUES ('central-nexus', 'Central Nexus', 'central_nexus', 5000, 'active', 1, 5000, 2251, 'ready') RETURNING id`;
  const [cluster] = await sql<{ id: string }[]>`
    INSERT INTO clusters (region_id, cluster_number, name, cluster_type) VALUES (${nexus!.id}, 10, 'Gateway Plaza', 'TRADE_HUB') RETURNING id`;
  await sql`INSERT INTO sectors (sector_id, sector_number, region_id, cluster_id, is_capital, name)
            VALUES (2251, 2251, ${nexus!.id}, ${cluster!.id}, true, 'Nexus Capital')`;
  return nexus!.id;
}

/** Inserts a user + player and returns a signed access token for them. */
export async function userWithToken(sql: postgres.Sql, username: string, roles: Array<'player' | 'admin'> = ['player']) {
  const [u] = await sql<{ id: string }[]>`INSERT INTO users (username, display_name, roles) VALUES (${username}, ${username}, ${roles}) RETURNING id`;
  const [p] = await sql<{ id: string }[]>`INSERT INTO players (user_id, name) VALUES (${u!.id}, ${username}) RETURNING id`;
  const claims: Omit<Claims, 'exp'> = { sub: u!.id, username, playerId: p!.id, roles, scopes: roles.includes('admin') ? [...ADMIN_SCOPES] : [] };
  return { userId: u!.id, playerId: p!.id, claims: { ...claims, exp: Math.floor(Date.now() / 1000) + 3600 } as Claims, token: await signAccessToken(claims, { ttlSeconds: 3600 }) };
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * The first free loopback port of [from, to]: for programs that must run inside a helper's or a test's own port range
 * (a disposable PostgreSQL cluster, a Prometheus), where port 0 is not an option.
 */
export async function freePortInRange(from: number, to: number): Promise<number> {
  for (let p = from; p <= to; p++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer().once('error', () => resolve(false)).listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return p;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

export interface ChildOrchestrator {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: string | null }>;
  logFile: string;
  kill(): Promise<void>;
}

/** Starts `src/main.ts` as a child process with `env` and waits for its /health (unless it exits first). */
export async function spawnOrchestrator(env: Record<string, string>, port: number, opts: { waitHealthy?: boolean } = {}): Promise<ChildOrchestrator> {
  const dir = path.join(REPO_ROOT, 'var', 'test-logs');
  mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, `orchestrator-${env.ORCHESTRATOR_INSTANCE ?? 'x'}-${Date.now()}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'orchestrator', 'src', 'main.ts')], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, ORCHESTRATOR_PORT: String(port) },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  let dead = false;
  void exited.then(() => (dead = true));
  if (opts.waitHealthy !== false) {
    await waitFor('orchestrator /health', async () => {
      if (dead) throw new Error(`orchestrator exited early: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
      const res = await fetch(`${url}/health`).catch(() => null);
      return res?.ok ?? false;
    }, 60_000);
  }
  return {
    child, url, exited, logFile,
    async kill() {
      if (dead) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Kills every region-server and drops every region database carrying `instance` (afterAll cleanup). */
export async function cleanupInstance(hubUrl: string, instance: string): Promise<void> {
  for (const p of findLabelledProcesses({ 'sw-instance': instance })) {
    try {
      process.kill(-p.pid, 'SIGKILL');
    } catch {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  const admin = openAdmin(hubUrl);
  try {
    for (const d of await listLabelledDatabases(admin, instance)) await dropDbAndRole(admin, d.dbName, d.dbName);
  } finally {
    await admin.end({ timeout: 2 });
  }
}

/** Fetches `url` and returns its JSON body as `T`, the shape the caller expects from that route (not validated). */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  return (await res.json()) as T;
}

/**
 * One region-manager REST answer in a test. `body` is the parsed JSON typed as the route's success body `T` (see
 * api/rest-wire.ts; check `status` first), `error` the `{ code, message }` of an error body (else undefined).
 */
export interface RestResult<T> {
  status: number;
  body: T;
  error: RestErrorBody['error'] | undefined;
}

/** Calls the region-manager REST API of an orchestrator at `baseUrl` with an optional Bearer token and JSON body. */
export async function restCall<T = unknown>(baseUrl: string, method: string, p: string, token: string | null, body?: unknown): Promise<RestResult<T>> {
  const res = await fetch(`${baseUrl}${p}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json: unknown = await res.json();
  // The success shape is the route's declared contract (rest-wire.ts), not re-validated here.
  return { status: res.status, body: json as T, error: restErrorOf(json) };
}
