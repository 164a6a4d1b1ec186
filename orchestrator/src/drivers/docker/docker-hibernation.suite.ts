/**
 * Hibernate → wake → tombstone → resurrect on the DOCKER driver against a real engine (docs/rules/hibernation.md):
 * - hibernated: NO container of the region runs (region-server and cache removed, its Postgres container stopped),
 *   the pgdata volume is kept;
 * - wake: the same Postgres container starts again from that volume, the region reaches READY and its data is intact
 *   (a probe row written before, the world's sector count);
 * - tombstoned (archival sweep, six months idle): still nothing running, volume kept, Nexus spoke inactive;
 * - resurrect: READY again with the same data and the spoke active.
 * Container states are read through dockerode. Registered by docker-driver.int.test.ts (one test file owns the engine
 * and the staged images, see docker-test-engine.ts); everything labelled with this suite's instance is removed after.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import Docker from 'dockerode';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionServerAuthHeaders } from '@sw/auth';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import type { RegionDetailBody } from '../../api/rest-wire.ts';
import type { RuntimeView } from '../../api/runtime-view.ts';
import { startOrchestrator, type RunningOrchestrator } from '../../index.ts';
import { createSecretBox, readRegionSecretsKey } from '../../secrets/secret-box.ts';
import { loadRegionDatabaseRecord } from '../../store/region-databases.ts';
import { fetchJson, insertNexusFixture, restCall, userWithToken, waitFor } from '../../testing/fixtures.ts';
import { LABEL } from './docker-labels.ts';
import { createDockerDriver, type DockerDriver } from './docker-driver.ts';
import { removeInstanceObjects } from './docker-test-engine.ts';
import type { TemplateImages } from './region-image.ts';

export function describeHibernationOnDocker(images: () => Promise<TemplateImages>): void {
  describe('hibernation on the docker driver', () => {
    const instance = `hibd-${randomUUID().slice(0, 8)}`;
    const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
    const docker = new Docker();
    const NAME = 'dock-sleeper';
    const PROBE = `probe-${randomUUID()}`;
    let tdb: TestDatabase<HubDb>;
    let orch: RunningOrchestrator;
    let driver: DockerDriver;
    let admin: Awaited<ReturnType<typeof userWithToken>>;
    let owner: Awaited<ReturnType<typeof userWithToken>>;
    let regionId = '';
    let sectors = 0;

    const rest = <T = unknown>(method: string, p: string, token: string | null, body?: unknown) => restCall<T>(orch.url, method, p, token, body);
    const state = async () => (await tdb.sql<{ s: string }[]>`SELECT runtime_state AS s FROM regions WHERE id = ${regionId}`)[0]!.s;
    const spokeStatus = async () => (await tdb.sql<{ s: string }[]>`SELECT status AS s FROM warp_tunnels WHERE from_region_id = ${regionId}`).map((r) => r.s);
    const label = () => [`${LABEL.instance}=${instance}`, `${LABEL.regionId}=${regionId}`];
    /** role → container state (running / exited / ...) of every container of the region, stopped ones included. */
    const containerStates = async () =>
      Object.fromEntries((await docker.listContainers({ all: true, filters: { label: label() } })).map((c) => [c.Labels[LABEL.role]!, c.State]));
    const volumes = async () => ((await docker.listVolumes({ filters: { label: label() } })).Volumes ?? []).map((v) => v.Name);

    /** Runs `fn` on the region database (its URL from the driver: the published port changes at every start). */
    async function onRegionDb<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
      const rec = (await loadRegionDatabaseRecord(tdb.sql, createSecretBox(readRegionSecretsKey().key), regionId))!;
      const { url } = await driver.ensureDatabase({ regionId, dbName: rec.dbName, roleName: rec.roleName, password: rec.password });
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        return await fn(sql);
      } finally {
        await sql.end({ timeout: 2 });
      }
    }

    async function expectNothingRunning(): Promise<void> {
      const states = await containerStates();
      expect(Object.values(states).filter((s) => s === 'running' || s === 'restarting')).toEqual([]);
      expect(states).toEqual({ db: 'exited' }); // server and cache removed; the Postgres container stopped, not removed
      expect(await volumes()).toHaveLength(1); // the pgdata volume stays
    }

    async function expectSameData(endpoint: string): Promise<void> {
      const stats = await fetchJson<{ sectors: number }>(`${endpoint}/world/stats`, { headers: regionServerAuthHeaders(regionId) });
      expect(stats.sectors).toBe(sectors);
      const rows = await onRegionDb((sql) => sql<{ v: string }[]>`SELECT v FROM hibernation_probe`);
      expect(rows.map((r) => r.v)).toEqual([PROBE]);
    }

    beforeAll(async () => {
      const imgs = await images();
      tdb = await createTestDatabase();
      admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
      owner = await userWithToken(tdb.sql, `owner_${instance}`);
      await insertNexusFixture(tdb.sql);
      driver = createDockerDriver({ images: imgs, instance });
      orch = await startOrchestrator({ port: 0, databaseUrl: tdb.url, instance, backupDir, driver, resyncMs: 60_000, healthPeriodMs: 500, autoscaleIntervalMs: 3_600_000, idleMinutes: 30, hibernationJobs: false });
      // Run alone (-t), this hook also builds the region-server image when its content changed (minutes on a loaded
      // machine); the cycle itself stays well under 3 minutes.
    }, 360_000);

    afterAll(async () => {
      await orch?.stop();
      await driver?.close();
      await removeInstanceObjects(docker, instance);
      await tdb?.drop();
      rmSync(backupDir, { recursive: true, force: true });
    }, 120_000);

    it('provisions a region to READY and writes a probe row into its database', async () => {
      const r = await rest<RuntimeView>('POST', '/regions/provision', admin.token, { name: NAME, owner_id: owner.playerId, cpu: 1, memory: 2 });
      expect(r.status).toBe(202);
      regionId = r.body.regionId;
      const ready = await waitFor(`${NAME} ready`, async () => {
        const d = await rest<RegionDetailBody>('GET', `/regions/${NAME}`, admin.token);
        return d.body.state === 'READY' ? d.body : null;
      }, 120_000);
      expect(await containerStates()).toEqual({ cache: 'running', db: 'running', server: 'running' });
      sectors = (await fetchJson<{ sectors: number }>(`${ready.endpoint}/world/stats`, { headers: regionServerAuthHeaders(regionId) })).sectors;
      expect(sectors).toBeGreaterThan(0);
      await onRegionDb(async (sql) => {
        await sql`CREATE TABLE hibernation_probe (v text NOT NULL)`;
        await sql`INSERT INTO hibernation_probe (v) VALUES (${PROBE})`;
      });
    }, 150_000);

    it('hibernate leaves no container of the region running and keeps its volume; wake brings the same data back', async () => {
      const h = await rest<RuntimeView>('POST', `/regions/${NAME}/hibernate`, admin.token);
      expect(h.status).toBe(200);
      expect(h.body.state).toBe('HIBERNATED');
      await expectNothingRunning();

      const t0 = Date.now();
      const woke = await rest<RuntimeView & { wakeMs: number }>('POST', `/regions/${NAME}/wake?wait=60000`, owner.token);
      console.log(`[docker-hibernation] wake → READY in ${Date.now() - t0} ms (server ${woke.body.wakeMs} ms)`);
      expect(woke.status).toBe(200);
      expect(woke.body.state).toBe('READY');
      expect(await containerStates()).toEqual({ cache: 'running', db: 'running', server: 'running' });
      await expectSameData(woke.body.endpoint!);
    }, 120_000);

    it('tombstoned: nothing running, volume kept, spoke dormant; resurrect → READY with the same data', async () => {
      expect((await rest('POST', `/regions/${NAME}/hibernate`, admin.token)).status).toBe(200);
      await tdb.sql`UPDATE regions SET created_at = now() - interval '1 year', last_activity_at = now() - interval '7 months' WHERE id = ${regionId}`;
      expect((await orch.hibernation.runArchivalSweep()).tombstoned).toEqual([regionId]);
      expect(await state()).toBe('tombstoned');
      expect(await spokeStatus()).toEqual(['inactive']);
      await expectNothingRunning();

      const t0 = Date.now();
      const back = await rest<RuntimeView & { wakeMs: number }>('POST', `/regions/${NAME}/resurrect?wait=60000`, owner.token);
      console.log(`[docker-hibernation] resurrect → READY in ${Date.now() - t0} ms (server ${back.body.wakeMs} ms)`);
      expect(back.status).toBe(200);
      expect(back.body.state).toBe('READY');
      expect(await spokeStatus()).toEqual(['active']);
      expect(await containerStates()).toEqual({ cache: 'running', db: 'running', server: 'running' });
      await expectSameData(back.body.endpoint!);
    }, 120_000);
  });
}
