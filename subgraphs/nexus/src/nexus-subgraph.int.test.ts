import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { encodeForwardedClaims, type Claims } from '@sw/auth';
import { DEFAULT_REDIS_URL } from '@sw/config';
import type { HubDb } from '@sw/db';
import { createTestDatabase, createTestRedisPrefix, dataOf, errorCodes, parseGraphqlBody, type GraphqlError, type TestDatabase } from '@sw/testing';
import { ensureBaseGalaxy } from '@sw/world-store';
import { startNexusSubgraph, type RunningNexusSubgraph } from './index.ts';

const SECRET = 'nexus-subgraph-test-secret';
let t: TestDatabase<HubDb>;
let svc: RunningNexusSubgraph;

function claims(roles: Claims['roles']): Claims {
  // Admins here hold galaxy:manage, the scope every generation operation needs.
  const scopes = roles.includes('admin') ? ['galaxy:manage'] : [];
  return { sub: randomUUID(), username: roles.includes('admin') ? 'admin' : 'alice', playerId: randomUUID(), roles, scopes, exp: Math.floor(Date.now() / 1000) + 600 };
}
const ADMIN = encodeForwardedClaims(claims(['player', 'admin']), SECRET);
const PLAYER = encodeForwardedClaims(claims(['player']), SECRET);

interface GqlResult<T> {
  data?: T | null;
  errors?: GraphqlError[];
}

/** POSTs one operation with ready-made forwarded-claims headers (signed with this file's SECRET). */
async function gql<T = unknown>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GqlResult<T>> {
  const res = await fetch(`${svc.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return parseGraphqlBody<T>(await res.json());
}
const codeOf = (r: GqlResult<unknown>) => errorCodes(r)[0];

/** The selections below, as far as the assertions read them field by field. */
interface Job { id: string; status: string; finishedAt: string | null }
interface NexusStatus { nexusStatus: { status: string; generationSeed: string | null; galaxyHash: string | null } }
interface ClusterStats { portsCount: number; planetsCount: number; avgSecurityLevel: number; avgDevelopmentLevel: number }
interface NexusStats { nexusStats: { totalSectors: number; totalPorts: number; totalPlanets: number; totalWarpGates: number; clusters: ClusterStats[] } }
interface ClusterDetail { cluster: { warpStability: number; sampleSectors: unknown[]; sampleStations: unknown[]; samplePlanets: unknown[] } }
interface SectorDetail { sector: { isCapital: boolean; warpsTo: number[]; stations: unknown[]; planets: unknown[] } }
interface ProgressEvent { jobId: string; seq: number; status: string; stage: string; percent: number }

async function waitForJob(jobId: string, timeoutMs = 30_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await gql<{ generationJob: Job | null }>(`query($id: ID!) { generationJob(jobId: $id) { id status stage percent errorCode seed finishedAt } }`, { id: jobId }, ADMIN);
    const job = r.data?.generationJob;
    if (job && (job.status === 'SUCCEEDED' || job.status === 'FAILED')) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  svc = await startNexusSubgraph({
    port: 0,
    databaseUrl: t.url,
    redisUrl: process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
    eventsPrefix: createTestRedisPrefix('nexus'),
    internalClaimsSecret: SECRET,
    dbPoolSize: 4,
  });
});
afterAll(async () => {
  await svc?.stop();
  await t?.drop();
});

const STATUS = `{ nexusStatus { exists status region { id } totalSectors totalPorts totalPlanets capitalSectorNumber generationSeed galaxyHash } }`;

describe('before the Nexus exists', () => {
  it('nexusStatus is NOT_GENERATED for anyone, nexusStats/cluster answer ERR_NEXUS_NOT_GENERATED, clusters is empty', async () => {
    const anon = await gql<NexusStatus>(STATUS);
    expect(anon.data?.nexusStatus).toMatchObject({ exists: false, status: 'NOT_GENERATED', region: null, totalSectors: 0 });
    expect(codeOf(await gql('{ nexusStats { totalSectors } }'))).toBe('ERR_NEXUS_NOT_GENERATED');
    expect(codeOf(await gql('{ cluster(clusterNumber: 3) { name } }'))).toBe('ERR_NEXUS_NOT_GENERATED');
    expect((await gql<{ clusters: unknown[] }>('{ clusters { name } }')).data?.clusters).toEqual([]);
  });

  it('regenerateCluster without a Nexus is refused (ERR_NEXUS_NOT_GENERATED) and creates no job', async () => {
    const r = await gql('mutation { regenerateCluster(clusterNumber: 2, seed: "1") { id } }', {}, ADMIN);
    expect(codeOf(r)).toBe('ERR_NEXUS_NOT_GENERATED');
    const [{ n }] = (await t.sql`select count(*)::int as n from generation_jobs`) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });
});

describe('generateNexus (admin only) and the progress subscription', () => {
  let jobId = '';

  it('refuses anonymous and non-admin callers and validates the seed', async () => {
    expect(codeOf(await gql('mutation { generateNexus(seed: "1") { id } }'))).toBe('ERR_UNAUTHENTICATED');
    expect(codeOf(await gql('mutation { generateNexus(seed: "1") { id } }', {}, PLAYER))).toBe('ERR_ADMIN_REQUIRED');
    expect(codeOf(await gql('mutation { regenerateCluster(clusterNumber: 1) { id } }', {}, PLAYER))).toBe('ERR_ADMIN_REQUIRED');
    expect(codeOf(await gql('mutation { generateNexus(seed: "-5") { id } }', {}, ADMIN))).toBe('ERR_VALIDATION');
    const unscoped = encodeForwardedClaims({ ...claims(['player', 'admin']), scopes: ['fleet:manage'] }, SECRET);
    expect(codeOf(await gql('mutation { generateNexus(seed: "1") { id } }', {}, unscoped))).toBe('ERR_SCOPE_REQUIRED');
    const [{ n }] = (await t.sql`select count(*)::int as n from generation_jobs`) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });

  it('queues a job only together with its ok audit row: when the audit insert fails, no job is queued', async () => {
    const auditRows = () => t.sql<{ result: string; error_code: string | null }[]>`select result, error_code from audit_log where action = 'nexus.generateNexus' order by at, id`;
    const earlier = (await auditRows()).length;
    // A test-only trigger makes the store refuse the ok row of this action; the job insert must roll back with it.
    await t.sql.unsafe(`
      CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$;
      CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW
        WHEN (NEW.action = 'nexus.generateNexus' AND NEW.result = 'ok') EXECUTE FUNCTION test_refuse_audit();`);
    try {
      const r = await gql('mutation { generateNexus(seed: "77") { id } }', {}, ADMIN);
      expect(codeOf(r)).toBeDefined();
    } finally {
      await t.sql.unsafe('DROP TRIGGER test_refuse_audit ON audit_log; DROP FUNCTION test_refuse_audit();');
    }
    const [{ n }] = (await t.sql`select count(*)::int as n from generation_jobs`) as unknown as [{ n: number }];
    expect(n).toBe(0);
    expect((await auditRows()).slice(earlier)).toEqual([{ result: 'failed', error_code: 'ERR_INTERNAL' }]);
  });

  it('returns a queued job at once, streams stages to 100 over graphql-ws, and the world is there after SUCCEEDED', async () => {
    const r = await gql<{ generateNexus: Job }>('mutation { generateNexus(seed: "4242") { id kind status percent seed } }', {}, ADMIN);
    expect(r.errors).toBeUndefined();
    const job = dataOf(r).generateNexus;
    expect(job).toMatchObject({ kind: 'nexus', status: 'QUEUED', percent: 0, seed: '4242' });
    jobId = job.id;
    // Its ok audit row was written in the transaction that queued it, naming the job.
    const audit = await t.sql<{ details: { jobId?: string; force?: boolean } }[]>`select details from audit_log where action = 'nexus.generateNexus' and result = 'ok'`;
    expect(audit.map((a) => a.details)).toEqual([{ force: false, jobId: job.id }]);

    // A second Nexus-lane job while this one runs is refused (or, if it already finished, the Nexus exists).
    const second = await gql<{ generateNexus: Job }>('mutation { generateNexus(seed: "1", force: true) { id } }', {}, ADMIN);
    expect(['ERR_GENERATION_IN_PROGRESS', undefined]).toContain(codeOf(second));
    if (codeOf(second) === undefined) await waitForJob(dataOf(second).generateNexus.id);

    const client = createClient({
      url: `${svc.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: ADMIN,
      retryAttempts: 0,
    });
    const events: ProgressEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no completion; got ${JSON.stringify(events)}`)), 30_000);
      client.subscribe<{ generationProgress: ProgressEvent }>(
        { query: 'subscription($id: ID!) { generationProgress(jobId: $id) { jobId seq status stage percent errorCode } }', variables: { id: jobId } },
        {
          next: (msg) => {
            if (msg.errors) reject(new Error(JSON.stringify(msg.errors)));
            events.push(msg.data!.generationProgress);
          },
          error: (err) => reject(err instanceof Error ? err : new Error(JSON.stringify(err))),
          complete: () => {
            clearTimeout(timer);
            resolve();
          },
        },
      );
    });
    await client.dispose();
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.every((e) => e.jobId === jobId)).toBe(true);
    expect(events[0]!.seq).toBe(0); // the DB snapshot comes first
    const last = events.at(-1)!;
    expect(last).toMatchObject({ status: 'SUCCEEDED', percent: 100, errorCode: null });
    for (let i = 1; i < events.length; i++) expect(events[i]!.percent).toBeGreaterThanOrEqual(events[i - 1]!.percent);
    // The job takes hundreds of ms, so live events (seq >= 1) through several stages arrive after the snapshot.
    expect(events.some((e) => e.seq > 0)).toBe(true);
    expect(new Set(events.map((e) => e.stage)).size).toBeGreaterThanOrEqual(3);

    const done = await waitForJob(jobId);
    expect(done).toMatchObject({ status: 'SUCCEEDED', percent: 100, errorCode: null });
    expect(done.finishedAt).not.toBeNull();
    const status = dataOf(await gql<NexusStatus>(STATUS)).nexusStatus;
    expect(status).toMatchObject({ exists: true, status: 'ACTIVE', totalSectors: 5000, capitalSectorNumber: 2251 });
    expect(status.generationSeed === '4242' || status.generationSeed === '1').toBe(true);
    expect(status.galaxyHash).toMatch(/^[0-9a-f]{64}$/);
    const [{ n }] = (await t.sql`select count(*)::int as n from sectors`) as unknown as [{ n: number }];
    expect(n).toBe(5000);
  });

  it('a late subscriber to a finished job gets the final state once and completes', async () => {
    const client = createClient({ url: `${svc.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: ADMIN, retryAttempts: 0 });
    const events: Array<Partial<ProgressEvent>> = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe<{ generationProgress: Partial<ProgressEvent> }>(
        { query: `subscription { generationProgress(jobId: "${jobId}") { seq status percent } }` },
        { next: (m) => events.push(m.data!.generationProgress), error: reject, complete: resolve },
      );
    });
    await client.dispose();
    expect(events).toEqual([{ seq: 0, status: 'SUCCEEDED', percent: 100 }]);
  });

  it('the subscription is admin only', async () => {
    const client = createClient({ url: `${svc.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: PLAYER, retryAttempts: 0 });
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription { generationProgress(jobId: "${jobId}") { seq } }` },
        { next: (m) => resolve(m.errors), error: resolve, complete: () => resolve('completed') },
      );
    });
    await client.dispose();
    expect(JSON.stringify(errors)).toContain('ERR_ADMIN_REQUIRED');
  });

  it('without force a second generateNexus is refused synchronously with ERR_NEXUS_EXISTS and creates no job', async () => {
    const [{ n: before }] = (await t.sql`select count(*)::int as n from generation_jobs`) as unknown as [{ n: number }];
    expect(codeOf(await gql('mutation { generateNexus(seed: "9") { id } }', {}, ADMIN))).toBe('ERR_NEXUS_EXISTS');
    const [{ n: after }] = (await t.sql`select count(*)::int as n from generation_jobs`) as unknown as [{ n: number }];
    expect(after).toBe(before);
  });

  it('generationJob is admin only and checks the id', async () => {
    expect(codeOf(await gql(`{ generationJob(jobId: "${jobId}") { id } }`))).toBe('ERR_UNAUTHENTICATED');
    expect(codeOf(await gql(`{ generationJob(jobId: "${jobId}") { id } }`, {}, PLAYER))).toBe('ERR_ADMIN_REQUIRED');
    expect(codeOf(await gql('{ generationJob(jobId: "nope") { id } }', {}, ADMIN))).toBe('ERR_VALIDATION');
    expect(codeOf(await gql(`{ generationJob(jobId: "${randomUUID()}") { id } }`, {}, ADMIN))).toBe('ERR_GENERATION_JOB_NOT_FOUND');
  });
});

describe('reads after generation (public)', () => {
  it('nexusStats aggregates per cluster from the DB and counts ACTIVE warp gates touching the Nexus', async () => {
    await ensureBaseGalaxy(t.sql); // adds Terran Space and its spoke link to the Nexus capital
    const [nexus] = await t.sql<{ id: string }[]>`select id from regions where region_type = 'central_nexus'`;
    const [terran] = await t.sql<{ id: string }[]>`select id from regions where region_type = 'terran_space'`;
    await t.sql`insert into warp_tunnels (from_region_id, from_sector_id, to_region_id, to_sector_id, status)
      values (${terran!.id}, 5, ${nexus!.id}, 2551, 'collapsed')`; // not ACTIVE: not counted
    for (const headers of [{}, PLAYER, ADMIN]) {
      const r = await gql<NexusStats>('{ nexusStats { totalSectors totalPorts totalPlanets totalWarpGates clusters { clusterNumber name clusterType sectorCount portsCount planetsCount avgSecurityLevel avgDevelopmentLevel } } }', {}, headers);
      expect(r.errors).toBeUndefined();
      const stats = dataOf(r).nexusStats;
      expect(stats.totalSectors).toBe(5000);
      expect(stats.totalWarpGates).toBe(1);
      expect(stats.clusters).toHaveLength(20);
      const [db] = await t.sql<{ ports: number }[]>`select count(*)::int as ports from stations where region_id = ${nexus!.id}`;
      expect(stats.totalPorts).toBe(db!.ports);
      expect(stats.clusters.reduce((n: number, c: { portsCount: number }) => n + c.portsCount, 0)).toBe(stats.totalPorts);
      expect(stats.clusters.reduce((n: number, c: { planetsCount: number }) => n + c.planetsCount, 0)).toBe(stats.totalPlanets);
      const gateway = stats.clusters[9];
      expect(gateway).toMatchObject({ clusterNumber: 10, name: 'Gateway Plaza', sectorCount: 250 });
      const [avg] = await t.sql<{ sec: number; dev: number }[]>`select round(avg(s.security_level), 2)::float8 as sec, round(avg(s.development_level), 2)::float8 as dev
        from sectors s join clusters c on c.id = s.cluster_id where c.region_id = ${nexus!.id} and c.cluster_number = 10`;
      expect([gateway!.avgSecurityLevel, gateway!.avgDevelopmentLevel]).toEqual([avg!.sec, avg!.dev]);
    }
  });

  it('clusters lists 20 clusters on the 5 x 4 grid; cluster(n) has samples; unknown clusters are ERR_UNKNOWN_CLUSTER', async () => {
    const list = dataOf(await gql<{ clusters: unknown[] }>('{ clusters { clusterNumber gridX gridY firstSectorNumber lastSectorNumber } }')).clusters;
    expect(list).toHaveLength(20);
    expect(list[6]).toEqual({ clusterNumber: 7, gridX: 1, gridY: 1, firstSectorNumber: 1501, lastSectorNumber: 1750 });
    const one = await gql<ClusterDetail>(`{ cluster(clusterNumber: 10) { name clusterType economicValue warpStability isDiscovered
      sampleSectors { sectorNumber isCapital isNexusProtected } sampleStations { name sectorNumber } samplePlanets { name } } }`, {}, PLAYER);
    expect(one.errors).toBeUndefined();
    const c = dataOf(one).cluster;
    expect(c).toMatchObject({ name: 'Gateway Plaza', economicValue: 8, isDiscovered: true });
    expect(c.warpStability).toBeCloseTo(0.95, 5);
    expect(c.sampleSectors).toHaveLength(10);
    expect(c.sampleSectors[0]).toEqual({ sectorNumber: 2251, isCapital: true, isNexusProtected: true });
    expect(c.sampleStations[0]).toEqual({ name: 'Nexus Starport Prime', sectorNumber: 2251 });
    expect(c.sampleStations.length).toBeLessThanOrEqual(10);
    expect(c.samplePlanets.length).toBeLessThanOrEqual(10);
    for (const n of [0, 21, -1]) expect(codeOf(await gql(`{ cluster(clusterNumber: ${n}) { name } }`))).toBe('ERR_UNKNOWN_CLUSTER');
  });

  it('sector() returns Nexus and Terran sectors with warps, stations and planets; bad keys give stable codes', async () => {
    const [nexus] = await t.sql<{ id: string }[]>`select id from regions where region_type = 'central_nexus'`;
    const [terran] = await t.sql<{ id: string }[]>`select id from regions where region_type = 'terran_space'`;
    const Q = `query($r: ID!, $c: Int!, $s: Int!) { sector(regionId: $r, clusterNumber: $c, sectorNumber: $s) {
      regionId clusterNumber sectorNumber sectorId region { id } isCapital zoneType specialFeatures warpsTo
      stations { name isStarportPrime securityTier stationClass } planets { name population isPopulationHub } } }`;
    const capital = await gql<SectorDetail>(Q, { r: nexus!.id, c: 10, s: 2251 });
    expect(capital.errors).toBeUndefined();
    const s = dataOf(capital).sector;
    expect(s).toMatchObject({ regionId: nexus!.id, clusterNumber: 10, sectorNumber: 2251, sectorId: 2551, region: { id: nexus!.id }, isCapital: true, zoneType: 'EXPANSE' });
    expect(s.stations).toContainEqual({ name: 'Nexus Starport Prime', isStarportPrime: true, securityTier: 'premium', stationClass: 0 });
    const expected = await t.sql<{ n: number }[]>`
      select distinct t.sector_number as n from sector_warps w join sectors t on t.sector_id = w.to_sector_id where w.from_sector_id = 2551
      union select f.sector_number from sector_warps w join sectors f on f.sector_id = w.from_sector_id where w.to_sector_id = 2551 and w.is_bidirectional
      order by 1`;
    expect(s.warpsTo).toEqual(expected.map((r) => r.n));
    expect(s.warpsTo.length).toBeGreaterThan(0);

    const earth = dataOf(await gql<SectorDetail>(Q, { r: terran!.id, c: 1, s: 1 })).sector;
    expect(earth.isCapital).toBe(true);
    expect(earth.planets).toContainEqual({ name: 'New Earth', population: 8_000_000_000, isPopulationHub: true });

    expect(codeOf(await gql(Q, { r: 'not-a-uuid', c: 1, s: 1 }))).toBe('ERR_VALIDATION');
    expect(codeOf(await gql(Q, { r: randomUUID(), c: 1, s: 1 }))).toBe('ERR_UNKNOWN_SECTOR');
    expect(codeOf(await gql(Q, { r: nexus!.id, c: 1, s: 2251 }))).toBe('ERR_UNKNOWN_SECTOR'); // wrong cluster
    expect(codeOf(await gql(Q, { r: nexus!.id, c: 10, s: 9999 }))).toBe('ERR_UNKNOWN_SECTOR');
  });

  it('resolves Sector entity references (federation _entities)', async () => {
    const [nexus] = await t.sql<{ id: string }[]>`select id from regions where region_type = 'central_nexus'`;
    const r = await gql<{ _entities: Array<{ sectorId: number }> }>(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Sector { sectorId isCapital warpsTo } } }`, {
      reps: [
        { __typename: 'Sector', regionId: nexus!.id, clusterNumber: 10, sectorNumber: 2251 },
        { __typename: 'Sector', regionId: nexus!.id, clusterNumber: 1, sectorNumber: 1 },
      ],
    });
    expect(r.errors).toBeUndefined();
    expect(dataOf(r)._entities.map((e) => e.sectorId)).toEqual([2551, 301]);
  });

  it('regenerateCluster runs as an admin job and keeps sector ids', async () => {
    const before = await t.sql`select sector_id, id from sectors where sector_number between 251 and 500 order by sector_id`;
    const r = await gql<{ regenerateCluster: Job }>('mutation { regenerateCluster(clusterNumber: 2, seed: "77") { id kind clusterNumber status } }', {}, ADMIN);
    expect(r.errors).toBeUndefined();
    expect(dataOf(r).regenerateCluster).toMatchObject({ kind: 'cluster', clusterNumber: 2, status: 'QUEUED' });
    const done = await waitForJob(dataOf(r).regenerateCluster.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', percent: 100 });
    const after = await t.sql`select sector_id, id from sectors where sector_number between 251 and 500 order by sector_id`;
    expect(after).toEqual(before);
    expect(codeOf(await gql('mutation { regenerateCluster(clusterNumber: 21) { id } }', {}, ADMIN))).toBe('ERR_UNKNOWN_CLUSTER');
  });

  it('nexusStatus reports GENERATING while a Nexus-lane job is queued or running', async () => {
    const [job] = await t.sql<{ id: string }[]>`insert into generation_jobs (kind, seed, status) values ('nexus', 1, 'running') returning id`;
    try {
      expect(dataOf(await gql<NexusStatus>(STATUS)).nexusStatus).toMatchObject({ exists: true, status: 'GENERATING' });
      expect(codeOf(await gql('mutation { generateNexus(force: true) { id } }', {}, ADMIN))).toBe('ERR_GENERATION_IN_PROGRESS');
    } finally {
      await t.sql`update generation_jobs set status = 'failed' where id = ${job!.id}`;
    }
    expect(dataOf(await gql<NexusStatus>(STATUS)).nexusStatus.status).toBe('ACTIVE');
  });
});
