/**
 * A region-server started by the process driver is isolated from its hub: it does not inherit the
 * orchestrator's secrets (checked in /proc/<pid>/environ), it answers only calls that carry its own
 * service token (except /health), and presence rows that were not refreshed within the TTL are swept.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionServerAuthHeaders, regionServerToken } from '@sw/auth';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { cleanupInstance, waitFor } from '../../testing/fixtures.ts';
import { regionDbName, type RegionRuntimeDriver, type StackObserved } from '../driver.ts';
import { createProcessDriver } from './process-driver.ts';

const instance = `iso-${randomUUID().slice(0, 8)}`;
const regionId = randomUUID();
const dbName = regionDbName(regionId);
const SECRETS = {
  JWT_SECRET: `leak-jwt-${randomUUID()}`,
  INTERNAL_CLAIMS_SECRET: `leak-internal-${randomUUID()}`,
  PAYPAL_CLIENT_SECRET: `leak-paypal-${randomUUID()}`,
  REGION_SECRETS_KEY: `leak-key-${randomUUID()}`,
  SW_DOCKER_ADMIN_SECRET: `leak-docker-${randomUUID()}`,
};
let tdb: TestDatabase<HubDb>;
let driver: RegionRuntimeDriver;
let observed: StackObserved;
let regionUrl: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  // The orchestrator's own environment, as in production: hub superuser URL and every secret.
  for (const [k, v] of Object.entries({ ...SECRETS, DATABASE_URL: tdb.url })) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  driver = createProcessDriver({ hubUrl: tdb.url, instance, extraEnv: { REGION_PRESENCE_TTL_S: '60', REGION_PRESENCE_SWEEP_MS: '200' } });
  regionUrl = (await driver.ensureDatabase({ regionId, dbName, roleName: dbName, password: `pw-${randomUUID()}` })).url;
  const res = await driver.ensureStack(
    { regionId, regionName: `iso-${regionId.slice(0, 8)}`, generation: 1, databaseUrl: regionUrl, cpu: 1, memoryGb: 1, storageGb: 10, maxPlayers: 10, serviceToken: regionServerToken(regionId) },
    null,
  );
  observed = res.observed;
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await driver?.close();
  await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
});

describe('region-server isolation (process driver)', () => {
  it('starts with an explicit, minimal environment: none of the orchestrator secrets', () => {
    const environ = readFileSync(`/proc/${observed.pid}/environ`, 'utf8').split('\0').filter(Boolean);
    const env = Object.fromEntries(environ.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    for (const [k, v] of Object.entries(SECRETS)) {
      expect(env[k]).toBeUndefined();
      expect(environ.some((kv) => kv.includes(v))).toBe(false);
    }
    expect(env.DATABASE_URL).toBeUndefined();
    expect(environ.some((kv) => kv.includes(tdb.url))).toBe(false);
    expect(env.REGION_SERVER_TOKEN).toBe(regionServerToken(regionId));
    expect(new URL(env.REGION_DATABASE_URL!).username).toBe(dbName);
    expect(Object.keys(env).sort()).toEqual(expect.arrayContaining(['REGION_ID', 'REGION_NAME', 'REGION_DATABASE_URL', 'REGION_SERVER_TOKEN']));
  });

  it('answers /health to anyone and everything else only with its service token', async () => {
    expect((await fetch(`${observed.endpoint}/health`)).status).toBe(200);
    const anon = await fetch(`${observed.endpoint}/world/stats`);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { code: string } }).error.code).toBe('ERR_REGION_SERVER_UNAUTHORIZED');
    const playerId = randomUUID();
    const forged = await fetch(`${observed.endpoint}/presence`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...regionServerAuthHeaders(randomUUID()) },
      body: JSON.stringify({ playerId, action: 'leave' }),
    });
    expect(forged.status).toBe(401);
    expect((await fetch(`${observed.endpoint}/metrics`)).status).toBe(401);
    expect((await fetch(`${observed.endpoint}/world/stats`, { headers: regionServerAuthHeaders(regionId) })).status).toBe(200);
  });

  it('sweeps presence rows older than the TTL', async () => {
    const sql = postgres(regionUrl, { max: 1, onnotice: () => {} });
    try {
      const stale = randomUUID();
      const fresh = randomUUID();
      await sql`INSERT INTO presence (player_id, sector_number, last_seen_at) VALUES (${stale}, 1, now() - interval '10 minutes'), (${fresh}, 1, now())`;
      await waitFor('the stale presence row to be swept', async () => (await sql`SELECT 1 FROM presence WHERE player_id = ${stale}`).length === 0, 20_000, 100);
      expect(await sql`SELECT player_id FROM presence`).toEqual([{ player_id: fresh }]);
      const stats = (await (await fetch(`${observed.endpoint}/world/stats`, { headers: regionServerAuthHeaders(regionId) })).json()) as { playersOnline: number };
      expect(stats.playersOnline).toBe(1);
    } finally {
      await sql.end({ timeout: 2 });
    }
  });
});
