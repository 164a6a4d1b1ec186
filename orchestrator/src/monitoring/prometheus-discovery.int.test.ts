/**
 * File-based service discovery end to end: an in-process orchestrator (process driver) keeps region-servers.json
 * current as a region comes (provisioned to ready) and goes (terminated), and a real Prometheus (Debian's binary)
 * started with the launcher's generated configuration scrapes the region-server with the fleet's metrics token
 * and the orchestrator through the hub file. `promtool check config` accepts the generated configuration.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionMetricsToken, regionServerToken } from '@sw/auth';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { prometheusProcess } from '@sw/launcher/prometheus';
import type { RegionDetailBody } from '../api/rest-wire.ts';
import { startOrchestrator, type RunningOrchestrator } from '../index.ts';
import { cleanupInstance, freePort, insertNexusFixture, restCall, userWithToken, waitFor } from '../testing/fixtures.ts';
import { REGION_METRICS_TOKEN_FILE, REGION_TARGETS_FILE, type FileSdGroup } from './scrape-targets.ts';

const instance = `sd-${randomUUID().slice(0, 8)}`;
const work = mkdtempSync(path.join(os.tmpdir(), `sw-prom-${instance}-`));
const sdDir = path.join(work, 'sd');
let tdb: TestDatabase<HubDb>;
let orch: RunningOrchestrator;
let prom: ChildProcess | null = null;
let promUrl = '';
let admin: Awaited<ReturnType<typeof userWithToken>>;

const readTargets = (): FileSdGroup[] => JSON.parse(readFileSync(path.join(sdDir, REGION_TARGETS_FILE), 'utf8')) as FileSdGroup[];
const rest = <T = unknown>(method: string, p: string, body?: unknown) => restCall<T>(orch.url, method, p, admin.token, body);

interface PromTarget { labels: Record<string, string>; health: string; lastError: string; scrapePool: string }
async function activeTargets(): Promise<PromTarget[]> {
  const res = await fetch(`${promUrl}/api/v1/targets?state=active`);
  const body = (await res.json()) as { data: { activeTargets: PromTarget[] } };
  return body.data.activeTargets;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await insertNexusFixture(tdb.sql);
  admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
  orch = await startOrchestrator({ port: 0, databaseUrl: tdb.url, instance, backupDir: path.join(work, 'backups'), resyncMs: 500, healthPeriodMs: 500, autoscaleIntervalMs: 3_600_000, prometheusSdDir: sdDir });
  // The launcher's Prometheus, pointed at this orchestrator and at the directory it writes.
  const port = await freePort();
  const p = prometheusProcess({ port, prefix: work, hubTargets: [{ service: 'orchestrator', host: '127.0.0.1', port: orch.port }], intervalS: 1 });
  expect(p.sdDir).toBe(sdDir);
  for (const [file, content] of Object.entries(p.files)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  const check = spawnSync('promtool', ['check', 'config', path.join(work, 'prometheus.yml')], { encoding: 'utf8' });
  expect(check.status, check.stdout + check.stderr).toBe(0);
  prom = spawn(p.bin, p.args, { stdio: 'ignore' });
  promUrl = `http://127.0.0.1:${port}`;
  await waitFor('prometheus ready', async () => (await fetch(`${promUrl}/-/ready`).catch(() => null))?.ok ?? false, 30_000);
});

afterAll(async () => {
  prom?.kill('SIGTERM');
  await orch?.stop();
  await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('Prometheus file_sd of region-servers', () => {
  it('starts empty with the metrics token beside it (0600), and the hub job scrapes the orchestrator', async () => {
    await waitFor('targets file', async () => readTargets().length === 0);
    const tokenFile = path.join(sdDir, REGION_METRICS_TOKEN_FILE);
    expect(readFileSync(tokenFile, 'utf8')).toBe(regionMetricsToken());
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    await waitFor('orchestrator scraped', async () => (await activeTargets()).some((t) => t.scrapePool === 'hub' && t.labels.service === 'orchestrator' && t.health === 'up'), 30_000);
  });

  it('lists a region once it runs, Prometheus scrapes it with the token, and drops it when the region is terminated', async () => {
    const owner = await userWithToken(tdb.sql, `owner_${instance}`);
    const r = await rest<{ regionId: string }>('POST', '/regions/provision', { name: 'scraped-one', owner_id: owner.playerId, cpu: 1, memory: 2 });
    expect(r.status).toBe(202);
    const ready = await waitFor('ready', async () => {
      const x = await rest<RegionDetailBody>('GET', '/regions/scraped-one');
      return x.body.state === 'READY' ? x.body : null;
    }, 90_000);
    const target = new URL(ready.endpoint!).host;
    await waitFor('region in the targets file', async () => readTargets().some((g) => g.targets[0] === target));
    expect(readTargets()).toEqual([{ targets: [target], labels: { region_id: ready.regionId, region_name: 'scraped-one' } }]);

    // The scrape token opens /metrics only; the data routes still want the region's own service token.
    const auth = { authorization: `Bearer ${regionMetricsToken()}` };
    expect((await fetch(`${ready.endpoint}/metrics`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${ready.endpoint}/world/stats`, { headers: auth })).status).toBe(401);
    expect((await fetch(`${ready.endpoint}/world/stats`, { headers: { authorization: `Bearer ${regionServerToken(ready.regionId)}` } })).status).toBe(200);

    await waitFor('region-server scraped up', async () =>
      (await activeTargets()).some((t) => t.scrapePool === 'region-servers' && t.labels.region_id === ready.regionId && t.health === 'up'), 60_000);
    await waitFor('region series', async () => {
      const res = await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(`up{job="region-servers",region_name="scraped-one"}`)}`)).json() as { data: { result: Array<{ value: [number, string] }> } };
      return res.data.result[0]?.value[1] === '1';
    });

    expect((await rest('DELETE', '/regions/scraped-one?confirm=true&immediate=true')).status).toBe(200);
    await waitFor('region gone from the targets file', async () => readTargets().length === 0, 90_000);
    await waitFor('prometheus dropped the target', async () => !(await activeTargets()).some((t) => t.scrapePool === 'region-servers'), 60_000);
  });
});
