/**
 * Driver contract suite: every RegionRuntimeDriver implementation runs these tests via
 * `runDriverContract(name, factory)` — the process driver in process-driver.int.test.ts, the docker driver in
 * docker-driver.int.test.ts. The factory returns a driver whose ownership label is unique to the run plus a cleanup
 * that removes everything carrying that label. The region runtime is exercised through the driver (its stacks need a
 * database from the driver's provider); the database provider alone has its own suite (database-provider.contract.ts).
 */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionServerAuthHeaders, regionServerToken } from '@sw/auth';
import { regionDbName, type RegionRuntimeDriver, type StackObserved, type StackSpec } from './driver.ts';

export interface DriverHarness {
  driver: RegionRuntimeDriver;
  cleanup(): Promise<void>;
}

export function runDriverContract(name: string, factory: () => Promise<DriverHarness>): void {
  describe(`RegionRuntimeDriver contract: ${name}`, () => {
    let h: DriverHarness;
    const regionId = randomUUID();
    const dbName = regionDbName(regionId);
    const ref = { regionId, dbName, roleName: dbName, password: `pw-${randomUUID()}` };
    let spec: StackSpec;
    let observed: StackObserved;

    beforeAll(async () => {
      h = await factory();
    });
    afterAll(async () => {
      await h?.cleanup();
      await h?.driver.close();
    });

    it('uses deterministic region_<shortid> names', () => {
      expect(dbName).toMatch(/^region_[0-9a-f]{12}$/);
      expect(regionDbName(regionId)).toBe(dbName);
    });

    it('is a region runtime plus a database provider under one name', () => {
      expect(h.driver.runtime.name).toBe(h.driver.name);
      expect(typeof h.driver.databases.name).toBe('string');
    });

    it('ensureDatabase creates once and adopts on the second call', async () => {
      const first = await h.driver.ensureDatabase(ref);
      const second = await h.driver.ensureDatabase(ref);
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.url).toBe(first.url);
      expect(await h.driver.databaseExists(dbName)).toBe(true);
      // The role can log in with the password and owns the database.
      const sql = postgres(first.url, { max: 1 });
      const [r] = await sql<{ u: string; db: string }[]>`SELECT current_user AS u, current_database() AS db`;
      await sql.end();
      expect(r).toEqual({ u: dbName, db: dbName });
      spec = { regionId, regionName: `contract-${regionId.slice(0, 8)}`, generation: 1, databaseUrl: first.url, cpu: 1, memoryGb: 2, storageGb: 10, maxPlayers: 10, serviceToken: regionServerToken(regionId) };
    });

    it('ensureStack starts a stack whose /health names the region', async () => {
      const res = await h.driver.ensureStack(spec, null);
      expect(res.action).toBe('started');
      observed = res.observed;
      const health = (await (await fetch(`${observed.endpoint}/health`)).json()) as { status: string; regionId: string };
      expect(health).toMatchObject({ status: 'ok', regionId });
      const stats = (await (await fetch(`${observed.endpoint}/world/stats`, { headers: regionServerAuthHeaders(regionId) })).json()) as Record<string, number>;
      expect(stats).toEqual({ sectors: 0, clusters: 0, ports: 0, planets: 0, warps: 0, playersOnline: 0 });
      // The stack got its service token: without it (or with another region's) the world is closed.
      expect((await fetch(`${observed.endpoint}/world/stats`)).status).toBe(401);
      expect((await fetch(`${observed.endpoint}/world/stats`, { headers: regionServerAuthHeaders(randomUUID()) })).status).toBe(401);
    });

    it('ensureStack adopts the running stack instead of starting a second one', async () => {
      const again = await h.driver.ensureStack(spec, observed);
      expect(again.action).toBe('adopted');
      expect(again.observed.endpoint).toBe(observed.endpoint);
      // Even without the previous record it finds the stack by its label.
      const blind = await h.driver.ensureStack(spec, null);
      expect(blind.action).toBe('adopted');
      expect(blind.observed.endpoint).toBe(observed.endpoint);
      const owned = await h.driver.listOwned();
      expect(owned.stacks.filter((s) => s.regionId === regionId)).toHaveLength(1);
      expect(owned.databases.filter((d) => d.regionId === regionId)).toEqual([{ dbName, regionId }]);
      // What the driver owns is what its two parts own.
      expect(await h.driver.runtime.listOwnedStacks()).toEqual(owned.stacks);
      expect(await h.driver.databases.listOwnedDatabases()).toEqual(owned.databases);
    });

    it('inspectStack reports a healthy running stack', async () => {
      const st = await h.driver.inspectStack(regionId, observed);
      expect(st).toMatchObject({ running: true, healthy: true, endpoint: observed.endpoint });
    });

    it('stackStats returns utilisation relative to the allowance', async () => {
      await h.driver.stackStats(regionId, observed);
      await new Promise((r) => setTimeout(r, 300));
      const s = await h.driver.stackStats(regionId, observed);
      expect(s).not.toBeNull();
      expect(s!.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
      expect(s!.memPct).toBeCloseTo((s!.rssBytes / (2 * 1024 ** 3)) * 100, 5);
      expect(s!.cpuPct).toBeGreaterThanOrEqual(0);
    });

    it('updateStack records the new limits and says when they apply', async () => {
      const res = await h.driver.updateStack({ ...spec, cpu: 2, memoryGb: 3, generation: 2 }, observed);
      expect(['live', 'next_restart']).toContain(res.applied);
      const limits = res.applied === 'live' ? res.observed.limits : res.observed.pendingLimits;
      expect(limits).toMatchObject({ cpu: 2, memoryGb: 3, generation: 2 });
    });

    it('a killed stack is reported not running, then ensureStack restarts it', async () => {
      await h.driver.stopStack(regionId, observed);
      const st = await h.driver.inspectStack(regionId, observed);
      expect(st.running).toBe(false);
      expect(st.healthy).toBe(false);
      const res = await h.driver.ensureStack(spec, observed);
      expect(res.action).toBe('restarted');
      observed = res.observed;
      expect((await h.driver.inspectStack(regionId, observed)).healthy).toBe(true);
    });

    it('removeOrphans keeps listed regions and removes the rest', async () => {
      const kept = await h.driver.removeOrphans(new Set([regionId]));
      expect(kept).toEqual({ stacks: [], databases: [] });
      const removed = await h.driver.removeOrphans(new Set());
      expect(removed.stacks).toEqual([regionId]);
      expect(removed.databases).toEqual([dbName]);
      expect(await h.driver.databaseExists(dbName)).toBe(false);
      expect((await h.driver.inspectStack(regionId, observed)).running).toBe(false);
    });

    it('stopStack and dropDatabase are no-ops when nothing exists', async () => {
      expect(await h.driver.stopStack(regionId, null)).toEqual({ stopped: false });
      expect(await h.driver.dropDatabase(ref)).toEqual({ dropped: false });
    });
  });
}
