/**
 * Provisioning benchmark (`pnpm bench:provision`), process driver, fresh hub database:
 *   (a) provision_ready_ms — REST provision request → a ready, Nexus-registered standard (~1000-sector)
 *       region (goal <= 5000 ms);
 *   (b) regions_live — 50 regions provisioned at once; how many are live (ready + /health ok) in time;
 *   (c) idle_region_rss_mb — median RSS of an idle region-server;
 *   (f) region_db_size_mb / region_db_sessions_per_live_region — median size of an idle region database and the
 *       sessions the idle region-servers hold to their databases (sizing of shared database servers);
 *   (d) webhook_to_ready_ms — a regional_owner subscription approved in the real PayPal emulator, which
 *       delivers the signed ACTIVATED webhook to the real orchestrator (its own mounted webhook router):
 *       webhook received → region ready and Nexus-registered (goal <= 5000 ms).
 * Prints ONE JSON line. Bounded by BENCH_TIMEOUT_MS (default 5 min); always kills its region-servers and
 * drops its databases (labelled with a unique orchestrator instance).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@sw/testing';
import { measureDockerProvision } from './provision-docker.ts';
import { dockerEngineAnswers } from '../orchestrator/src/drivers/docker/choose-driver.ts';

process.env.LOG_LEVEL ??= 'silent';
// Figures (a)-(d) are the process runtime's; the docker runtime is measured separately below when an engine answers.
process.env.RUNTIME_DRIVER ??= 'process';
const { startOrchestrator } = await import('../orchestrator/src/index.ts');
const { cleanupInstance, insertNexusFixture, userWithToken } = await import('../orchestrator/src/testing/fixtures.ts');
const { approveSubscription, startBillingOrchestrator } = await import('../orchestrator/src/testing/billing-orchestrator.ts');
const { billingCommands, unwrapBilling } = await import('../orchestrator/src/billing/index.ts');

const FLEET = Number(process.env.BENCH_REGIONS ?? 50);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);
const instance = `bench-${randomUUID().slice(0, 8)}`;
const started = Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const remaining = () => TIMEOUT_MS - (Date.now() - started);

const tdb = await createTestDatabase();
let orch: Awaited<ReturnType<typeof startOrchestrator>> | null = null;
let billing: Awaited<ReturnType<typeof startBillingOrchestrator>> | null = null;
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  await billing?.stop().catch(() => {});
  await cleanupInstance(tdb.url, instance).catch(() => {});
  await tdb.drop().catch(() => {});
}
const hardStop = setTimeout(() => {
  console.error('bench: time limit reached, cleaning up');
  void cleanup().finally(() => process.exit(2));
}, TIMEOUT_MS + 60_000);
hardStop.unref();

function rssMb(pid: number): number | null {
  try {
    return (Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096) / 1024 ** 2;
  } catch {
    return null;
  }
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : null;
};

try {
  await insertNexusFixture(tdb.sql);
  const admin = await userWithToken(tdb.sql, `bench_admin_${instance}`, ['player', 'admin']);
  // The orchestrator with its own billing wiring, talking to a PayPal emulator on a random port.
  billing = await startBillingOrchestrator({ port: 0, databaseUrl: tdb.url, instance, resyncMs: 1_000, backupDir: path.join(os.tmpdir(), instance) });
  orch = billing.orch;
  const provision = async (name: string, ownerId: string) => {
    const res = await fetch(`${orch!.url}/regions/provision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, owner_id: ownerId, size_tier: 'standard', cpu: 1, memory: 2 }),
    });
    if (res.status !== 202) throw new Error(`provision ${name}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { regionId: string }).regionId;
  };

  // (a) one region, request → ready + registered
  const t0 = performance.now();
  const firstId = await provision('bench-first', admin.playerId);
  let provisionReadyMs: number | null = null;
  while (remaining() > 0) {
    const [r] = await tdb.sql`SELECT runtime_state, nexus_attach_completed_at, total_sectors FROM regions WHERE id = ${firstId}`;
    if (r?.runtime_state === 'ready' && r.nexus_attach_completed_at) {
      provisionReadyMs = Math.round(performance.now() - t0);
      break;
    }
    await sleep(10);
  }
  const [first] = await tdb.sql<{ total_sectors: number }[]>`SELECT total_sectors FROM regions WHERE id = ${firstId}`;

  // (d) paid region: ACTIVATED webhook received by the orchestrator → region ready + registered
  const buyer = await userWithToken(tdb.sql, `bench_buyer_${instance}`);
  const sub = unwrapBilling(await billingCommands.createSubscription(orch.billing.commandDeps, buyer.claims, { plan: 'regional_owner', regionName: 'bench-paid', sizeTier: 'standard' }));
  await billing.settle();
  await approveSubscription(billing.emulator, sub.subscription.paypalSubscriptionId);
  let webhookToReadyMs: number | null = null;
  let paidRegionId: string | null = null;
  while (remaining() > 0) {
    const [r] = await tdb.sql<{ id: string; runtime_state: string; nexus_attach_completed_at: Date | null }[]>`SELECT id, runtime_state, nexus_attach_completed_at FROM regions WHERE paypal_subscription_id = ${sub.subscription.paypalSubscriptionId}`;
    if (r?.runtime_state === 'ready' && r.nexus_attach_completed_at) {
      const doneAt = Date.now();
      const activated = billing.accepted.find((a) => a.event.event_type === 'BILLING.SUBSCRIPTION.ACTIVATED' && a.event.resource.id === sub.subscription.paypalSubscriptionId);
      if (activated) webhookToReadyMs = doneAt - activated.receivedAt.getTime();
      paidRegionId = r.id;
      break;
    }
    await sleep(10);
  }

  // (b) FLEET regions at once (owners hold at most 5 each)
  const owners: string[] = [];
  for (let i = 0; i < Math.ceil(FLEET / 5); i++) owners.push((await userWithToken(tdb.sql, `bench_owner_${i}_${instance}`)).playerId);
  const t1 = performance.now();
  const ids = await Promise.all(Array.from({ length: FLEET - 1 }, (_, i) => provision(`bench-${String(i).padStart(2, '0')}`, owners[Math.floor((i + 1) / 5)]!)));
  ids.push(firstId);
  let allReadyMs: number | null = null;
  while (remaining() > 0) {
    const [c] = await tdb.sql`SELECT count(*)::int AS n FROM regions WHERE id = ANY(${ids}::uuid[]) AND runtime_state = 'ready'`;
    if (c!.n === ids.length) {
      allReadyMs = Math.round(performance.now() - t1);
      break;
    }
    await sleep(250);
  }
  const rows = await tdb.sql<{ id: string; endpoint: string | null; pid: string | null }[]>`
    SELECT id, runtime_endpoint AS endpoint, runtime_observed->>'pid' AS pid FROM regions WHERE id = ANY(${ids}::uuid[]) AND runtime_state = 'ready'`;
  const live = (await Promise.all(rows.map(async (r) => {
    try {
      const res = await fetch(`${r.endpoint}/health`, { signal: AbortSignal.timeout(3_000) });
      return res.ok && ((await res.json()) as { regionId: string }).regionId === r.id;
    } catch {
      return false;
    }
  }))).filter(Boolean).length;

  // (c) idle RSS: let them settle, then sample every live region-server
  await sleep(Math.min(5_000, Math.max(0, remaining())));
  const rss = rows.map((r) => (r.pid ? rssMb(Number(r.pid)) : null)).filter((v): v is number => v !== null);
  const [conns] = await tdb.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity`;
  // (f) what one region costs its database server (sizing, docs/decisions/capacity-sizing.md): on-disk size of an idle
  // region database and the sessions region-servers keep open to their databases.
  const dbSizes = await tdb.sql<{ mb: number }[]>`
    SELECT pg_database_size(db_name)::float8 / 1048576 AS mb FROM region_databases WHERE region_id = ANY(${ids}::uuid[])`;
  const [regionSessions] = await tdb.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname IN (SELECT db_name FROM region_databases WHERE region_id = ANY(${ids}::uuid[]))`;

  // (e) docker runtime (issue 6), only when an engine answers (packages/launcher/docker/ensure-engine.sh).
  let docker: { provision_ready_ms_docker: number | null; docker_regions_live: number | null; docker_note?: string } = {
    provision_ready_ms_docker: null,
    docker_regions_live: null,
  };
  if (process.env.BENCH_DOCKER !== '0' && (await dockerEngineAnswers())) {
    const d = await measureDockerProvision({ log: (m) => process.stderr.write(`${m}\n`) });
    docker = { provision_ready_ms_docker: d.provision_ready_ms_docker, docker_regions_live: d.docker_regions_live };
  } else {
    docker.docker_note = 'no Docker engine answered (run packages/launcher/docker/ensure-engine.sh)';
  }

  console.log(JSON.stringify({
    provision_ready_ms: provisionReadyMs,
    regions_live: live,
    idle_region_rss_mb: rss.length ? Math.round(median(rss)! * 10) / 10 : null,
    regions_requested: FLEET,
    first_region_sectors: first?.total_sectors ?? null,
    fleet_all_ready_ms: allReadyMs,
    idle_region_rss_max_mb: rss.length ? Math.round(Math.max(...rss) * 10) / 10 : null,
    pg_connections_with_fleet_idle: conns!.n,
    region_db_size_mb: dbSizes.length ? Math.round(median(dbSizes.map((d) => d.mb))! * 10) / 10 : null,
    region_db_sessions_per_live_region: live ? Math.round((regionSessions!.n / live) * 100) / 100 : null,
    reconcile_concurrency: Number(process.env.RECONCILE_CONCURRENCY ?? 4),
    goal_provision_ready_ms: 5000,
    webhook_to_ready_ms: webhookToReadyMs,
    goal_webhook_to_ready_ms: 5000,
    paid_region_ready: paidRegionId !== null,
    ...docker,
    goal_provision_ready_ms_docker: 15000,
  }));
} finally {
  await cleanup();
  clearTimeout(hardStop);
}
process.exit(0);
