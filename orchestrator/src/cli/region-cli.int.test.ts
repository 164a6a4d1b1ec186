/**
 * region-cli against a real orchestrator child process: config → provision (progress until ready) →
 * list / show / metrics (table and json) → scale (valid and out of range) → hibernate / wake / resurrect → terminate (prompt abort,
 * then --confirm --immediate) with exit codes.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import type { RegionDetailBody, RegionListItem } from '../api/rest-wire.ts';
import { regionDbName } from '../drivers/driver.ts';
import { cleanupInstance, freePort, insertNexusFixture, spawnOrchestrator, userWithToken, waitFor, type ChildOrchestrator } from '../testing/fixtures.ts';

const CLI = path.join(import.meta.dirname, 'region-cli.ts');
const instance = `cli-${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'region-cli-'));
let tdb: TestDatabase<HubDb>;
let orch: ChildOrchestrator;
let token: string;
let ownerId: string;

function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, '--url', orch.url, ...args], { env: { ...process.env, SW_TOKEN: token, ...opts.env }, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(opts.input ?? '');
  });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await insertNexusFixture(tdb.sql);
  const admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
  token = admin.token;
  ownerId = admin.playerId;
  orch = await spawnOrchestrator({ DATABASE_URL: tdb.url, ORCHESTRATOR_INSTANCE: instance, RECONCILE_RESYNC_MS: '500', BACKUP_DIR: path.join(dir, 'backups') }, await freePort());
});

afterAll(async () => {
  await orch?.kill();
  await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('region-cli', () => {
  it('config writes a sample the provision command accepts', async () => {
    const out = path.join(dir, 'sample.yml');
    const r = await cli(['config', out]);
    expect(r.code).toBe(0);
    const sample = YAML.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(sample).toMatchObject({ cpu: 2, memory: 4, disk: 20, max_players: 100, governance_type: 'democracy', starting_credits: 1500 });
    sample.name = 'cli-region';
    sample.owner_id = ownerId;
    writeFileSync(path.join(dir, 'req.yml'), YAML.stringify(sample));
  });

  it('provision waits with a progress bar until the region is READY', async () => {
    const r = await cli(['provision', path.join(dir, 'req.yml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('provision requested: cli-region');
    expect(r.stdout).toMatch(/provisioning \[.*\] 6\/6 READY/);
    expect(r.stdout).toContain('region cli-region is READY at http://127.0.0.1:');
  });

  it('list / show / metrics in table and json', async () => {
    const table = await cli(['list']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+STATE\s+OWNER\s+PLAYERS\s+CPU%\s+MEMORY%/);
    expect(table.stdout).toMatch(/cli-region\s+READY/);
    // --format json prints the API bodies: the region list, one region, the fleet metrics.
    const json = JSON.parse((await cli(['list', '--format', 'json'])).stdout) as RegionListItem[];
    expect(json.map((r) => r.name)).toEqual(['cli-region']);
    const show = await cli(['show', 'cli-region']);
    expect(show.stdout).toMatch(/state:\s+READY/);
    expect(show.stdout).toMatch(/ROUTING_CONFIGURED\s+True/);
    const shown = JSON.parse((await cli(['show', 'cli-region', '--format', 'json'])).stdout) as RegionDetailBody;
    expect(shown.usage.uptimeS).toBeGreaterThanOrEqual(0);
    expect(shown.usage.playersOnline).toBe(0);
    const metrics: unknown = JSON.parse((await cli(['metrics', '--format', 'json'])).stdout);
    expect(metrics).toMatchObject({ totalRegions: 1, activeRegions: 1, softTarget: 50, alert: false, totalMemoryGb: 4 });
    expect((await cli(['metrics'])).stdout).toMatch(/live \/ target:\s+1 \/ 50/);
  });

  it('scale applies valid values and reports every out-of-range one', async () => {
    const ok = await cli(['scale', 'cli-region', '--cpu', '4', '--memory', '8', '--disk', '40']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('cpu 4, memory 8 GB, disk 40 GB');
    const bad = await cli(['scale', 'cli-region', '--cpu', '12', '--memory', '1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error: ERR_SCALE_OUT_OF_RANGE cpu: .*; memoryGb: /);
    const [row] = await tdb.sql`SELECT cpu_vcpu::float8 cpu, memory_gb, storage_gb FROM regions WHERE name = 'cli-region'`;
    expect(row).toMatchObject({ cpu: 4, memory_gb: 8, storage_gb: 40 });
  });

  it('hibernate / wake / resurrect with progress bars', async () => {
    const h = await cli(['hibernate', 'cli-region']);
    expect(h.stderr).toBe('');
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/hibernating \[.*\] 2\/2 HIBERNATED/);
    expect(h.stdout).toContain('region cli-region is HIBERNATED');
    const again = await cli(['hibernate', 'cli-region']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: ERR_REGION_NOT_HIBERNATABLE /);
    expect((await cli(['resurrect', 'cli-region'])).stderr).toMatch(/^error: ERR_REGION_NOT_WAKEABLE /); // not tombstoned

    const w = await cli(['wake', 'cli-region']);
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/waking \[.*\] 2\/2 READY/);
    expect(w.stdout).toMatch(/region cli-region is READY at http:\/\/\S+ after \d+ ms/);
    const [row] = await tdb.sql<{ s: string }[]>`SELECT runtime_state AS s FROM regions WHERE name = 'cli-region'`;
    expect(row!.s).toBe('ready');

    // Tombstoning itself is the archival sweep's (hibernation.int.test.ts); here the row is put in that state directly.
    expect((await cli(['hibernate', 'cli-region'])).code).toBe(0);
    await tdb.sql`UPDATE regions SET runtime_state = 'tombstoned', tombstoned_at = now() WHERE name = 'cli-region'`;
    const r = await cli(['resurrect', 'cli-region']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/resurrecting \[.*\] 2\/2 READY/);
    const [back] = await tdb.sql<{ s: string; t: string | null }[]>`SELECT runtime_state AS s, tombstoned_at::text AS t FROM regions WHERE name = 'cli-region'`;
    expect(back).toEqual({ s: 'ready', t: null });
  });

  it('errors: bad token, unknown region', async () => {
    const r = await cli(['list'], { env: { SW_TOKEN: 'nope' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERR_INVALID_TOKEN');
    expect((await cli(['show', 'ghost-region'])).stderr).toContain('ERR_REGION_NOT_FOUND');
  });

  it('backup create / list / restore: a logical backup with its manifest, restored into a scratch database and compared', async () => {
    const created = await cli(['backup', 'create', 'cli-region']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/backing up \[.*\] 1\/1/);
    expect(created.stdout).toMatch(/backed up cli-region: \S+ \(\d+ tables, \d+ rows, \d+ bytes, sha256 [0-9a-f]{16}\)/);
    const all = await cli(['backup', 'create', '--all']);
    expect(all.code, all.stderr).toBe(0);
    const list = await cli(['backup', 'list', 'cli-region', '--format', 'json']);
    const backups = JSON.parse(list.stdout) as Array<{ id: string; tables: number; rows: number; sha256: string }>;
    expect(backups).toHaveLength(2);
    expect(backups[0]!.id > backups[1]!.id).toBe(true);
    expect(backups[0]!.tables).toBeGreaterThan(5);
    expect((await cli(['backup', 'list', 'cli-region'])).stdout.split('\n')[0]).toMatch(/^ID\s+CREATED\s+TABLES\s+ROWS\s+BYTES\s+SHA256/);
    const restored = await cli(['backup', 'restore', 'cli-region', '--backup', backups[1]!.id]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(new RegExp(`restored ${backups[1]!.id.replaceAll('.', '\\.')} into region_\\w+_restore in \\d+ ms: ${backups[1]!.tables} tables, ${backups[1]!.rows} rows, every table matches the manifest`));
    // A damaged dump is refused before anything is restored.
    const regionId = (await tdb.sql<{ id: string }[]>`SELECT id FROM regions WHERE name = 'cli-region'`)[0]!.id;
    const dump = path.join(dir, 'backups', 'regions', regionId, backups[0]!.id, 'region.dump');
    const bytes = readFileSync(dump);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(dump, bytes);
    const bad = await cli(['backup', 'restore', 'cli-region']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: ERR_BACKUP_CORRUPT /m);
    expect((await cli(['backup', 'create'])).stderr).toMatch(/ERR_VALIDATION name a region or pass --all/);
    await tdb.sql.unsafe(`DROP DATABASE IF EXISTS "${regionDbName(regionId)}_restore" WITH (FORCE)`).catch(() => {});
  });

  it('terminate asks y/N, and --confirm --immediate archives the region', async () => {
    const abort = await cli(['terminate', 'cli-region'], { input: 'n\n' });
    expect(abort.stdout).toContain('aborted');
    expect((await tdb.sql`SELECT desired_state FROM regions WHERE name = 'cli-region'`)[0]!.desired_state).toBe('running');
    const r = await cli(['terminate', 'cli-region', '--confirm', '--immediate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('termination requested for cli-region');
    await waitFor('archived', async () => (await tdb.sql`SELECT 1 FROM regions WHERE name = 'cli-region' AND runtime_state = 'archived'`).length > 0, 60_000);
  });
});
