/**
 * The Region subgraph's hub connections through a real pgbouncer (Debian's 1.18) in transaction pooling mode, started
 * by the test on a free port in front of the local Postgres: ten client connections share two server connections,
 * every answer is the one the database holds, and no named prepared statement is left on the shared server
 * connections (postgres.js runs with `prepare: false` for DATABASE_POOL_MODE=transaction;
 * docs/decisions/hub-connection-pooling.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createDb, type HubDb } from '@sw/db';
import { createTestDatabase, insertRegion, insertUserWithPlayer, postGraphql, startPgbouncer, testClaims } from '@sw/testing';
import type { TestDatabase, TestPgbouncer } from '@sw/testing';
import { startRegionSubgraph, type RunningSubgraph } from './start-region-subgraph.ts';

const POOL_SIZE = 2;
let tdb: TestDatabase<HubDb>;
let bouncer: TestPgbouncer;
let service: RunningSubgraph;
let pooledUrl: string;
const regions: Array<{ id: string; name: string; totalSectors: number }> = [];
const players: Array<{ userId: string; playerId: string; username: string; credits: number }> = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  for (let i = 0; i < 12; i++) {
    const r = await insertRegion(tdb.db, { totalSectors: 100 + i });
    regions.push({ id: r.id, name: r.name, totalSectors: r.totalSectors });
  }
  for (let i = 0; i < 4; i++) {
    const credits = 1000 * (i + 1);
    players.push({ ...(await insertUserWithPlayer(tdb.db, { player: { credits } })), credits });
  }
  bouncer = await startPgbouncer({ poolMode: 'transaction', defaultPoolSize: POOL_SIZE });
  pooledUrl = bouncer.urlFor(tdb.url);
  service = await startRegionSubgraph({ port: 0, databaseUrl: pooledUrl, dbPoolSize: 10, dbPoolMode: 'transaction' });
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await bouncer?.stop();
  await tdb?.drop();
});

/** The pgbouncer pool of the test database (one database/user pair). */
async function pool(): Promise<Record<string, string>> {
  const rows = await bouncer.show('SHOW POOLS');
  const row = rows.find((r) => r.database === tdb.name);
  if (!row) throw new Error(`no pgbouncer pool for ${tdb.name}: ${JSON.stringify(rows)}\n${bouncer.log()}`);
  return row;
}

/**
 * For each server connection of the pool: its backend pid and how many named prepared statements it holds. Holds
 * POOL_SIZE transactions open at once so each lands on its own server connection.
 */
async function serverConnections(): Promise<Array<{ pid: number; prepared: number }>> {
  const probe = createDb(pooledUrl, { max: POOL_SIZE, poolMode: 'transaction' });
  try {
    return await Promise.all(
      Array.from({ length: POOL_SIZE }, () =>
        probe.sql.begin(async (tx) => {
          const [row] = await tx<{ pid: number; prepared: number }[]>`
            SELECT pg_backend_pid() AS pid, (SELECT count(*)::int FROM pg_prepared_statements) AS prepared, pg_sleep(0.3) IS NULL AS slept`;
          return { pid: row!.pid, prepared: row!.prepared };
        }),
      ),
    );
  } finally {
    await probe.close();
  }
}

describe('Region subgraph through pgbouncer (transaction pooling)', () => {
  it('answers concurrent queries correctly while ten client connections share two server connections', async () => {
    const calls = [
      ...regions.map(async (r) => {
        const res = await postGraphql<{ region: { id: string; name: string; totalSectors: number } }>(
          service.url,
          'query R($id: ID!) { region(id: $id) { id name totalSectors } }',
          { id: r.id },
        );
        expect(res.errors).toBeUndefined();
        expect(res.data?.region).toEqual(r);
      }),
      ...regions.map(async (r) => {
        const res = await postGraphql<{ regionByName: { id: string } }>(service.url, 'query N($n: String!) { regionByName(name: $n) { id } }', {
          n: r.name.toUpperCase(),
        });
        expect(res.data?.regionByName.id).toBe(r.id);
      }),
      ...players.map(async (p) => {
        const res = await postGraphql<{ player: { id: string; credits: number | null } }>(
          service.url,
          'query P($id: ID!) { player(id: $id) { id credits } }',
          { id: p.playerId },
          testClaims(p.userId, p.username, p.playerId),
        );
        expect(res.errors).toBeUndefined();
        expect(res.data?.player).toEqual({ id: p.playerId, credits: p.credits });
      }),
      ...Array.from({ length: 12 }, async (_, i) => {
        const res = await postGraphql<{ regions: Array<{ id: string }> }>(service.url, 'query L($f: Int!, $o: Int!) { regions(first: $f, offset: $o) { id } }', {
          f: 3,
          o: i % 4,
        });
        expect(res.errors).toBeUndefined();
        expect(res.data?.regions).toHaveLength(3);
      }),
    ];
    await Promise.all(calls);

    const p = await pool();
    expect(p.pool_mode).toBe('transaction');
    const servers = Number(p.sv_active) + Number(p.sv_idle) + Number(p.sv_used) + Number(p.sv_tested) + Number(p.sv_login);
    const clients = Number(p.cl_active) + Number(p.cl_waiting);
    expect(servers).toBeLessThanOrEqual(POOL_SIZE);
    expect(clients).toBeGreaterThan(POOL_SIZE);
    const stats = (await bouncer.show('SHOW STATS')).find((r) => r.database === tdb.name);
    expect(Number(stats?.total_xact_count)).toBeGreaterThanOrEqual(calls.length);
  });

  it('keeps one server connection for the whole of a transaction', async () => {
    const h = createDb(pooledUrl, { max: 4, poolMode: 'transaction' });
    try {
      const pids = await h.sql.begin(async (tx) => {
        const [a] = await tx<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        await tx`SELECT pg_advisory_xact_lock(${42})`;
        const [b] = await tx<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        return [a!.pid, b!.pid];
      });
      expect(pids[0]).toBe(pids[1]);
    } finally {
      await h.close();
    }
  });

  it('leaves no named prepared statement on the shared server connections (prepare: false)', async () => {
    await postGraphql(service.url, 'query R($id: ID!) { region(id: $id) { id } }', { id: regions[0]!.id });
    const conns = await serverConnections();
    expect(new Set(conns.map((c) => c.pid)).size).toBe(POOL_SIZE);
    expect(conns.map((c) => c.prepared)).toEqual([0, 0]);
  });

  it('for contrast, a client with postgres.js defaults (prepare: true) leaves its statements behind on them', async () => {
    const naive = postgres(pooledUrl, { max: 1, onnotice: () => {} });
    try {
      await naive`SELECT count(*) FROM regions WHERE total_sectors > ${100}`;
      const conns = await serverConnections();
      expect(conns.reduce((a, c) => a + c.prepared, 0)).toBeGreaterThan(0);
    } finally {
      await naive.end({ timeout: 5 });
    }
    // The server connections keep them until pgbouncer closes them (server_reset_query is not run in transaction mode).
  });
});
