/**
 * `pnpm bench:governance` — the vote path and live tallies of regional governance, through the gateway.
 *
 * Setup: a fresh database with one democracy of GOV_MEMBERS (10,000) eligible citizens (90-day accounts, voting power
 * 1.5), an ACTIVE ambassador election with 3 candidates, and one process each for the gateway, the Governance subgraph
 * and the Region subgraph (which resolves the candidate and region names of every tally), plus a subscriber process
 * with GOV_SUBSCRIBERS (1,000) graphql-ws clients on electionTallyChanged. This process is the load generator.
 *
 * Phases and figures (ONE JSON line on stdout; details on stderr):
 *   policy_crud_p95_ms   p95 of proposePolicy and policy(id) requests (GOV_POLICY_OPS of each, concurrency 4);
 *   vote_p95_ms          p95 latency of castElectionVote at concurrency GOV_CONCURRENCY (32), one ballot per voter;
 *   votes_per_s          accepted ballots / wall time of that phase;
 *   vote_to_tally_p99_ms for the k-th accepted ballot (by response time) and each subscriber, the first tally with
 *                        ballots >= k minus that response time, p99 over all pairs (sampled ballots);
 *   duplicate_votes_counted  GOV_DUPLICATES repeat ballots by voters who already voted, concurrently: ballots stored
 *                        beyond one per voter (must be 0);
 *   tally_verified       after the sweep closes the election, verifyTally(electionId) through the gateway is ok.
 * GOV_PROF_DIR=<dir> writes V8 CPU profiles of the gateway, governance and region processes.
 * The machine is shared: the load generator, gateway, subgraphs, subscribers, Postgres and Redis run on the same 2
 * cores, so figures move with whatever else runs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { request, Agent } from 'undici';
import { signAccessToken } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';
import { createTestDatabase, createTestRedisPrefix } from '@sw/testing';

const log = (...args: unknown[]) => console.error('[bench:governance]', ...args);
const MEMBERS = Number(process.env.GOV_MEMBERS ?? 10_000);
const SUBSCRIBERS = Number(process.env.GOV_SUBSCRIBERS ?? 1000);
const CONCURRENCY = Number(process.env.GOV_CONCURRENCY ?? 32);
const VOTES = Math.min(MEMBERS, Number(process.env.GOV_VOTES ?? 8000));
const DUPLICATES = Number(process.env.GOV_DUPLICATES ?? 1000);
const POLICY_OPS = Number(process.env.GOV_POLICY_OPS ?? 200);
const DAY = 86_400_000;

const children: ChildProcess[] = [];
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

function start(file: string, env: Record<string, string>): ChildProcess {
  const child = fork(here(file), [], { execArgv: process.env.GOV_PROF_DIR && file === 'governance-services.ts' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.GOV_PROF_DIR}/${env.BENCH_SERVICE}`] : [], env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(child);
  return child;
}

function message<T>(child: ChildProcess, type: string, timeoutMs = 180_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
    const onMessage = (m: { type?: string }) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before ${type}`)));
  });
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
const round = (v: number) => Math.round(v * 100) / 100;
const now = () => performance.timeOrigin + performance.now();

async function seed(db: HubDb) {
  const created = new Date(Date.now() - 90 * DAY);
  await db.execute(sql`
    INSERT INTO users (id, username, display_name, created_at)
    SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'voter_' || i, 'Voter ' || i, ${created.toISOString()}::timestamptz
    FROM generate_series(1, ${MEMBERS + 1}) i`);
  await db.execute(sql`
    INSERT INTO players (id, user_id, name, created_at)
    SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'Voter ' || i, ${created.toISOString()}::timestamptz
    FROM generate_series(1, ${MEMBERS + 1}) i`);
  const pid = (i: number) => `10000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const uid = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const ownerIndex = MEMBERS + 1;
  const [region] = await db
    .insert(hub.regions)
    .values({ name: 'bench-republic', displayName: 'Bench Republic', regionType: 'player_owned', totalSectors: 1000, status: 'active', ownerId: pid(ownerIndex), governanceType: 'democracy', governorId: pid(ownerIndex) })
    .returning({ id: hub.regions.id });
  await db.execute(sql`
    INSERT INTO regional_memberships (player_id, region_id, membership_type, voting_power)
    SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ${region!.id}::uuid, 'citizen', 1.5 FROM generate_series(1, ${MEMBERS}) i`);
  const candidates = [1, 2, 3].map((i) => ({ player_id: pid(i), platform: `Platform ${i}` }));
  const [election] = await db
    .insert(hub.regionalElections)
    .values({ regionId: region!.id, position: 'ambassador', status: 'active', candidates, votingOpensAt: new Date(Date.now() - DAY), votingClosesAt: new Date(Date.now() + DAY) })
    .returning({ id: hub.regionalElections.id });
  return { regionId: region!.id, electionId: election!.id, pid, uid, ownerIndex };
}

async function main(): Promise<void> {
  const tdb = await createTestDatabase({ kind: 'hub', max: 4 });
  const agent = new Agent({ connections: CONCURRENCY * 2, pipelining: 1 });
  try {
    const s = await seed(tdb.db);
    log(`seeded ${MEMBERS} citizens, election ${s.electionId}`);
    const prefix = createTestRedisPrefix('bench-gov');
    const gov = start('governance-services.ts', { BENCH_SERVICE: 'governance', DATABASE_URL: tdb.url, EVENTS_PREFIX: prefix });
    const reg = start('governance-services.ts', { BENCH_SERVICE: 'region', DATABASE_URL: tdb.url });
    const [g, r] = await Promise.all([message<{ url: string }>(gov, 'ready'), message<{ url: string }>(reg, 'ready')]);
    const gwChild = start('governance-services.ts', { BENCH_SERVICE: 'gateway', DATABASE_URL: tdb.url, EVENTS_PREFIX: prefix, SUBGRAPH_URLS: JSON.stringify({ governance: g.url, region: r.url }) });
    const gw = (await message<{ url: string }>(gwChild, 'ready')).url;
    const token = (i: number) => signAccessToken({ sub: s.uid(i), username: `voter_${i}`, playerId: s.pid(i), roles: ['player'], scopes: [] });
    const tokens = await Promise.all(Array.from({ length: MEMBERS }, (_, i) => token(i + 1)));
    const ownerToken = await token(s.ownerIndex);

    async function gql(query: string, variables: Record<string, unknown>, auth: string): Promise<{ ms: number; body: { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } }> {
      const t0 = now();
      const res = await request(`${gw}/graphql`, {
        method: 'POST', dispatcher: agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.body.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
      return { ms: now() - t0, body };
    }
    async function pool<T>(n: number, concurrency: number, job: (i: number) => Promise<T>): Promise<T[]> {
      const out: T[] = new Array<T>(n);
      let next = 0;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < n; i = next++) out[i] = await job(i);
      }));
      return out;
    }

    // Phase 1: policy CRUD.
    const PROPOSE = 'mutation($input: ProposePolicyInput!) { proposePolicy(input: $input) { policy { id status } } }';
    const READ = 'query($id: ID!) { policy(id: $id) { id title status votesFor votesAgainst approvalPercentage } }';
    await pool(20, 4, (i) => gql(PROPOSE, { input: { regionId: s.regionId, title: `Warm-up ${i}`, proposedChanges: { tax_rate: 0.1 } } }, tokens[i]!));
    const crud: number[] = [];
    await pool(POLICY_OPS, 4, async (i) => {
      const p = await gql(PROPOSE, { input: { regionId: s.regionId, title: `Bench policy ${i}`, proposedChanges: { tax_rate: 0.12, trade_bonuses: { ore: 1.5 } } } }, tokens[i]!);
      if (p.body.errors) throw new Error(`propose failed: ${JSON.stringify(p.body.errors)}`);
      crud.push(p.ms);
      const id = (p.body.data!.proposePolicy as { policy: { id: string } }).policy.id;
      crud.push((await gql(READ, { id }, tokens[i]!)).ms);
    });
    crud.sort((a, b) => a - b);
    log(`policy crud: ${crud.length} ops, p50 ${round(pct(crud, 50))} ms, p95 ${round(pct(crud, 95))} ms`);

    // Phase 2: subscribers.
    const subs = start('governance-subscribers.ts', {
      GATEWAY_WS_URL: `${gw.replace('http', 'ws')}/graphql`, SUBSCRIBERS: String(SUBSCRIBERS), ELECTION_ID: s.electionId, TOKENS: JSON.stringify(tokens.slice(0, 50)),
    });
    await message(subs, 'ready');
    log(`${SUBSCRIBERS} tally subscribers ready`);

    // Phase 3: votes at concurrency 32, one per voter.
    const VOTE = 'mutation($e: ID!, $c: ID!) { castElectionVote(electionId: $e, candidateId: $c) { receipt { receiptHash } } }';
    const latencies: number[] = [];
    const accepted: number[] = [];
    let refused = 0;
    const t0 = now();
    await pool(VOTES, CONCURRENCY, async (i) => {
      const res = await gql(VOTE, { e: s.electionId, c: s.pid((i % 3) + 1) }, tokens[i]!);
      if (res.body.errors) refused++;
      else {
        latencies.push(res.ms);
        accepted.push(now());
      }
    });
    const wall = (now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    log(`votes: ${accepted.length} accepted, ${refused} refused in ${round(wall)} s; p50 ${round(pct(latencies, 50))} ms, p95 ${round(pct(latencies, 95))} ms`);

    // Let the last tallies arrive, then collect them.
    await new Promise((res) => setTimeout(res, 1500));
    subs.send({ type: 'report' });
    const { arrivals } = await message<{ arrivals: [number, number][][] }>(subs, 'report');
    accepted.sort((a, b) => a - b);
    const lags: number[] = [];
    let missing = 0;
    const step = Math.max(1, Math.floor(accepted.length / 400));
    for (const events of arrivals) {
      for (let k = step; k <= accepted.length; k += step) {
        const hit = events.find(([ballots]) => ballots >= k);
        if (!hit) missing++;
        else lags.push(Math.max(0, hit[1] - accepted[k - 1]!));
      }
    }
    lags.sort((a, b) => a - b);
    log(`vote->tally: ${lags.length} pairs, p50 ${round(pct(lags, 50))} ms, p99 ${round(pct(lags, 99))} ms, ${missing} never delivered; events per subscriber ~${round(arrivals.reduce((s2, a) => s2 + a.length, 0) / arrivals.length)}`);

    // Phase 4: duplicates.
    const dupResults = await pool(DUPLICATES, CONCURRENCY, (i) => gql(VOTE, { e: s.electionId, c: s.pid(1) }, tokens[i % accepted.length]!));
    const dupAccepted = dupResults.filter((d) => !d.body.errors).length;
    const [counts] = await tdb.db.execute<{ ballots: number; voters: number }>(
      sql`SELECT count(*)::int AS ballots, count(DISTINCT voter_id)::int AS voters FROM regional_votes WHERE election_id = ${s.electionId}`,
    );
    const duplicateVotesCounted = counts!.ballots - counts!.voters + dupAccepted;
    log(`duplicates: ${DUPLICATES} sent, ${dupAccepted} accepted; ${counts!.ballots} ballots from ${counts!.voters} voters`);

    // Phase 5: close with the sweep (run in the governance process's code path through a direct call), verify.
    await tdb.db.execute(sql`UPDATE regional_elections SET voting_closes_at = now() - interval '1 second', voting_opens_at = now() - interval '2 days' WHERE id = ${s.electionId}`);
    const { runGovernanceSweep } = await import('@sw/subgraph-governance');
    const { createRedisEventBus } = await import('@sw/events');
    const bus = createRedisEventBus({ prefix: prefix });
    const { createDb } = await import('@sw/db');
    const handle = createDb(tdb.url, { max: 2 });
    const noop = { electionChanged() {}, policyChanged() {}, close: async () => {} };
    const quiet = { info() {}, error() {}, warn() {}, debug() {}, child() { return quiet; } } as unknown as Parameters<typeof runGovernanceSweep>[0]['log'];
    const report = await runGovernanceSweep({ db: handle.db, bus, now: () => new Date(), tallies: noop, log: quiet });
    await handle.close();
    await bus.close();
    const verify = await gql('query($e: ID!) { verifyTally(electionId: $e) { ok ballotCount rootMatches talliesMatch } }', { e: s.electionId }, ownerToken);
    const v = verify.body.data?.verifyTally as { ok: boolean; ballotCount: number } | undefined;
    log(`sweep: ${JSON.stringify(report)}; verifyTally ${JSON.stringify(v)}`);

    process.stdout.write(`${JSON.stringify({
      vote_p95_ms: round(pct(latencies, 95)),
      votes_per_s: Math.round(accepted.length / wall),
      vote_to_tally_p99_ms: round(pct(lags, 99)),
      policy_crud_p95_ms: round(pct(crud, 95)),
      duplicate_votes_counted: duplicateVotesCounted,
      tally_verified: v?.ok === true && v.ballotCount === counts!.ballots && missing === 0,
    })}\n`);
  } finally {
    for (const c of children) if (c.connected) c.send({ type: 'stop' });
    await Promise.all(children.map((c) => new Promise<void>((res) => (c.exitCode !== null ? res() : c.once('exit', () => res())))));
    await agent.close();
    await tdb.drop();
  }
}

const watchdog = setTimeout(() => {
  log('timed out');
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
}, 15 * 60_000);
watchdog.unref();
main().then(
  () => process.exit(0),
  (err: unknown) => {
    log('failed', err);
    for (const c of children) c.kill('SIGKILL');
    process.exit(1);
  },
);
