/**
 * `pnpm bench:region` — region configuration, regional stats, discovery and travel measured THROUGH THE GATEWAY.
 *
 * Creates its own hub database with the real base galaxy (Terran Space + the 5000-sector Nexus), 50 player regions
 * attached to the Nexus — one of them a ~1,000-sector world in its own region database behind a real region-server,
 * with 10,000 members — starts the Region subgraph (Redis events, legs with no transit time) and the gateway in
 * this process, then measures sequentially (concurrency 1, after a warm-up):
 *   stats_p95_ms          regionStats of the big region (population by tier, territory, economy, governance, activity)
 *   aggregation_p95_ms    searchRegions(first: 50, POPULATION_DESC) with stats of every region on the page
 *   config_update_p95_ms  updateRegionEconomy on the big region (optimistic version, a new version each time)
 *   search_p95_ms         searchRegions with text + policy filters, TARIFF_ASC, 20 per page, cursor paging
 *   travel_p95_ms         startTravel from the Nexus capital to a region
 *   travel_event_p99_ms   from a journey's arrival commit (event `at`) to its travelFeed event at a gateway subscriber
 * Prints ONE JSON line on stdout (logs go to stderr). Env: BENCH_REQUESTS (200), BENCH_WARMUP (30).
 */
import { Pool } from 'undici';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { signAccessToken } from '@sw/auth';
import { hub } from '@sw/db';
import { createRedisEventBus } from '@sw/events';
import { startGateway } from '@sw/gateway';
import { startRegionSubgraph } from '@sw/subgraph-region';
import { createTestDatabase, createTestRedisPrefix } from '@sw/testing';
import { addPlayerRegion, seedBaseGalaxy } from '../subgraphs/region/src/testing/travel-fixtures.ts';
import { RawWsClient, type RawMessage } from '../gateway/src/__fixtures__/raw-ws-client.ts';
import { benchRateLimits } from './bench-rate-limits.ts';

const log = (...args: unknown[]) => console.error('[bench:region]', ...args);
console.log = console.info = console.warn = console.debug = (...args: unknown[]) => console.error(...args);
process.env.LOG_LEVEL ??= 'warn';
const N = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const JWT_SECRET = 'bench-region-jwt-secret-0123456789abcdef';

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
}

async function main(): Promise<void> {
  const t = await createTestDatabase({ max: 5 });
  const prefix = createTestRedisPrefix('bench-region');
  const bus = createRedisEventBus({ prefix });
  const closers: (() => Promise<void>)[] = [];
  try {
    log('seeding: base galaxy, 50 regions, 10,000 members');
    const platform = await seedBaseGalaxy(t.sql);
    const [owner] = await t.db.insert(hub.users).values({ username: 'bench_owner', displayName: 'Bench Owner' }).returning({ id: hub.users.id });
    const [ownerPlayer] = await t.db.insert(hub.players).values({ userId: owner!.id, name: 'Bench Owner', currentRegionId: platform.terranId, homeRegionId: platform.terranId }).returning({ id: hub.players.id });
    const big = await addPlayerRegion(t.db, platform, { name: 'bench-capital-reach', withServer: true, seed: 7n, ownerId: ownerPlayer!.id });
    closers.push(() => big.close());
    const policies = ['open', 'approval', 'closed'];
    const others: string[] = [];
    for (let i = 0; i < 49; i++) {
      const r = await addPlayerRegion(t.db, platform, {
        name: `bench-region-${String(i).padStart(2, '0')}`,
        seed: BigInt(100 + i),
        governanceType: ['autocracy', 'democracy', 'council'][i % 3]!,
        overrides: { immigrationPolicy: policies[i % 3]!, tariffRate: (i % 6) * 0.05, economicSpecialization: ['mining', 'trade', 'research', null][i % 4] ?? null },
      });
      others.push(r.id);
    }
    await t.db.execute(sql`INSERT INTO users (username, display_name) SELECT 'member_' || g, 'Member ' || g FROM generate_series(1, 10000) g`);
    await t.db.execute(sql`
      INSERT INTO players (user_id, name, current_region_id, current_sector_number, home_region_id, is_galactic_citizen)
      SELECT u.id, u.display_name, ${big.id}::uuid, ${big.capital}, ${big.id}::uuid, true FROM users u WHERE u.username LIKE 'member_%'`);
    await t.db.execute(sql`
      INSERT INTO regional_memberships (player_id, region_id, membership_type, last_visit)
      SELECT p.id, ${big.id}::uuid, (ARRAY['citizen', 'resident', 'visitor'])[1 + (row_number() OVER ()) % 3], now() - ((row_number() OVER ()) % 60) * interval '1 day'
      FROM players p JOIN users u ON u.id = p.user_id WHERE u.username LIKE 'member_%'`);
    await t.db.execute(sql`
      INSERT INTO regional_memberships (player_id, region_id, membership_type)
      SELECT p.id, r.id, 'visitor' FROM (SELECT id FROM players ORDER BY id LIMIT 20) p CROSS JOIN (SELECT id FROM regions WHERE region_type = 'player_owned') r
      ON CONFLICT DO NOTHING`);
    // travellers parked at the Nexus capital (one journey each)
    await t.db.execute(sql`INSERT INTO users (username, display_name) SELECT 'trav_' || g, 'Traveller ' || g FROM generate_series(1, ${N + WARMUP}) g`);
    const travellers = await t.db.execute<{ user_id: string; player_id: string; username: string }>(sql`
      INSERT INTO players (user_id, name, current_region_id, current_sector_number, home_region_id, is_galactic_citizen)
      SELECT u.id, u.display_name, ${platform.nexusId}::uuid, 2251, ${platform.terranId}::uuid, true FROM users u WHERE u.username LIKE 'trav_%'
      RETURNING user_id, id AS player_id, (SELECT username FROM users WHERE id = user_id) AS username`);
    // Steady state: autovacuum has run, so counts over indexed columns are index-only scans.
    await t.sql.unsafe("VACUUM ANALYZE");

    const region = await startRegionSubgraph({ port: 0, databaseUrl: t.url, bus, travelLegTransit: 0, travelSweepMs: 0, dbPoolSize: 10 });
    closers.push(() => region.stop());
    const gw = await startGateway({
      port: 0, host: '127.0.0.1', subgraphUrls: { region: region.url }, jwtSecret: JWT_SECRET, logger: pino({ level: 'silent' }),
      rateLimits: benchRateLimits(`${prefix}rl:`),
    });
    closers.push(() => gw.stop());
    const pool = new Pool(gw.url, { connections: 2 });
    closers.push(() => pool.close());
    const ownerToken = await signAccessToken({ sub: owner!.id, username: 'bench_owner', playerId: ownerPlayer!.id, roles: ['player'], scopes: [] }, { secret: JWT_SECRET });
    const adminToken = await signAccessToken({ sub: owner!.id, username: 'bench_owner', playerId: ownerPlayer!.id, roles: ['player', 'admin'], scopes: [] }, { secret: JWT_SECRET });

    async function gql<T>(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const res = await pool.request({
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.body.json()) as { data?: T; errors?: unknown[] };
      if (res.statusCode !== 200 || body.errors) throw new Error(`GraphQL error: ${JSON.stringify(body.errors ?? res.statusCode)}`);
      return body.data!;
    }
    async function measure(name: string, run: (i: number) => Promise<void>, n = N): Promise<number[]> {
      for (let i = 0; i < WARMUP; i++) await run(-1 - i);
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await run(i);
        out.push(performance.now() - t0);
      }
      log(`${name}: p50 ${pct(out, 50)} ms, p95 ${pct(out, 95)} ms`);
      return out;
    }

    const STATS = `query($r: ID!) { regionStats(regionId: $r) { population { citizens residents visitors total homePlayers } territory { sectors clusters planets ports }
      economy { treasuryBalance tradeVolume taxRate tariff { effectiveRate cap } } governance { activeElections openPolicies activeTreaties } activity { activePlayers30d onlineNow presentNow } } }`;
    const first = await gql<{ regionStats: { population: { total: number }; territory: { sectors: number } } }>(ownerToken, STATS, { r: big.id });
    log('big region', first.regionStats.population, first.regionStats.territory);
    const stats = await measure('stats', () => gql(ownerToken, STATS, { r: big.id }).then(() => undefined));

    const AGG = `{ searchRegions(first: 50, sort: POPULATION_DESC) { nodes { population region { name stats { population { total citizens } activity { activePlayers30d }
      governance { openPolicies activeTreaties } territory { sectors ports } economy { tariff { effectiveRate } } } } } } }`;
    const aggregation = await measure('aggregation', () => gql(adminToken, AGG).then(() => undefined));

    let version = (await gql<{ region: { configVersion: number } }>(null, `query($r: ID!) { region(id: $r) { configVersion } }`, { r: big.id })).region.configVersion;
    const UPDATE = `mutation($r: ID!, $v: Int!, $i: EconomySettingsInput!) { updateRegionEconomy(regionId: $r, expectedVersion: $v, input: $i) { region { configVersion } version { version } } }`;
    const config = await measure('config update', async (i) => {
      const res = await gql<{ updateRegionEconomy: { region: { configVersion: number } } }>(ownerToken, UPDATE, { r: big.id, v: version, i: { taxRate: i % 2 === 0 ? 0.12 : 0.13, tradeBonuses: [{ commodity: 'ORE', multiplier: 1 + (Math.abs(i) % 20) / 10 }] } });
      version = res.updateRegionEconomy.region.configVersion;
    });

    const SEARCH = `query($a: String) { searchRegions(filter: { text: "bench", immigrationPolicies: [OPEN, APPROVAL] }, sort: TARIFF_ASC, first: 20, after: $a) {
      nodes { cursor population effectiveTariff region { id name governance { governanceType } economy { specialization } } } pageInfo { hasNextPage endCursor } } }`;
    let cursor: string | null = null;
    const search = await measure('search', async () => {
      const res: { searchRegions: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(null, SEARCH, { a: cursor });
      cursor = res.searchRegions.pageInfo.hasNextPage ? res.searchRegions.pageInfo.endCursor : null;
    });

    // travel: a gateway subscriber on the destination's feed records when each arrival reaches it
    const watcher = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    const ack = await watcher.init({ authorization: `Bearer ${adminToken}` });
    if (ack.type !== 'connection_ack') throw new Error('ws init failed');
    const arrivals: number[] = [];
    watcher.ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as RawMessage;
      const ev = (m.payload as { data?: { travelFeed?: { kind: string; at: string } } } | undefined)?.data?.travelFeed;
      if (m.id === 'feed' && ev?.kind === 'ARRIVED') arrivals.push(Date.now() - Date.parse(ev.at));
    });
    const dest = others[0]!;
    watcher.subscribe('feed', `subscription($r: ID!) { travelFeed(regionId: $r) { seq kind at journey { traveller { name } destination { name } } } }`, { r: dest });
    const ready = Date.now() + 10_000;
    while (gw.subscriptions.stats().upstreams < 1 && Date.now() < ready) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 500));
    const rows = [...travellers];
    let next = 0;
    const TRAVEL = `mutation($d: ID!) { startTravel(destinationRegionId: $d) { id state } }`;
    const travel = await measure('travel', async () => {
      const p = rows[next++]!;
      const token = await signAccessToken({ sub: p.user_id, username: p.username, playerId: p.player_id, roles: ['player'], scopes: [] }, { secret: JWT_SECRET });
      await gql(token, TRAVEL, { d: dest });
    });
    const deadline = Date.now() + 30_000;
    while (arrivals.length < N + WARMUP && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    log(`travel events received: ${arrivals.length} of ${N + WARMUP}`);
    watcher.close();
    const events = arrivals.slice(WARMUP);

    process.stdout.write(
      `${JSON.stringify({
        stats_p95_ms: pct(stats, 95),
        aggregation_p95_ms: pct(aggregation, 95),
        config_update_p95_ms: pct(config, 95),
        search_p95_ms: pct(search, 95),
        travel_p95_ms: pct(travel, 95),
        travel_event_p99_ms: events.length ? pct(events, 99) : null,
        travel_events_received: arrivals.length,
        members: first.regionStats.population.total,
        sectors: first.regionStats.territory.sectors,
        regions: 50,
      })}\n`,
    );
  } finally {
    for (const c of closers.reverse()) await c().catch((err: unknown) => log('close failed', err));
    await bus.close();
    await t.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log('failed', err);
    process.exit(1);
  },
);
