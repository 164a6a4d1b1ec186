/**
 * The hub's scheduled pgBackRest backups for real (docs/decisions/backups.md "Scheduled by the orchestrator"): a
 * disposable cluster (the restore drill's initdb helper, a free port of 21600-21699, archive_mode on, archive_command
 * pgBackRest, stanza created) stands in for the hub. The scheduled job's body runs once and pgBackRest lists the
 * backup and the gauges carry its time; the pg-boss schedule holds the three crons and runs an enqueued incremental;
 * a hub that does not archive (the shared test Postgres: archive_mode off) is refused with the reason logged.
 */
import path from 'node:path';
import client from 'prom-client';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { BACKUP_JOBS } from './backup-schedule.ts';
import { registerBackupMetrics, type BackupMetrics } from './backup-metrics.ts';
import { createHubBackupScheduler, hubBackupQueue, runHubBackupJob, type HubBackupDeps, type HubBackupScheduler } from './hub-backup-jobs.ts';
import { info, stanzaCreate } from './pgbackrest.ts';
import { createDrillCluster, type DrillCluster } from './restore-drill.ts';
import { freePortInRange } from '../testing/fixtures.ts';

const logged: Array<{ level: string; obj: object; msg: string | undefined }> = [];
const log: HubBackupDeps['log'] = {
  info: (obj, msg) => logged.push({ level: 'info', obj, msg }),
  warn: (obj, msg) => logged.push({ level: 'warn', obj, msg }),
  error: (obj, msg) => logged.push({ level: 'error', obj, msg }),
};

let cluster: DrillCluster;
let hub: postgres.Sql;
let tdb: TestDatabase<HubDb>;
let registry: client.Registry;
let metrics: BackupMetrics;
let scheduler: HubBackupScheduler | null = null;

/** The gauge's value for one hub backup kind, as Prometheus would scrape it. */
async function lastSuccess(type: string): Promise<number | undefined> {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === 'sw_backup_last_success_timestamp_seconds') as { values: Array<{ labels: Record<string, string>; value: number }> } | undefined;
  return m?.values.find((v) => v.labels.target === 'hub' && v.labels.type === type)?.value;
}

beforeAll(async () => {
  cluster = await createDrillCluster(await freePortInRange(21600, 21699), 'hub');
  await cluster.start();
  await stanzaCreate(cluster.runner);
  hub = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await hub`CREATE TABLE ledger (id bigserial PRIMARY KEY, delta bigint NOT NULL)`;
  await hub`INSERT INTO ledger (delta) SELECT g FROM generate_series(1, 1000) g`;
  // pg-boss and the gauges' region list live in a hub-schema test database on the shared server.
  tdb = await createTestDatabase({ max: 2 });
  registry = new client.Registry();
  // A long cache: only a noted backup (or the first scrape) refreshes the gauges here.
  metrics = registerBackupMetrics(registry, { sql: tdb.sql, backupDir: path.join(cluster.dir, 'region-backups'), hub: cluster.runner, cacheMs: 3_600_000 });
}, 120_000);

afterAll(async () => {
  await scheduler?.stop();
  await hub?.end({ timeout: 2 });
  await tdb?.drop();
  await cluster?.remove();
}, 60_000);

describe('scheduled hub backups (pgBackRest on pg-boss)', () => {
  it('one run of the daily job takes a full backup that pgBackRest lists, and the gauges carry its time', async () => {
    expect(await lastSuccess('full')).toBe(0); // configured, never backed up: overdue
    const t0 = Math.floor(Date.now() / 1000);
    const r = await runHubBackupJob({ sql: hub, runner: cluster.runner, log, onBackup: (b) => metrics.noteHubBackup(b) }, 'hub-full');
    expect(r.kind).toBe('done');
    const listed = await info(cluster.runner);
    expect(listed.filter((b) => b.type === 'full' && b.repo === 1)).toHaveLength(1);
    if (r.kind !== 'done') return;
    expect(listed.map((b) => b.label)).toContain(r.backup.label);
    expect(r.backup.stop).toBeGreaterThanOrEqual(t0 - 1);
    expect(await lastSuccess('full')).toBe(r.backup.stop);
    expect(await lastSuccess('incr')).toBe(r.backup.stop); // a full backup also covers the hourly slot
    expect(await lastSuccess('monthly')).toBe(0);
    expect(logged.some((l) => l.msg === 'hub backup done')).toBe(true);
  }, 120_000);

  it('schedules the three crons on pg-boss and runs an enqueued incremental', async () => {
    scheduler = createHubBackupScheduler({ sql: hub, runner: cluster.runner, log, onBackup: (b) => metrics.noteHubBackup(b), databaseUrl: tdb.url, pollingIntervalSeconds: 1 });
    const started = await scheduler.start();
    expect(started).toEqual({ kind: 'scheduled', queues: ['hub-backup-full', 'hub-backup-incr', 'hub-backup-monthly'] });
    const rows = await tdb.sql<{ name: string; cron: string }[]>`SELECT name, cron FROM pgboss.schedule ORDER BY name`;
    const expected = BACKUP_JOBS.filter((j) => j.name.startsWith('hub-')).map((j) => ({ name: hubBackupQueue(j.name as 'hub-full'), cron: j.cron }));
    expect(rows.map((r) => ({ name: r.name, cron: r.cron }))).toEqual(expected.sort((a, b) => (a.name < b.name ? -1 : 1)));

    await scheduler.runNow('hub-incr');
    const deadline = Date.now() + 90_000;
    let incr = (await info(cluster.runner)).filter((b) => b.type === 'incr');
    while (incr.length === 0 && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 1_000));
      incr = (await info(cluster.runner)).filter((b) => b.type === 'incr');
    }
    expect(incr).toHaveLength(1);
    await expect.poll(() => lastSuccess('incr'), { timeout: 10_000 }).toBe(incr[0]!.stop);
    expect(await lastSuccess('full')).toBeLessThan(incr[0]!.stop + 1);
  }, 150_000);

  it('refuses a hub that does not archive WAL to pgBackRest, logs why, and schedules nothing', async () => {
    // The shared test server: archive_mode is off (it is not ours to reconfigure).
    const before = logged.length;
    const refusing = createHubBackupScheduler({ sql: tdb.sql, runner: cluster.runner, log, databaseUrl: tdb.url });
    const r = await refusing.start();
    expect(r).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/^archive_mode is off/) as unknown });
    const refusal = logged.slice(before).find((l) => l.level === 'error');
    expect(refusal?.msg).toMatch(/^hub backups NOT scheduled: archive_mode is off/);
    await expect(refusing.runNow('hub-full')).rejects.toThrow(/not scheduled/);
    const run = await runHubBackupJob({ sql: tdb.sql, runner: cluster.runner, log }, 'hub-full');
    expect(run.kind).toBe('refused');
    // Nothing more was backed up.
    expect((await info(cluster.runner)).length).toBe(2);
    await refusing.stop();
  }, 60_000);
});
