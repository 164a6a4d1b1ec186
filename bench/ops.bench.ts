/**
 * Operations benchmark (`pnpm bench:ops`), process driver, fresh hub database (docs/rules/hibernation.md):
 *   wake_ms — hibernated region → REST wake → READY (median of BENCH_OPS_WAKES cycles, default 5; goal <= 2000);
 *   hibernated_region_processes — region-server processes left for regions in HIBERNATED (goal 0);
 *   regions_on_box — regions this box holds at the end = live (READY, /health ok) + hibernated (no process,
 *     database kept). Goal 50 live + 450 hibernated. Built for real through the whole provisioning pipeline
 *     (generation, database, region-server, Nexus spoke), in batches: first the hibernated ones (provision a batch,
 *     wait for ready, hibernate it), then the live ones, until the targets or the time budget are reached.
 *     `limited_by` says which bound stopped it; the per-region costs measured on the way (live RSS, database size,
 *     provisioning rate) give the projection of what this box could hold.
 *   hub_backup_s, hub_restore_s, region_backup_ms — see bench/ops-backup.bench.ts (also runnable alone).
 * Bounds: BENCH_OPS_LIVE (50), BENCH_OPS_HIBERNATED (450), BENCH_OPS_BATCH (10 at a time), BENCH_OPS_BUDGET_MS
 * (600000 for building the fleet). Prints ONE JSON line. Always kills its region-servers and drops its databases
 * (after the JSON line; dropping 500 databases takes minutes on a loaded server).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@sw/testing';

process.env.LOG_LEVEL ??= 'silent';
const { startOrchestrator } = await import('../orchestrator/src/index.ts');
const { createProcessDriver } = await import('../orchestrator/src/drivers/process/process-driver.ts');
const { findLabelledProcesses } = await import('../orchestrator/src/drivers/process/proc-fs.ts');
const { cleanupInstance, insertNexusFixture, userWithToken } = await import('../orchestrator/src/testing/fixtures.ts');
const { REPO_ROOT } = await import('../orchestrator/src/config.ts');
const { measureOpsBackup, opsBackupOptionsFromEnv } = await import('../orchestrator/src/backups/measure-backups.ts');

const LIVE = Number(process.env.BENCH_OPS_LIVE ?? 50);
const HIBERNATED = Number(process.env.BENCH_OPS_HIBERNATED ?? 450);
const BATCH = Math.max(1, Number(process.env.BENCH_OPS_BATCH ?? 10));
const BUDGET_MS = Number(process.env.BENCH_OPS_BUDGET_MS ?? 600_000);
const WAKES = Math.max(1, Number(process.env.BENCH_OPS_WAKES ?? 5));
const instance = `opsbench-${randomUUID().slice(0, 8)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : null;
};
const round = (v: number | null, d = 1) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);
const log = (m: string) => process.stderr.write(`ops-bench: ${m}\n`);

const tdb = await createTestDatabase();
let orch: Awaited<ReturnType<typeof startOrchestrator>> | null = null;
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  await orch?.stop().catch(() => {});
  await cleanupInstance(tdb.url, instance).catch(() => {});
  await tdb.drop().catch(() => {});
}
// The build stops itself at BUDGET_MS; this only catches a hang (re-armed for the measurement once the build ends).
let hardStop = setTimeout(() => {
  console.error('ops-bench: time limit reached, cleaning up');
  void cleanup().finally(() => process.exit(2));
}, BUDGET_MS + 180_000);
hardStop.unref();
const rearm = (ms: number) => {
  clearTimeout(hardStop);
  hardStop = setTimeout(() => {
    console.error('ops-bench: measurement did not finish, cleaning up');
    void cleanup().finally(() => process.exit(2));
  }, ms);
  hardStop.unref();
};

function rssMb(pid: number): number | null {
  try {
    return (Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096) / 1024 ** 2;
  } catch {
    return null;
  }
}

try {
  await insertNexusFixture(tdb.sql);
  const admin = await userWithToken(tdb.sql, `ops_admin_${instance}`, ['player', 'admin']);
  const driver = createProcessDriver({ hubUrl: tdb.url, instance, stateDir: path.join(REPO_ROOT, 'var', 'region-runtime') });
  orch = await startOrchestrator({
    port: 0, databaseUrl: tdb.url, instance, driver, resyncMs: 2_000, healthPeriodMs: 5_000, autoscaleIntervalMs: 3_600_000,
    hibernationJobs: false, backupDir: path.join(os.tmpdir(), instance),
  });
  const o = orch;
  const call = async <T>(method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${o.url}${p}`, {
      method,
      headers: { authorization: `Bearer ${admin.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  let owner: string | null = null;
  let owned = 0;
  let made = 0;
  const provision = async (): Promise<string> => {
    if (!owner || owned === 5) { // an owner holds at most 5 regions
      owner = (await userWithToken(tdb.sql, `ops_owner_${made}_${instance}`)).playerId;
      owned = 0;
    }
    owned++;
    const name = `ops-${String(made++).padStart(3, '0')}`;
    const r = await call<{ regionId: string }>('POST', '/regions/provision', { name, owner_id: owner, size_tier: 'standard', cpu: 1, memory: 2 });
    if (r.status !== 202) throw new Error(`provision ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.regionId;
  };
  const states = async (ids: string[]) => (await tdb.sql<{ id: string; s: string }[]>`SELECT id, runtime_state AS s FROM regions WHERE id = ANY(${ids}::uuid[])`);
  const waitReady = async (ids: string[], until: number) => {
    while (Date.now() < until) {
      const rows = await states(ids);
      if (rows.every((r) => r.s === 'ready' || r.s === 'error' || r.s === 'generation_corrupt')) return rows.filter((r) => r.s === 'ready').map((r) => r.id);
      await sleep(250);
    }
    return (await states(ids)).filter((r) => r.s === 'ready').map((r) => r.id);
  };

  const t0 = Date.now();
  const deadline = t0 + BUDGET_MS;
  const hibernatedIds: string[] = [];
  const liveIds: string[] = [];
  let provisioned = 0;
  let provisionMs = 0;

  // wake_ms: one region, hibernate → wake (REST, wait for READY) → … WAKES times.
  const first = await provision();
  provisioned++;
  const ps = Date.now();
  await waitReady([first], deadline);
  provisionMs += Date.now() - ps;
  const wakes: number[] = [];
  for (let i = 0; i < WAKES; i++) {
    const h = await call<{ state: string }>('POST', `/regions/${first}/hibernate`);
    if (h.status !== 200) throw new Error(`hibernate: ${h.status} ${JSON.stringify(h.body)}`);
    const w = await call<{ state: string; wakeMs: number | null }>('POST', `/regions/${first}/wake?wait=30000`);
    if (w.status !== 200 || w.body.wakeMs === null) throw new Error(`wake: ${w.status} ${JSON.stringify(w.body)}`);
    wakes.push(w.body.wakeMs);
  }
  log(`wakes ${wakes.join(', ')} ms`);
  liveIds.push(first);

  // The fleet: hibernated ones first (a batch is provisioned, becomes ready, is hibernated), then live ones.
  let limitedBy: string | null = null;
  const build = async (target: number, into: string[], hibernate: boolean) => {
    while (into.length < target) {
      if (Date.now() >= deadline) {
        limitedBy = `time budget BENCH_OPS_BUDGET_MS=${BUDGET_MS}`;
        return;
      }
      const n = Math.min(BATCH, target - into.length);
      const bs = Date.now();
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push(await provision());
      provisioned += n;
      const ready = await waitReady(ids, deadline);
      provisionMs += Date.now() - bs;
      if (hibernate) {
        for (const id of ready) {
          const h = await call<{ state: string }>('POST', `/regions/${id}/hibernate`);
          if (h.status === 200) into.push(id);
        }
      } else into.push(...ready);
      log(`${hibernate ? 'hibernated' : 'live'} ${into.length}/${target} after ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  };
  await build(HIBERNATED, hibernatedIds, true);
  await build(LIVE, liveIds, false);

  // Count what the box holds now, from reality: live = ready + /health answers; hibernated = state + no process.
  rearm(300_000);
  log('measuring');
  const processes = findLabelledProcesses({ 'sw-instance': instance });
  const byRegion = new Map<string, number[]>();
  for (const p of processes) {
    const id = p.argv.find((a) => a.startsWith('--sw-region-id='))?.slice('--sw-region-id='.length) ?? '';
    byRegion.set(id, [...(byRegion.get(id) ?? []), p.pid]);
  }
  const rows = await tdb.sql<{ id: string; s: string; endpoint: string | null; pid: string | null }[]>`
    SELECT id, runtime_state AS s, runtime_endpoint AS endpoint, runtime_observed->>'pid' AS pid FROM regions WHERE region_type = 'player_owned'`;
  const hibernatedRows = rows.filter((r) => r.s === 'hibernated');
  const hibernatedProcesses = hibernatedRows.reduce((a, r) => a + (byRegion.get(r.id)?.length ?? 0), 0);
  const readyRows = rows.filter((r) => r.s === 'ready');
  const healthy = (await Promise.all(readyRows.map(async (r) => {
    try {
      const res = await fetch(`${r.endpoint}/health`, { signal: AbortSignal.timeout(3_000) });
      return res.ok && ((await res.json()) as { regionId: string }).regionId === r.id;
    } catch {
      return false;
    }
  }))).filter(Boolean).length;
  log(`processes ${processes.length}, ready ${readyRows.length} (${healthy} healthy), hibernated ${hibernatedRows.length}`);
  const dbKept = (await tdb.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM region_databases d JOIN pg_database p ON p.datname = d.db_name WHERE d.region_id = ANY(${hibernatedRows.map((r) => r.id)}::uuid[])`)[0]!.n;

  // Per-region costs → what the box could hold (memory for live region-servers, disk for hibernated databases).
  await sleep(2_000);
  const rss = readyRows.map((r) => (r.pid ? rssMb(Number(r.pid)) : null)).filter((v): v is number => v !== null);
  const dbMb = await tdb.sql<{ mb: number }[]>`SELECT pg_database_size(db_name)::float8 / 1048576 AS mb FROM region_databases WHERE region_id = ANY(${hibernatedRows.map((r) => r.id)}::uuid[])`;
  const memAvailMb = Number(/MemAvailable:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) / 1024;
  const disk = statfsSync('/');
  const diskFreeMb = (disk.bavail * disk.bsize) / 1024 ** 2;
  const medRss = median(rss);
  const medDb = median(dbMb.map((d) => d.mb));
  const [conns] = await tdb.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity`;
  log('measured');
  const perRegionMs = provisioned ? provisionMs / provisioned : null;
  limitedBy ??= hibernatedIds.length >= HIBERNATED && liveIds.length >= LIVE ? 'targets reached' : 'regions that did not become ready';

  // Backup figures (docs/decisions/backups.md): the hub drill's pgBackRest backup / point-in-time restore and one region
  // logical backup, measured on their own disposable cluster (BENCH_OPS_BACKUP=0 skips them; bench:ops-backup alone).
  log('backup timings');
  const backup = process.env.BENCH_OPS_BACKUP === '0' ? null : await measureOpsBackup(opsBackupOptionsFromEnv());
  console.log(JSON.stringify({
    wake_ms: median(wakes),
    hibernated_region_processes: hibernatedProcesses,
    regions_on_box: healthy + hibernatedRows.length,
    live_regions: healthy,
    hibernated_regions: hibernatedRows.length,
    hibernated_databases_kept: dbKept,
    goal_live: LIVE,
    goal_hibernated: HIBERNATED,
    limited_by: limitedBy,
    wake_ms_max: Math.max(...wakes),
    wake_cycles: wakes.length,
    goal_wake_ms: 2000,
    regions_provisioned: provisioned,
    build_s: Math.round((Date.now() - t0) / 1000),
    provision_ms_per_region_batched: round(perRegionMs, 0),
    live_region_rss_mb: round(medRss),
    hibernated_region_db_mb: round(medDb),
    pg_connections: conns!.n,
    projected_live_by_memory: medRss ? Math.floor(memAvailMb / medRss) : null,
    projected_hibernated_by_disk: medDb ? Math.floor(diskFreeMb / medDb) : null,
    projected_build_500_min: perRegionMs ? Math.round((500 * perRegionMs) / 60_000) : null,
    cpus: os.cpus().length,
    ...(backup ?? {}),
  }));
} finally {
  // Dropping hundreds of region databases takes a while (a few seconds each on a loaded server): its own bound.
  rearm(3_600_000);
  log('cleaning up (region-servers, region databases)');
  await cleanup();
  clearTimeout(hardStop);
}
