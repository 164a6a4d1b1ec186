/**
 * The fleet charts' source end to end (docs/decisions/monitoring.md "Fleet charts"): a real Prometheus (Debian's
 * binary, the launcher's generated configuration, port 21100-21199) scrapes a real region-server that an in-process
 * orchestrator provisions (process driver) and lists in its file_sd file; Query.regionMetricsRange then runs
 * query_range through the orchestrator and gets non-empty CPU and memory series. Also: who may ask (fleet:manage
 * only), bounds, and Prometheus gone (ERR_METRICS_UNAVAILABLE).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { createTestDatabase, errorCodes, postGraphql, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { prometheusProcess } from '@sw/launcher/prometheus';
import type { RegionDetailBody } from '../api/rest-wire.ts';
import { startOrchestrator, type RunningOrchestrator } from '../index.ts';
import { cleanupInstance, freePortInRange, insertNexusFixture, restCall, userWithToken, waitFor } from '../testing/fixtures.ts';
import { planMetricsRange, queryMetricsRange } from './region-metrics.ts';

const instance = `metrics-${randomUUID().slice(0, 8)}`;
const work = mkdtempSync(path.join(os.tmpdir(), `sw-metrics-${instance}-`));
let tdb: TestDatabase<HubDb>;
let orch: RunningOrchestrator;
let prom: ChildProcess | null = null;
let promPort = 0;
let admin: Awaited<ReturnType<typeof userWithToken>>;
let owner: Awaited<ReturnType<typeof userWithToken>>;
let regionId = '';

const QUERY = `query M($metric: RegionMetric!, $range: Int!, $step: Int, $regionId: ID) {
  regionMetricsRange(metric: $metric, rangeSeconds: $range, stepSeconds: $step, regionId: $regionId) {
    metric rangeSeconds stepSeconds unit series { regionId regionName points { at value pct } }
  }
}`;
interface Answer { regionMetricsRange: { metric: string; rangeSeconds: number; stepSeconds: number; unit: string; series: Array<{ regionId: string; regionName: string | null; points: Array<{ at: string; value: number; pct: number | null }> }> } }
const ask = (vars: Record<string, unknown>, claims: Claims | null) => postGraphql<Answer>(orch.url, QUERY, vars, claims);

beforeAll(async () => {
  tdb = await createTestDatabase();
  await insertNexusFixture(tdb.sql);
  admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
  owner = await userWithToken(tdb.sql, `owner_${instance}`);
  // Prometheus first (the launcher's process description: config, hub file, token file), scraping every second.
  promPort = await freePortInRange(21100, 21199);
  const sdDir = path.join(work, 'sd');
  const p = prometheusProcess({ port: promPort, prefix: work, hubTargets: [], intervalS: 1 });
  for (const [file, content] of Object.entries(p.files)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  prom = spawn(p.bin, p.args, { stdio: 'ignore' });
  await waitFor('prometheus ready', async () => (await fetch(`http://127.0.0.1:${promPort}/-/ready`).catch(() => null))?.ok ?? false, 30_000);
  orch = await startOrchestrator({
    port: 0, databaseUrl: tdb.url, instance, backupDir: path.join(work, 'backups'), resyncMs: 500, healthPeriodMs: 500, autoscaleIntervalMs: 3_600_000,
    prometheusSdDir: sdDir, prometheusUrl: `http://127.0.0.1:${promPort}`, hibernationJobs: false,
  });
  const r = await restCall<{ regionId: string }>(orch.url, 'POST', '/regions/provision', admin.token, { name: 'charted-one', owner_id: owner.playerId, cpu: 1, memory: 2 });
  expect(r.status).toBe(202);
  const ready = await waitFor('ready', async () => {
    const x = await restCall<RegionDetailBody>(orch.url, 'GET', '/regions/charted-one', admin.token);
    return x.body.state === 'READY' ? x.body : null;
  }, 90_000);
  regionId = ready.regionId;
}, 150_000);

afterAll(async () => {
  prom?.kill('SIGTERM');
  if (orch) {
    await restCall(orch.url, 'DELETE', '/regions/charted-one?confirm=true&immediate=true', admin.token).catch(() => undefined);
    await orch.stop();
  }
  if (tdb) await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('Query.regionMetricsRange (Prometheus query_range)', () => {
  it('answers the region-server\'s resident memory and CPU rate as non-empty series, with the share of its allowance', async () => {
    // Scraped every second: memory after one scrape, the CPU rate after two.
    const cpu = await waitFor('cpu series', async () => {
      const res = await ask({ metric: 'CPU', range: 300, step: 5, regionId }, admin.claims);
      const s = res.data?.regionMetricsRange.series[0];
      return s && s.points.length > 0 ? res.data!.regionMetricsRange : null;
    }, 60_000, 1_000);
    expect(cpu).toMatchObject({ metric: 'CPU', rangeSeconds: 300, stepSeconds: 5, unit: 'cores' });
    expect(cpu.series.map((s) => [s.regionId, s.regionName])).toEqual([[regionId, 'charted-one']]);
    const c = cpu.series[0]!.points.at(-1)!;
    expect(c.value).toBeGreaterThanOrEqual(0);
    expect(c.pct).toBeCloseTo(c.value * 100, 0); // cpu: 1 core allowance
    expect(Date.parse(c.at)).toBeGreaterThan(Date.now() - 300_000);

    const mem = dataOrThrow(await ask({ metric: 'MEMORY', range: 300, step: 5, regionId }, admin.claims));
    expect(mem.unit).toBe('bytes');
    const m = mem.series[0]!.points.at(-1)!;
    // A Node process holds tens of MB resident; 2 GB allowance.
    expect(m.value).toBeGreaterThan(10 * 1024 * 1024);
    expect(m.pct).toBeCloseTo((m.value / (2 * 1024 ** 3)) * 100, 1);

    // Without regionId: every region-server of the range (here the one), default step.
    const all = dataOrThrow(await ask({ metric: 'MEMORY', range: 600 }, admin.claims));
    expect(all.stepSeconds).toBe(5);
    expect(all.series.map((s) => s.regionId)).toEqual([regionId]);
  });

  it('is for admins with fleet:manage only: the region\'s owner, an unscoped admin and anonymous are refused', async () => {
    expect(errorCodes(await ask({ metric: 'CPU', range: 300, regionId }, owner.claims))).toEqual(['ERR_ADMIN_REQUIRED']);
    expect(errorCodes(await ask({ metric: 'CPU', range: 300, regionId }, { ...admin.claims, scopes: ['billing:view'] }))).toEqual(['ERR_ADMIN_REQUIRED']);
    expect(errorCodes(await ask({ metric: 'CPU', range: 300, regionId }, null))).toEqual(['ERR_UNAUTHENTICATED']);
  });

  it('refuses ranges and steps out of bounds with ERR_VALIDATION', async () => {
    expect(errorCodes(await ask({ metric: 'CPU', range: 10 }, admin.claims))).toEqual(['ERR_VALIDATION']);
    expect(errorCodes(await ask({ metric: 'CPU', range: 604_800, step: 5 }, admin.claims))).toEqual(['ERR_VALIDATION']);
    expect(errorCodes(await ask({ metric: 'CPU', range: 300, regionId: 'not-a-uuid' }, admin.claims))).toEqual(['ERR_VALIDATION']);
  });

  it('answers ERR_METRICS_UNAVAILABLE when Prometheus is gone or not configured', async () => {
    prom!.kill('SIGTERM');
    await new Promise((resolve) => prom!.once('exit', resolve));
    prom = null;
    const res = await ask({ metric: 'MEMORY', range: 300, regionId }, admin.claims);
    expect(errorCodes(res)).toEqual(['ERR_METRICS_UNAVAILABLE']);
    // The message does not leak the internal address.
    expect(res.errors![0]!.message).not.toContain(String(promPort));
    await expect(queryMetricsRange(null, planMetricsRange({ metric: 'cpu', rangeSeconds: 300 }))).rejects.toMatchObject({ code: 'ERR_METRICS_UNAVAILABLE' });
  });
});

function dataOrThrow(res: { data?: Answer | null; errors?: unknown }): Answer['regionMetricsRange'] {
  if (!res.data) throw new Error(`no data: ${JSON.stringify(res.errors)}`);
  return res.data.regionMetricsRange;
}
