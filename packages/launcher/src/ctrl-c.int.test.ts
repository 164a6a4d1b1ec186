/**
 * Ctrl-C on `npm start`, for real: the launcher (packages/launcher/src/start.ts) runs the platform on free ports and
 * a database this test creates; a player buys a region through the gateway and the PayPal emulator (the ACTIVATED
 * webhook provisions it to READY); then SIGINT goes to the launcher's whole process group, as a terminal sends it.
 * Nothing of the platform may be left — no service, no region-server — and the region keeps its desired state: the
 * next start on the same database brings it back READY on a new region-server process.
 *
 * Before the fix the orchestrator received the terminal's SIGINT and then the launcher's SIGTERM; the second signal
 * made it exit right after "orchestrator stopped", before it stopped its region-servers (detached, so they
 * survived). The web app is left out (SW_SERVICES): it plays no part here and its build belongs to the e2e stage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_URL } from '@sw/config';
import { dropDatabase, ensureDatabase } from './database.ts';
import { REPO_ROOT } from './service-table.ts';

const SERVICES = ['paypal', 'nexus', 'region', 'governance', 'orchestrator', 'gateway'] as const;
const runId = randomBytes(4).toString('hex');
const instance = `ctrlc-${runId}`;
const dbUrl = (() => {
  const u = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  u.pathname = `/sw_ctrlc_${runId}`;
  return u.toString();
})();
let ports: Record<(typeof SERVICES)[number], number>;
let hub: postgres.Sql;
const launchers: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

/** True while any process of the group exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Live processes whose argv carries this run's orchestrator instance label (the region-servers it started). */
function regionServers(): number[] {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e)).flatMap((pid) => {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      return argv.includes(`--sw-instance=${instance}`) && state !== 'Z' ? [Number(pid)] : [];
    } catch {
      return [];
    }
  });
}

/** Starts the launcher as its own process group (a terminal's foreground job) and waits until every service is healthy. */
async function startPlatform(): Promise<{ child: ChildProcess; exited: Promise<number | null>; output: () => string }> {
  let out = '';
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'packages/launcher/src/start.ts')], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      SW_SERVICES: SERVICES.join(','),
      GATEWAY_PORT: String(ports.gateway),
      NEXUS_PORT: String(ports.nexus),
      REGION_PORT: String(ports.region),
      GOVERNANCE_PORT: String(ports.governance),
      ORCHESTRATOR_PORT: String(ports.orchestrator),
      PAYPAL_EMULATOR_PORT: String(ports.paypal),
      ORCHESTRATOR_INSTANCE: instance,
      EVENTS_PREFIX: `${instance}:`,
      RUNTIME_DRIVER: 'process',
      LOG_LEVEL: 'warn',
    },
  });
  launchers.push(child);
  child.stdout?.on('data', (b: Buffer) => (out += b.toString('utf8')));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString('utf8')));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  await waitFor('all services healthy', async () => {
    if (gone) throw new Error(`launcher exited early:\n${out}`);
    return out.includes('all services healthy');
  }, 180_000).catch((err: Error) => {
    throw new Error(`${err.message}\n${out.slice(-3000)}`);
  });
  return { child, exited, output: () => out };
}

/** Ctrl-C: SIGINT to the launcher's whole process group (launcher and every service), then the launcher's exit. */
async function ctrlC(p: { child: ChildProcess; exited: Promise<number | null> }): Promise<number | null> {
  process.kill(-p.child.pid!, 'SIGINT');
  return await Promise.race([p.exited, sleep(60_000).then(() => 'timeout' as const)]).then((r) => {
    if (r === 'timeout') throw new Error('the launcher did not exit within 60 s of Ctrl-C');
    return r;
  });
}

const gateway = () => `http://127.0.0.1:${ports.gateway}`;
async function gql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${gateway()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}
async function devLogin(username: string): Promise<string> {
  const res = await fetch(`${gateway()}/api/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  return ((await res.json()) as { token: string }).token;
}

interface OwnedRegion {
  id: string;
  name: string;
  status: string;
  runtime: { state: string } | null;
}
const OWNED = '{ me { player { ownedRegions { id name status runtime { state } } } } }';
async function ownedRegion(token: string, name: string): Promise<OwnedRegion | null> {
  const d = await gql<{ me: { player: { ownedRegions: OwnedRegion[] } } }>(token, OWNED);
  return d.me.player.ownedRegions.find((r) => r.name === name) ?? null;
}
async function regionServerPid(regionId: string): Promise<number | null> {
  const [r] = await hub<{ pid: string | null }[]>`SELECT runtime_observed->>'pid' AS pid FROM regions WHERE id = ${regionId}`;
  return r?.pid ? Number(r.pid) : null;
}

beforeAll(async () => {
  ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const))) as typeof ports;
  await ensureDatabase(dbUrl);
  hub = postgres(dbUrl, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  // Whatever a failed run left: the launchers' process groups, then this instance's region-servers.
  for (const c of launchers) if (c.pid && groupAlive(c.pid)) process.kill(-c.pid, 'SIGKILL');
  for (const pid of regionServers()) process.kill(pid, 'SIGKILL');
  await hub?.end();
  await dropDatabase(dbUrl);
}, 60_000);

describe('Ctrl-C on the launcher', () => {
  it('leaves no process of the platform (region-servers included); the next start brings the bought region back READY', async () => {
    const first = await startPlatform();
    const token = await devLogin('carol');
    const regionName = `ctrlc-${runId}`;

    // Buy a region: subscription through the gateway, the buyer's approval on the emulator, the ACTIVATED webhook.
    const created = await gql<{ createSubscription: { approvalUrl: string } }>(
      token,
      'mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) { approvalUrl } }',
      { input: { plan: 'REGIONAL_OWNER', regionName, sizeTier: 'standard' } },
    );
    const approval = new URL(created.createSubscription.approvalUrl);
    const approved = await fetch(`${approval.origin}${approval.pathname}`, { method: 'POST', headers: { accept: 'application/json' }, body: new URLSearchParams({ email: 'buyer@example.com' }) });
    expect(approved.status).toBe(200);
    const ready = await waitFor('the bought region READY', async () => {
      const r = await ownedRegion(token, regionName);
      return r?.runtime?.state === 'READY' ? r : null;
    }, 120_000);
    const pid1 = await regionServerPid(ready.id);
    expect(pid1).toEqual(expect.any(Number));
    expect(regionServers()).toEqual([pid1]);

    expect(await ctrlC(first)).toBe(0);
    // The services leave with the launcher; the region-server (its own process group) must be gone as well.
    await waitFor('no process of the platform left', async () => !groupAlive(first.child.pid!) && regionServers().length === 0, 30_000).catch((err: Error) => {
      throw new Error(`${err.message}: group alive ${groupAlive(first.child.pid!)}, region-servers ${JSON.stringify(regionServers())}\n${first.output().slice(-2000)}`);
    });
    const [row] = await hub`SELECT desired_state, status FROM regions WHERE id = ${ready.id}`;
    expect(row).toEqual({ desired_state: 'running', status: 'active' });
    const [ev] = await hub<{ n: number }[]>`SELECT count(*)::int AS n FROM region_events WHERE region_id_snapshot = ${ready.id} AND reason = 'StoppedOnExit'`;
    expect(ev!.n).toBe(1);

    // The next start on the same database: the region comes back READY on a new region-server.
    const second = await startPlatform();
    const token2 = await devLogin('carol');
    const back = await waitFor('the region READY again on a new region-server', async () => {
      const r = await ownedRegion(token2, regionName);
      const pid = r?.runtime?.state === 'READY' ? await regionServerPid(r.id) : null;
      return pid && pid !== pid1 && regionServers().includes(pid) ? { r, pid } : null;
    }, 120_000);
    expect(back.r).toMatchObject({ id: ready.id, status: 'ACTIVE' });

    expect(await ctrlC(second)).toBe(0);
    await waitFor('no process left after the second Ctrl-C', async () => !groupAlive(second.child.pid!) && regionServers().length === 0, 30_000);
  }, 600_000);
});
