/**
 * A region event whose write committed but whose publish failed is not swallowed: it is logged with the
 * error object and counted in sw_region_event_publish_failures_total, and the write stays committed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus } from '@sw/events';
import { createTestDatabase, insertRegion, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { recordRegionEvent, regionEventPublishFailures } from './region-events.ts';

let tdb: TestDatabase<HubDb>;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

describe('region event publishing', () => {
  it('logs and counts a failed publish after the commit', async () => {
    const region = await insertRegion(tdb.db);
    const failure = new Error('redis is down');
    const bus = { publish: () => Promise.reject(failure) } as unknown as EventBus;
    const logged: Array<{ obj: Record<string, unknown>; msg?: string }> = [];
    const before = (await regionEventPublishFailures.get()).values[0]?.value ?? 0;
    const row = await recordRegionEvent({ sql: tdb.sql, bus, log: { error: (obj, msg) => void logged.push({ obj: obj as Record<string, unknown>, msg }) } }, region.id, { type: 'Normal', reason: 'Probe', message: 'x' });
    expect(row?.id).toBe(region.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.msg).toBe('region event committed but not published');
    expect(logged[0]!.obj).toMatchObject({ err: failure, regionId: region.id, reason: 'Probe' });
    expect((await regionEventPublishFailures.get()).values[0]?.value).toBe(before + 1);
    const [ev] = await tdb.sql`SELECT reason FROM region_events WHERE region_id_snapshot = ${region.id}`;
    expect(ev!.reason).toBe('Probe');
  });
});
