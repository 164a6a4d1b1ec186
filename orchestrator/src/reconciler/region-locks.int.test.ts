/**
 * The per-region advisory locks against a real hub database with the production pool settings: more
 * unhealthy regions than pool connections must not freeze the pool, a waiting caller gives up after the
 * acquire timeout, and a failed unlock never returns a lock-holding connection to the pool.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { createTestDatabase, insertRegion, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import type { RegionRuntimeDriver, StackObserved } from '../drivers/driver.ts';
import { createHealthMonitor } from '../health/health-monitor.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { openHubPool, HUB_POOL_DEFAULTS } from '../store/hub-pool.ts';
import type { Log, ReconcileContext } from './context.ts';
import { createReconciler } from './reconciler.ts';
import { createRegionLocks, hubLockConnections, LOCK_NAMESPACE, type LockConnectionFactory } from './region-locks.ts';

let tdb: TestDatabase<HubDb>;
const pools: postgres.Sql[] = [];
const errors: Array<{ obj: object; msg?: string }> = [];
const log: Log = { info() {}, warn() {}, error: (obj, msg) => void errors.push({ obj, msg }) };

/** A driver whose every region-server is dead (exit code 1); nothing else may be called. */
const deadDriver = new Proxy({ name: 'process' }, {
  get(target, prop) {
    if (prop === 'name') return 'process';
    if (prop === 'inspectStack') return async () => ({ running: false, healthy: false, endpoint: null, exit: { code: 1, signal: null }, observed: null });
    if (prop === 'then') return undefined;
    void target;
    return () => {
      throw new Error(`fake driver: ${String(prop)} not expected`);
    };
  },
}) as unknown as RegionRuntimeDriver;

const within = <T>(what: string, p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms).unref())]);

async function heldLocks(sql: postgres.Sql, regionId: string): Promise<number> {
  const [r] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND classid = ${LOCK_NAMESPACE} AND objid = (hashtext(${regionId})::bigint & 4294967295)::oid`;
  return r!.n;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end({ timeout: 2 })));
  await tdb?.drop();
});

describe('region locks', () => {
  it('stays responsive when more regions turn unhealthy at once than the pool has connections', async () => {
    const sql = openHubPool(tdb.url);
    pools.push(sql);
    const count = HUB_POOL_DEFAULTS.max + 5;
    for (let i = 0; i < count; i++) {
      const r = await insertRegion(tdb.db, { runtimeState: 'ready', status: 'active' });
      const observed: StackObserved = { driver: 'process', regionId: r.id, endpoint: 'http://127.0.0.1:9', pid: 999_999, startedAt: new Date().toISOString(), limits: { cpu: 1, memoryGb: 1, storageGb: 1, maxPlayers: 1, generation: 1 } };
      await tdb.sql`UPDATE regions SET runtime_observed = ${JSON.stringify(observed)}::text::jsonb WHERE id = ${r.id}`;
    }
    const ctx: ReconcileContext = { sql, hubUrl: tdb.url, bus: null, driver: deadDriver, log, now: () => new Date(), crashAfter: null, backupDir: '/nonexistent', secrets: createSecretBox(randomBytes(32)) };
    const reconciler = createReconciler(ctx); // not started: kicks only queue work
    const health = createHealthMonitor(ctx, reconciler);

    const checking = health.checkAll();
    // While every region is being moved, the same pool still answers other callers (API, webhooks, sweeps).
    const started = Date.now();
    await within('a query beside the health transitions', sql`SELECT 1`.then(() => undefined), 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    await within('the health check of every region', checking, 60_000);

    const [r] = await tdb.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM regions WHERE runtime_state = 'unhealthy' AND health_reason = 'crash'`;
    expect(r!.n).toBe(count);
  });

  it('gives up on a slot after the acquire timeout instead of waiting forever', async () => {
    const locks = createRegionLocks(hubLockConnections(tdb.url), { slots: 1, acquireTimeoutMs: 200, log });
    let releaseFirst: (() => void) | null = null;
    const first = locks.withLock('00000000-0000-0000-0000-00000000000a', () => new Promise<string>((r) => (releaseFirst = () => r('first'))));
    await within('the first lock', (async () => {
      while (!releaseFirst) await new Promise((r) => setTimeout(r, 10));
    })(), 10_000);
    let ran = false;
    const second = await locks.withLock('00000000-0000-0000-0000-00000000000b', async () => (ran = true));
    expect(second).toBeNull();
    expect(ran).toBe(false);
    releaseFirst!();
    expect(await first).toBe('first');
    expect(await locks.withLock('00000000-0000-0000-0000-00000000000b', async () => 'later')).toBe('later');
  });

  it('terminates the session of a failed advisory unlock instead of keeping a lock holder', async () => {
    const regionId = '00000000-0000-0000-0000-0000000000cc';
    const real = hubLockConnections(tdb.url);
    const opened: postgres.Sql[] = [];
    // Lock sessions that fail exactly the unlock statement (as a statement timeout or a cancel would).
    const failingUnlock: LockConnectionFactory = () => {
      const conn = real();
      opened.push(conn);
      return new Proxy(conn, {
        apply(target, thisArg, args: [TemplateStringsArray, ...never[]]) {
          if (args[0].join('').includes('pg_advisory_unlock')) return Promise.reject(new Error('unlock cancelled'));
          return Reflect.apply(target, thisArg, args) as unknown;
        },
      });
    };
    const locks = createRegionLocks(failingUnlock, { slots: 1, acquireTimeoutMs: 5_000, log });
    errors.length = 0;
    expect(await locks.withLock(regionId, async () => {
      expect(await heldLocks(tdb.sql, regionId)).toBe(1);
      return 'done';
    })).toBe('done');
    expect(errors.map((e) => e.msg)).toContain('advisory unlock failed; terminating that connection so the lock cannot outlive this pass');
    expect((errors[0]!.obj as { err?: unknown }).err).toBeInstanceOf(Error);
    // When withLock returns, the session that held the lock is gone: another replica can take the region.
    expect(await heldLocks(tdb.sql, regionId)).toBe(0);
    const other = createRegionLocks(real, { slots: 1, acquireTimeoutMs: 5_000, log });
    expect(await other.withLock(regionId, async () => 'again')).toBe('again');
    await Promise.all(opened.map((c) => c.end({ timeout: 1 }).catch(() => {})));
  });
});
