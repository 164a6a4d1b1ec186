/**
 * ORCHESTRATOR_STOP_REGIONS_ON_EXIT (the launcher sets it, so Ctrl-C on `npm start` leaves no processes),
 * with the orchestrator as a CHILD PROCESS stopped by SIGTERM (the real graceful path through main.ts):
 * - default (unset): a graceful stop leaves the region-server running; the next start adopts it;
 * - set: a graceful stop stops the region-server, desired state stays `running`, a StoppedOnExit event is
 *   recorded, and the next start brings the region back to ready with a new process — also when the stop is
 *   SIGINT + SIGTERM back to back, as Ctrl-C under the launcher delivers it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { findLabelledProcesses, isPidAlive } from './drivers/process/proc-fs.ts';
import { cleanupInstance, freePort, insertNexusFixture, spawnOrchestrator, userWithToken, waitFor, type ChildOrchestrator } from './testing/fixtures.ts';

const instance = `stopexit-${randomUUID().slice(0, 8)}`;
let tdb: TestDatabase<HubDb>;
let port: number;
let token: string;
let ownerId: string;
const children: ChildOrchestrator[] = [];
const env = (stop: boolean) => ({
  DATABASE_URL: tdb.url,
  ORCHESTRATOR_INSTANCE: instance,
  RECONCILE_RESYNC_MS: '500',
  HEALTH_PERIOD_MS: '500',
  BACKUP_DIR: `/tmp/${instance}`,
  ...(stop ? { ORCHESTRATOR_STOP_REGIONS_ON_EXIT: 'true' } : {}),
});

async function start(stop: boolean) {
  const c = await spawnOrchestrator(env(stop), port);
  children.push(c);
  return c;
}

/**
 * Ctrl-C on `npm start` is TWO signals for the orchestrator: the terminal's SIGINT (to the whole process group)
 * and right after it the launcher's SIGTERM. The second must not cut the first's shutdown short.
 */
const CTRL_C_UNDER_LAUNCHER: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

async function gracefulStop(c: ChildOrchestrator, signals: NodeJS.Signals[] = ['SIGTERM']) {
  for (const s of signals) c.child.kill(s);
  const exit = await c.exited;
  expect(exit.code).toBe(0);
}

const processesOf = (regionId: string) => findLabelledProcesses({ 'sw-instance': instance, 'sw-region-id': regionId });

async function readyRegion(name: string) {
  return await waitFor(`${name} ready`, async () => {
    const [r] = await tdb.sql<{ id: string; runtime_state: string; runtime_endpoint: string; pid: string | null; desired_state: string }[]>`
      SELECT id, runtime_state, runtime_endpoint, runtime_observed->>'pid' AS pid, desired_state FROM regions WHERE name = ${name}`;
    if (r?.runtime_state !== 'ready' || !r.pid) return null;
    const res = await fetch(`${r.runtime_endpoint}/health`).catch(() => null);
    return res?.ok ? r : null;
  }, 90_000, 100);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await insertNexusFixture(tdb.sql);
  const admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
  token = admin.token;
  ownerId = admin.playerId;
  port = await freePort();
});

afterAll(async () => {
  for (const c of children) await c.kill();
  await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
});

describe('ORCHESTRATOR_STOP_REGIONS_ON_EXIT', () => {
  it('unset keeps region-servers across a graceful stop; set stops them and the next start brings them back', async () => {
    const first = await start(false);
    const res = await fetch(`${first.url}/regions/provision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'stop-on-exit', owner_id: ownerId }),
    });
    expect(res.status).toBe(202);
    const r1 = await readyRegion('stop-on-exit');

    // Default: the region outlives the orchestrator.
    await gracefulStop(first);
    expect(isPidAlive(Number(r1.pid))).toBe(true);

    // With the flag: the next instance adopts the same process, and its graceful stop ends it.
    const second = await start(true);
    const r2 = await readyRegion('stop-on-exit');
    expect(r2.pid).toBe(r1.pid);
    await gracefulStop(second, CTRL_C_UNDER_LAUNCHER);
    await waitFor('region-server gone', async () => !isPidAlive(Number(r1.pid)) && processesOf(r1.id).length === 0, 10_000, 50);
    const [afterStop] = await tdb.sql`SELECT desired_state, status FROM regions WHERE id = ${r1.id}`;
    expect(afterStop).toEqual({ desired_state: 'running', status: 'active' });
    const [ev] = await tdb.sql`SELECT count(*)::int AS n FROM region_events WHERE region_id_snapshot = ${r1.id} AND reason = 'StoppedOnExit'`;
    expect(ev!.n).toBe(1);

    // The next start notices the stack is gone and brings the region back (new process, same desired state).
    const third = await start(true);
    const r3 = await waitFor('region back with a new process', async () => {
      const r = await readyRegion('stop-on-exit');
      return r.pid !== r1.pid ? r : null;
    }, 60_000, 200);
    expect(isPidAlive(Number(r3.pid))).toBe(true);
    expect(processesOf(r1.id)).toHaveLength(1);
    await gracefulStop(third);
    await waitFor('region-server gone again', async () => processesOf(r1.id).length === 0, 10_000, 50);
  });
});
