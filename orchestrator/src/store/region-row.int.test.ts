/**
 * findRegionsByIds — the batch behind Region.runtime (docs/decisions/gateway-plan-executor.md): one query for a page
 * of entities, answers in the order asked, the same rows findRegion reads one by one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, insertRegion, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { findRegion, findRegionsByIds } from './region-row.ts';

let tdb: TestDatabase<HubDb>;
beforeAll(async () => {
  tdb = await createTestDatabase({ max: 2 });
});
afterAll(async () => {
  await tdb?.drop();
});

describe('findRegionsByIds', () => {
  it('answers in the order asked, with null for unknown or malformed ids and repeats kept', async () => {
    const a = await insertRegion(tdb.db, { runtimeState: 'hibernated' });
    const b = await insertRegion(tdb.db, { runtimeState: 'ready', restartCount: 3 });
    const missing = randomUUID();
    const rows = await findRegionsByIds(tdb.sql, [b.id, missing, a.id.toUpperCase(), 'not-a-uuid', a.id]);
    expect(rows.map((r) => r?.id ?? null)).toEqual([b.id, null, a.id, null, a.id]);
    expect(rows[0]).toEqual(await findRegion(tdb.sql, b.id));
    expect(rows[4]).toEqual(await findRegion(tdb.sql, a.id));
    expect(await findRegionsByIds(tdb.sql, [])).toEqual([]);
  });
});
