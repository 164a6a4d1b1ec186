/**
 * Phase-14 attach bookkeeping through the real reconciler: the 5th failed attempt moves the region to
 * attachment_pending (status too) with the 30-minute retry step; once the Nexus exists and the retry
 * is due, the region attaches exactly once and becomes ready.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { startOrchestrator, type RunningOrchestrator } from '../index.ts';
import { cleanupInstance, insertNexusFixture, userWithToken, waitFor } from '../testing/fixtures.ts';

const instance = `attach-${randomUUID().slice(0, 8)}`;
let tdb: TestDatabase<HubDb>;
let orch: RunningOrchestrator;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orch = await startOrchestrator({ port: 0, databaseUrl: tdb.url, instance, resyncMs: 300, autoscaleIntervalMs: 3_600_000 });
});

afterAll(async () => {
  await orch?.stop();
  await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
});

describe('Nexus attach backoff', () => {
  it('5 failures -> attachment_pending with a 30 min retry; a due retry with a Nexus -> ready, one tunnel', async () => {
    const admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
    const res = await fetch(`${orch.url}/regions/provision`, {
      method: 'POST', headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'lonely', owner_id: admin.playerId }),
    });
    const { regionId } = (await res.json()) as { regionId: string };
    await waitFor('first attach failure', async () => (await tdb.sql`SELECT 1 FROM regions WHERE id = ${regionId} AND nexus_attach_attempt_count >= 1`).length > 0, 60_000);
    // Pretend four attempts already failed and the next retry is due (skips 1 s + 5 s + 30 s + 5 min of waiting).
    await tdb.sql`UPDATE regions SET nexus_attach_attempt_count = 4, nexus_attach_next_retry_at = now() WHERE id = ${regionId}`;
    orch.reconciler.kick(regionId);
    const pending = await waitFor('attachment_pending', async () => {
      const [r] = await tdb.sql<{ runtime_state: string; status: string; n: number; at: Date }[]>`SELECT runtime_state, status, nexus_attach_attempt_count n, nexus_attach_next_retry_at at FROM regions WHERE id = ${regionId}`;
      return r!.runtime_state === 'attachment_pending' ? r : null;
    }, 20_000);
    expect(pending.status).toBe('attachment_pending');
    expect(pending.n).toBe(5);
    const waitMin = (new Date(pending.at).getTime() - Date.now()) / 60_000;
    expect(waitMin).toBeGreaterThan(29);
    expect(waitMin).toBeLessThanOrEqual(30);
    const [ev] = await tdb.sql`SELECT message FROM region_events WHERE region_id_snapshot = ${regionId} AND reason = 'AttachmentPending'`;
    expect(ev!.message).toContain('taking longer than expected');

    await insertNexusFixture(tdb.sql);
    await tdb.sql`UPDATE regions SET nexus_attach_next_retry_at = now() WHERE id = ${regionId}`;
    orch.reconciler.kick(regionId);
    const ready = await waitFor('ready', async () => {
      const [r] = await tdb.sql`SELECT runtime_state, status, nexus_attach_completed_at c FROM regions WHERE id = ${regionId}`;
      return r!.runtime_state === 'ready' ? r : null;
    }, 20_000);
    expect(ready.status).toBe('active');
    expect(ready.c).not.toBeNull();
    const tunnels = await tdb.sql<{ idempotency_key: string }[]>`SELECT idempotency_key FROM warp_tunnels WHERE from_region_id = ${regionId}`;
    expect(tunnels.map((t) => t.idempotency_key)).toEqual([`${regionId}:6`]);
  });
});
