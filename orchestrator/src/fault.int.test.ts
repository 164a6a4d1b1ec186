/**
 * Crash-safety of the provisioning saga and health recovery, with the orchestrator as a CHILD PROCESS:
 * for each provisioning condition the orchestrator exits (137) right after recording it
 * (ORCHESTRATOR_CRASH_AFTER), a normal orchestrator is started, and the region must end ready with
 * exactly one database, one region-server process and one spoke tunnel. Then: a SIGKILLed
 * region-server turns unhealthy (reason crash) within 15 s and comes back ready; a region-server whose
 * region row vanished is removed as an orphan. Default health timings (5 s × 3) are used.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { PROVISIONING_CONDITIONS } from './reconciler/context.ts';
import { regionDbName } from './drivers/driver.ts';
import { findLabelledProcesses } from './drivers/process/proc-fs.ts';
import type { ConditionRecord } from './store/region-row.ts';
import { cleanupInstance, freePort, insertNexusFixture, spawnOrchestrator, userWithToken, waitFor, type ChildOrchestrator } from './testing/fixtures.ts';

const instance = `fault-${randomUUID().slice(0, 8)}`;
let tdb: TestDatabase<HubDb>;
let port: number;
let token: string;
const children: ChildOrchestrator[] = [];
const env = () => ({ DATABASE_URL: tdb.url, ORCHESTRATOR_INSTANCE: instance, RECONCILE_RESYNC_MS: '500', BACKUP_DIR: `/tmp/${instance}` });

async function start(extra: Record<string, string> = {}, waitHealthy = true) {
  const c = await spawnOrchestrator({ ...env(), ...extra }, port, { waitHealthy });
  children.push(c);
  return c;
}

async function region(name: string) {
  const [r] = await tdb.sql`SELECT id, runtime_state, runtime_observed, restart_count, health_reason FROM regions WHERE name = ${name}`;
  return r as { id: string; runtime_state: string; runtime_observed: { pid?: number }; restart_count: number; health_reason: string | null } | undefined;
}

const processesOf = (regionId: string) => findLabelledProcesses({ 'sw-instance': instance, 'sw-region-id': regionId });

beforeAll(async () => {
  tdb = await createTestDatabase();
  await insertNexusFixture(tdb.sql);
  const admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
  token = admin.token;
  port = await freePort();
});

afterAll(async () => {
  for (const c of children) await c.kill();
  await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
});

describe('crash after each provisioning condition', () => {
  it.each(PROVISIONING_CONDITIONS.map((c) => [c]))('crash after %s: the restarted orchestrator finishes with no duplicates', async (condition) => {
    const name = `crash-${condition.toLowerCase().replaceAll('_', '-')}`;
    const owner = await userWithToken(tdb.sql, `owner_${condition.toLowerCase()}_${instance}`); // max 5 regions per owner
    const crashing = await start({ ORCHESTRATOR_CRASH_AFTER: condition });
    const res = await fetch(`${crashing.url}/regions/provision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, owner_id: owner.playerId }),
    });
    expect(res.status).toBe(202);
    const exit = await Promise.race([crashing.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
    expect(exit).toEqual({ code: 137, signal: null });
    const crashed = await region(name);
    const conditions = (await tdb.sql<{ c: Record<string, ConditionRecord> }[]>`SELECT runtime_conditions c FROM regions WHERE name = ${name}`)[0]!.c;
    expect(conditions[condition]!.status).toBe('True');

    const normal = await start();
    const ready = await waitFor(`${name} ready`, async () => {
      const r = await region(name);
      return r?.runtime_state === 'ready' ? r : null;
    }, 60_000);
    expect(ready.id).toBe(crashed!.id);
    const dbName = regionDbName(ready.id);
    expect((await tdb.sql<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE ${dbName + '%'}`).map((r) => r.datname)).toEqual([dbName]);
    expect((await tdb.sql`SELECT count(*)::int n FROM region_databases WHERE region_id = ${ready.id}`)[0]!.n).toBe(1);
    expect((await tdb.sql`SELECT count(*)::int n FROM warp_tunnels WHERE from_region_id = ${ready.id}`)[0]!.n).toBe(1);
    expect((await tdb.sql`SELECT count(*)::int n FROM regions WHERE name = ${name}`)[0]!.n).toBe(1);
    const procs = processesOf(ready.id);
    expect(procs.map((p) => p.pid)).toEqual([ready.runtime_observed.pid]);
    await normal.kill();
  });

  it('a restarted orchestrator adopts every running region-server (same pids)', async () => {
    const before = await tdb.sql<{ id: string; pid: string }[]>`SELECT id, runtime_observed->>'pid' pid FROM regions WHERE region_type = 'player_owned' ORDER BY name`;
    expect(before).toHaveLength(PROVISIONING_CONDITIONS.length);
    await start();
    await new Promise((r) => setTimeout(r, 2_000));
    const after = await tdb.sql<{ id: string; pid: string; state: string }[]>`SELECT id, runtime_observed->>'pid' pid, runtime_state state FROM regions WHERE region_type = 'player_owned' ORDER BY name`;
    expect(after.map((r) => r.pid)).toEqual(before.map((r) => r.pid));
    expect(after.every((r) => r.state === 'ready')).toBe(true);
    for (const r of after) expect(processesOf(r.id)).toHaveLength(1);
  });
});

describe('health', () => {
  it('a SIGKILLed region-server is unhealthy (crash) within 15 s, then restarted and ready', async () => {
    const name = 'crash-stack-deployed';
    const r = (await region(name))!;
    const oldPid = r.runtime_observed.pid!;
    process.kill(oldPid, 'SIGKILL');
    const killedAt = Date.now();
    const unhealthy = await waitFor('unhealthy event', async () => {
      const [e] = await tdb.sql<{ at: Date; data: { healthReason?: string } }[]>`SELECT at, data FROM region_events WHERE region_id_snapshot = ${r.id} AND reason = 'Unhealthy' ORDER BY id DESC LIMIT 1`;
      return e;
    }, 20_000, 100);
    expect(new Date(unhealthy.at).getTime() - killedAt).toBeLessThan(15_000);
    expect(unhealthy.data.healthReason).toBe('crash');
    const back = await waitFor('ready again', async () => {
      const x = await region(name);
      return x?.runtime_state === 'ready' && x.runtime_observed.pid !== oldPid ? x : null;
    }, 60_000);
    expect(back.restart_count).toBe(1);
    expect(back.health_reason).toBeNull();
    expect(processesOf(r.id).map((p) => p.pid)).toEqual([back.runtime_observed.pid]);
    const reasons = (await tdb.sql<{ reason: string }[]>`SELECT reason FROM region_events WHERE region_id_snapshot = ${r.id} AND id > (SELECT max(id) FROM region_events WHERE region_id_snapshot = ${r.id} AND reason = 'Unhealthy') - 1 ORDER BY id`).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Unhealthy', 'Restarted', 'Healthy']));
  });

  it('a hung (SIGSTOPped) region-server is unhealthy with missed_heartbeats after 3 periods, then replaced', async () => {
    const name = 'crash-nexus-registered';
    const r = (await region(name))!;
    const pid = r.runtime_observed.pid!;
    process.kill(pid, 'SIGSTOP');
    const stoppedAt = Date.now();
    try {
      const unhealthy = await waitFor('unhealthy event', async () => {
        const [e] = await tdb.sql<{ at: Date; data: { healthReason?: string } }[]>`SELECT at, data FROM region_events WHERE region_id_snapshot = ${r.id} AND reason = 'Unhealthy' ORDER BY id DESC LIMIT 1`;
        return e;
      }, 30_000, 100);
      const after = new Date(unhealthy.at).getTime() - stoppedAt;
      expect(after).toBeGreaterThanOrEqual(10_000); // not before ~3 missed 5 s periods
      expect(after).toBeLessThan(25_000);
      expect(unhealthy.data.healthReason).toBe('missed_heartbeats');
      const back = await waitFor('ready again', async () => {
        const x = await region(name);
        return x?.runtime_state === 'ready' && x.runtime_observed.pid !== pid ? x : null;
      }, 60_000);
      expect(back.restart_count).toBe(1);
      expect(processesOf(r.id).map((p) => p.pid)).toEqual([back.runtime_observed.pid]);
    } finally {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        /* already replaced and gone */
      }
    }
  });

  it('a region-server whose region row vanished is removed as an orphan on the next start', async () => {
    for (const c of children) await c.kill();
    const victim = (await region('crash-subscription-valid'))!;
    expect(processesOf(victim.id)).toHaveLength(1);
    await tdb.sql`DELETE FROM regions WHERE id = ${victim.id}`;
    await start();
    await waitFor('orphan removed', async () => processesOf(victim.id).length === 0, 20_000);
    const dbName = regionDbName(victim.id);
    expect((await tdb.sql`SELECT count(*)::int n FROM pg_database WHERE datname = ${dbName}`)[0]!.n).toBe(0);
    expect((await tdb.sql`SELECT dropped_at FROM region_databases WHERE region_id = ${victim.id}`)[0]!.dropped_at).not.toBeNull();
    // Audit rows survive the region (no FK).
    expect((await tdb.sql`SELECT count(*)::int n FROM region_events WHERE region_id_snapshot = ${victim.id}`)[0]!.n).toBeGreaterThan(0);
  });
});
