/**
 * The autoscaler loop on a real idle region-server (process driver): real /proc samples show CPU and
 * memory far below 20 % / 30 %, so with short windows it decides scale_down, applies it through
 * scaleRegion's write (spec_generation++), the reconciler applies the spec, and the next evaluation
 * holds for the cooldown. Every decision is in autoscale_decisions with its reason.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { startOrchestrator, type RunningOrchestrator } from '../index.ts';
import { cleanupInstance, insertNexusFixture, userWithToken, waitFor } from '../testing/fixtures.ts';

const instance = `autoscale-${randomUUID().slice(0, 8)}`;
let tdb: TestDatabase<HubDb>;
let orch: RunningOrchestrator;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await insertNexusFixture(tdb.sql);
  orch = await startOrchestrator({
    port: 0, databaseUrl: tdb.url, instance, resyncMs: 300, autoscaleIntervalMs: 3_600_000,
    autoscalePolicy: { sampleIntervalMs: 300, staleAfterMs: 5_000, upWindowMs: 1_000, downWindowMs: 2_000, cooldownMs: 60_000 },
  });
});

afterAll(async () => {
  await orch?.stop();
  await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
});

describe('autoscaler', () => {
  it('scales an idle region down from measured samples, then holds for the cooldown', async () => {
    const admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
    const res = await fetch(`${orch.url}/regions/provision`, {
      method: 'POST', headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'idle-region', owner_id: admin.playerId, cpu: 2, memory: 4 }),
    });
    const { regionId } = (await res.json()) as { regionId: string };
    await waitFor('ready', async () => (await tdb.sql`SELECT 1 FROM regions WHERE id = ${regionId} AND runtime_state = 'ready'`).length > 0, 60_000);

    const first = await orch.autoscaler.tick();
    expect(first.find((d) => d.regionId === regionId)!.decision.reason).toBe('metrics_missing'); // first sample only primes the CPU delta
    const decision = await waitFor('scale_down decision', async () => {
      await new Promise((r) => setTimeout(r, 300));
      const d = (await orch.autoscaler.tick()).find((x) => x.regionId === regionId)!.decision;
      return d.action === 'scale_down' ? d : null;
    }, 20_000, 0);
    expect(decision).toEqual({ action: 'scale_down', to: { cpu: 1, memoryGb: 3 }, reason: 'utilisation_low', limited: false });

    const applied = await waitFor('spec applied', async () => {
      const [r] = await tdb.sql`SELECT cpu_vcpu::float8 cpu, memory_gb, spec_generation, observed_generation FROM regions WHERE id = ${regionId}`;
      return r!.observed_generation === 2 ? r : null;
    }, 20_000);
    expect(applied).toMatchObject({ cpu: 1, memory_gb: 3, spec_generation: 2 });

    await new Promise((r) => setTimeout(r, 300));
    const after = (await orch.autoscaler.tick()).find((x) => x.regionId === regionId)!.decision;
    expect(after).toMatchObject({ action: 'hold', reason: 'cooldown' });

    const rows = await tdb.sql<{ action: string; reason: string; from_spec: unknown; to_spec: unknown; samples: Array<{ cpuPct: number; memPct: number }> }[]>`SELECT action, reason, from_spec, to_spec, samples FROM autoscale_decisions WHERE region_id_snapshot = ${regionId} ORDER BY id`;
    const seq = rows.map((r) => `${r.action}:${r.reason}`);
    // holds are recorded when their reason changes (metrics_missing → within_thresholds while the 2 s window fills)
    expect(seq[0]).toBe('hold:metrics_missing');
    expect(seq.filter((x) => x.startsWith('scale_'))).toEqual(['scale_down:utilisation_low']);
    expect(seq.at(-1)).toBe('hold:cooldown');
    const down = rows.find((r) => r.action === 'scale_down')!;
    expect(down.from_spec).toEqual({ cpu: 2, memoryGb: 4 });
    expect(down.to_spec).toEqual({ cpu: 1, memoryGb: 3 });
    expect(down.samples.length).toBeGreaterThanOrEqual(2);
    expect(down.samples.every((s) => s.cpuPct < 20 && s.memPct < 30)).toBe(true);
    const events = (await tdb.sql<{ reason: string; message: string | null }[]>`SELECT reason, message FROM region_events WHERE region_id_snapshot = ${regionId} ORDER BY id`).map((e) => e.reason);
    expect(events).toEqual(expect.arrayContaining(['ScaleRequested', 'SpecApplied']));
  });
});
