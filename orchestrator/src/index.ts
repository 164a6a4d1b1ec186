/**
 * @sw/orchestrator — region runtime orchestrator: subgraph + region-manager REST, reconciler, health
 * monitor, autoscaler, drivers and the region-server. `startOrchestrator` wires one running instance.
 */
import path from 'node:path';
import client from 'prom-client';
import { createRedisEventBus, type EventBus } from '@sw/events';
import { createLogger, createSubgraphService, pgStatActivityCounts, registerDbPoolMetrics } from '@sw/service-kit';
import { FLEET_SOFT_TARGET, fleetCapacity, type AutoscalePolicy, type RegionRuntimeState } from '@sw/domain';
import { readOrchestratorConfig, REPO_ROOT, type OrchestratorConfig } from './config.ts';
import type { RegionRuntimeDriver } from './drivers/driver.ts';
import { chooseDriver } from './drivers/docker/choose-driver.ts';
import type { DockerDriver } from './drivers/docker/docker-driver.ts';
import { createReconciler, type Reconciler } from './reconciler/reconciler.ts';
import type { ReconcileContext } from './reconciler/context.ts';
import { createHealthMonitor } from './health/health-monitor.ts';
import { createAutoscaler, type Autoscaler } from './autoscaler/autoscaler.ts';
import { sweepOrphans } from './reconciler/orphan-sweep.ts';
import { createResolvers } from './api/resolvers.ts';
import { mountRegionManagerRoutes } from './api/rest-routes.ts';
import { createBillingService, type BillingService } from './billing/create-billing-service.ts';
import type { CreateBillingServiceOptions } from './billing/create-billing-service.ts';
import { stopRunningStacks } from './reconciler/stop-running-stacks.ts';
import { HUB_POOL_DEFAULTS, openHubPool } from './store/hub-pool.ts';
import { regionEventPublishFailures } from './store/region-events.ts';
import { sealLegacyRegionPasswords } from './store/region-databases.ts';
import { createSecretBox, readRegionSecretsKey } from './secrets/secret-box.ts';
import { createRegionTargetsWriter, type RegionTargetsWriter } from './monitoring/scrape-targets.ts';
import { regionMetricsToken } from '@sw/auth';
import { registerBackupMetrics } from './backups/backup-metrics.ts';
import { createHubBackupScheduler, type HubBackupScheduler } from './backups/hub-backup-jobs.ts';
import { runAsPrefix, type PgBackRestRunner } from './backups/pgbackrest.ts';
import { createHibernationService, type HibernationService } from './hibernation/hibernation-service.ts';

export { readOrchestratorConfig } from './config.ts';
export type { OrchestratorConfig } from './config.ts';
export type { RegionRuntimeDriver, StackSpec, StackObserved, DatabaseRef } from './drivers/driver.ts';
export { regionDbName } from './drivers/driver.ts';
export { startRegionServer } from './region-server/region-server.ts';
export type { RegionServer, RegionServerOptions } from './region-server/region-server.ts';
export { createReconciler } from './reconciler/reconciler.ts';
export { PROVISIONING_CONDITIONS } from './reconciler/context.ts';
export { recordRegionEvent } from './store/region-events.ts';
export type { RegionRuntimeMessage, RuntimeEvent } from './store/region-events.ts';
export { OPERATION_RULES } from './permissions.ts';
export { REGION_WAKE_CHANNEL, requestWake, waitForReady } from './hibernation/hibernation.ts';
export type { WakeRequestOutcome } from './hibernation/hibernation.ts';

export const ORCHESTRATOR_SDL_PATH = path.join(REPO_ROOT, 'orchestrator', 'schema.graphql');

export interface StartOrchestratorOptions extends Partial<OrchestratorConfig> {
  driver?: RegionRuntimeDriver;
  bus?: EventBus;
  /** Extra env passed to region-servers (process driver). */
  regionServerEnv?: Record<string, string>;
  jwtSecret?: string;
  /** Overrides of the autoscale policy (tests use short windows; production keeps the defaults). */
  autoscalePolicy?: Partial<AutoscalePolicy>;
  /** Environment for billing (PAYPAL_*; default process.env). Tests point it at their emulator. */
  billingEnv?: NodeJS.ProcessEnv;
  /** Extra webhook-router options (tests: onProcessed, inbox tuning). */
  billingRouter?: CreateBillingServiceOptions['router'];
}

export interface RunningOrchestrator {
  url: string;
  port: number;
  reconciler: Reconciler;
  autoscaler: Autoscaler;
  driver: RegionRuntimeDriver;
  billing: BillingService;
  /** The Prometheus file_sd writer of region-server targets (null without PROMETHEUS_SD_DIR). */
  scrapeTargets: RegionTargetsWriter | null;
  /** Hibernate / wake / resurrect and the idle and archival sweeps (docs/rules/hibernation.md). */
  hibernation: HibernationService;
  /**
   * Stops loops and the HTTP server. Region-servers keep running (they outlive the orchestrator) unless
   * `stopRegionsOnExit` (ORCHESTRATOR_STOP_REGIONS_ON_EXIT) is set: then the stacks this instance runs
   * are stopped too, without touching desired state, and the next start brings them back.
   */
  stop(): Promise<void>;
}

export async function startOrchestrator(opts: StartOrchestratorOptions = {}): Promise<RunningOrchestrator> {
  const cfg = { ...readOrchestratorConfig(), ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as OrchestratorConfig;
  const logger = createLogger('orchestrator');
  const sql = openHubPool(cfg.databaseUrl, { max: cfg.dbPoolMax, statementTimeoutMs: cfg.statementTimeoutMs });
  const db = { sql, close: () => sql.end({ timeout: 5 }) };
  const bus = opts.bus ?? createRedisEventBus({ url: cfg.redisUrl });
  // RUNTIME_DRIVER=auto (default): docker when an engine answers, else the process driver (README "Runtime driver").
  const driver =
    opts.driver ??
    (
      await chooseDriver({
        hubUrl: cfg.databaseUrl,
        instance: cfg.instance,
        stateDir: path.join(REPO_ROOT, 'var', 'region-runtime'),
        ...(opts.regionServerEnv ? { regionServerEnv: opts.regionServerEnv } : {}),
        log: (msg, data) => logger.info(data ?? {}, msg),
      })
    ).driver;
  // Region database passwords are kept sealed (REGION_SECRETS_KEY; production refuses a missing or placeholder key).
  const secretsKey = readRegionSecretsKey();
  if (secretsKey.usingDevKey) logger.warn({}, 'REGION_SECRETS_KEY is not set: region database passwords are sealed with the development key');
  const secrets = createSecretBox(secretsKey.key);
  const sealed = await sealLegacyRegionPasswords(db.sql, secrets);
  if (sealed) logger.info({ sealed }, 'sealed plain-text region database passwords left by an older version');
  const ctx: ReconcileContext = {
    sql: db.sql,
    secrets,
    hubUrl: cfg.databaseUrl,
    bus,
    driver,
    log: logger,
    now: () => new Date(),
    crashAfter: cfg.crashAfter,
    backupDir: cfg.backupDir,
  };
  // Prometheus region-server targets (file_sd), rewritten after every pass and on a timer (docs/decisions/monitoring.md).
  const scrapeTargets: RegionTargetsWriter | null = cfg.prometheusSdDir
    ? createRegionTargetsWriter({ sql: db.sql, dir: cfg.prometheusSdDir, metricsToken: regionMetricsToken(), log: logger, periodMs: Math.max(cfg.resyncMs, 1_000) })
    : null;
  const reconciler = createReconciler(ctx, {
    concurrency: cfg.concurrency,
    resyncMs: cfg.resyncMs,
    lockSlots: cfg.lockSlots,
    lockAcquireTimeoutMs: cfg.lockAcquireTimeoutMs,
    ...(scrapeTargets ? { onPassSettled: () => void scrapeTargets.refresh() } : {}),
  });
  const health = createHealthMonitor(ctx, reconciler, { periodMs: cfg.healthPeriodMs, failureThreshold: cfg.healthFailureThreshold });
  const autoscaler = createAutoscaler(ctx, reconciler, { intervalMs: cfg.autoscaleIntervalMs, policy: opts.autoscalePolicy });
  // Docker events are a hint, not a log (events can be lost or arrive late): each event or resync only kicks the
  // reconciler for the region it names, which then reads reality again.
  const engineWatcher =
    driver.name === 'docker'
      ? (driver as DockerDriver).watchEngine({
          onEvent: (e) => e.regionId && reconciler.kick(e.regionId),
          onResync: (snapshot) => snapshot.forEach((c) => c.regionId && reconciler.kick(c.regionId)),
          onError: (err) => logger.warn({ err: String(err) }, 'docker events stream error'),
        })
      : null;

  await sweepOrphans(ctx).catch((err) => logger.warn({ err: String(err) }, 'initial orphan sweep failed'));
  const sweepTimer = setInterval(() => void sweepOrphans(ctx).catch((err: unknown) => logger.warn({ err }, 'orphan sweep failed')), cfg.orphanSweepMs);
  sweepTimer.unref();

  // Billing (issue 7): PayPal config from env (embedded default = the local emulator on 8089; a production
  // misconfiguration throws here). A processed webhook that created a region kicks the reconciler at once.
  const billing = createBillingService({
    sql: db.sql,
    log: logger,
    ...(opts.billingEnv ? { env: opts.billingEnv } : {}),
    router: {
      ...opts.billingRouter,
      onProcessed: (outcome, event) => {
        if (outcome.kind === 'applied') {
          const created = outcome.effects.find((e) => e.startsWith('region_created:'));
          reconciler.kick(created ? created.slice('region_created:'.length) : undefined);
        }
        opts.billingRouter?.onProcessed?.(outcome, event);
      },
    },
  });
  ctx.onSubscriptionCancellationRequested = () => billing.kickCancellations();
  const hibernation = createHibernationService(ctx, reconciler, { databaseUrl: cfg.databaseUrl, idleMinutes: cfg.idleMinutes, jobs: cfg.hibernationJobs });
  const deps = {
    sql: db.sql, bus, log: logger, driver, reconciler, jwtSecret: opts.jwtSecret, billing: billing.commandDeps, usageSamples: autoscaler.samplesOf,
    backups: { sql: db.sql, driver, secrets, backupDir: cfg.backupDir, hubUrl: cfg.databaseUrl },
    hibernation,
    prometheusUrl: cfg.prometheusUrl,
  };
  const service = await createSubgraphService({
    name: 'orchestrator',
    sdlPath: ORCHESTRATOR_SDL_PATH,
    resolvers: createResolvers(deps),
    port: cfg.port,
    healthChecks: { database: () => db.sql`SELECT 1` },
    routes: (app) => {
      app.use(billing.router); // raw-body webhook intake: must come before any JSON body parser
      mountRegionManagerRoutes(app, deps);
    },
    logger,
  });

  // Fleet gauges for Prometheus (soft target 50, alert at 75 %).
  const registry = service.metrics.registry;
  registry.registerMetric(regionEventPublishFailures);
  const hubRunner: PgBackRestRunner | null = cfg.hubBackup ? { configPath: cfg.hubBackup.configPath, stanza: cfg.hubBackup.stanza, asOwner: runAsPrefix(cfg.hubBackup.runAs) } : null;
  const backupMetrics = registerBackupMetrics(registry, { sql: db.sql, backupDir: cfg.backupDir, hub: hubRunner });
  // The hub's pgBackRest schedule on pg-boss (docs/decisions/backups.md): only with a stanza configured, refused
  // (logged) when the hub does not archive WAL to it. The embedded default configures none.
  const hubBackups: HubBackupScheduler | null =
    hubRunner && cfg.hubBackup?.schedule
      ? createHubBackupScheduler({ sql: db.sql, runner: hubRunner, databaseUrl: cfg.databaseUrl, log: logger, onBackup: (b) => backupMetrics.noteHubBackup(b) })
      : null;
  registerDbPoolMetrics(registry, { pool: 'hub', max: cfg.dbPoolMax, count: pgStatActivityCounts(db.sql, HUB_POOL_DEFAULTS.applicationName) });
  // Fleet gauges: one capacity rule (fleetCapacity, docs/decisions/capacity-sizing.md "Which regions count").
  new client.Gauge({ name: 'sw_fleet_soft_target', help: 'Soft target of active player regions (capacity alert at 75 %)', registers: [registry], collect() { this.set(FLEET_SOFT_TARGET); } });
  let fleetCache: { at: number; states: RegionRuntimeState[] } = { at: 0, states: [] };
  const states = async () => {
    if (Date.now() - fleetCache.at > 2_000) {
      const rows = await db.sql<{ s: RegionRuntimeState }[]>`SELECT runtime_state AS s FROM regions WHERE region_type = 'player_owned'`;
      fleetCache = { at: Date.now(), states: rows.map((r) => r.s) };
    }
    return fleetCache.states;
  };
  const capacity = async () => fleetCapacity(await states());
  new client.Gauge({ name: 'sw_fleet_active_regions', help: 'Player regions holding a place against the soft target (hibernated included, tombstoned not)', registers: [registry], async collect() { this.set((await capacity()).activeRegions); } });
  new client.Gauge({ name: 'sw_fleet_live_regions', help: 'Player regions whose region-server runs or is being set up (load)', registers: [registry], async collect() { this.set((await capacity()).liveRegions); } });
  new client.Gauge({ name: 'sw_fleet_utilization', help: 'Active regions / soft target (50)', registers: [registry], async collect() { this.set((await capacity()).utilization); } });
  new client.Gauge({ name: 'sw_fleet_alert', help: '1 when active regions >= 75 % of the soft target', registers: [registry], async collect() { this.set((await capacity()).alert ? 1 : 0); } });
  new client.Gauge({
    name: 'sw_region_runtime_state', help: 'Player regions per runtime state', labelNames: ['state'], registers: [registry],
    async collect() {
      this.reset();
      for (const s of await states()) this.inc({ state: s });
    },
  });

  // Webhook inbox (docs/decisions/webhook-inbox.md): processing lag and backlog (alert WebhookProcessingLag, docs/decisions/monitoring.md).
  const inbox = billing.router.inbox;
  registry.registerMetric(inbox.processingLag);
  let inboxCache: { at: number; stats: Awaited<ReturnType<typeof inbox.stats>> } | null = null;
  const inboxStats = async () => {
    if (!inboxCache || Date.now() - inboxCache.at > 2_000) inboxCache = { at: Date.now(), stats: await inbox.stats() };
    return inboxCache.stats;
  };
  new client.Gauge({ name: 'sw_paypal_webhook_inbox_lag_seconds', help: 'Age of the oldest stored, unprocessed PayPal webhook (0 when none)', registers: [registry], async collect() { this.set((await inboxStats()).oldestPendingSeconds); } });
  new client.Gauge({ name: 'sw_paypal_webhook_inbox_pending', help: 'Stored PayPal webhooks not processed yet', registers: [registry], async collect() { this.set((await inboxStats()).pending); } });
  new client.Gauge({ name: 'sw_paypal_webhook_inbox_failed', help: 'Stored PayPal webhooks given up after the last retry', registers: [registry], async collect() { this.set((await inboxStats()).failed); } });

  reconciler.start();
  scrapeTargets?.start();
  health.start();
  autoscaler.start();
  billing.startScheduler(cfg.billingSweepMs);
  await hibernation.start();
  await hubBackups?.start().catch((err: unknown) => logger.error({ err: String(err) }, 'hub backups NOT scheduled: the check of the hub failed'));
  logger.info({ url: service.url, driver: driver.name, instance: cfg.instance }, 'orchestrator listening');

  // One shutdown, awaited by every caller: a second stop() (SIGINT then SIGTERM on Ctrl-C) resolves only when the
  // first has finished, region stacks included — returning early let main.ts exit half-way.
  const shutdown = async (): Promise<void> => {
    clearInterval(sweepTimer);
    health.stop();
    autoscaler.stop();
    await engineWatcher?.stop();
    await hibernation.stop();
    await hubBackups?.stop();
    await reconciler.stop();
    await scrapeTargets?.stop();
    await billing.stop();
    await service.stop();
    if (cfg.stopRegionsOnExit) {
      await stopRunningStacks(ctx).catch((err) => logger.warn({ err: String(err) }, 'stopping region stacks on exit failed'));
    }
    await driver.close();
    if (!opts.bus) await bus.close();
    await db.close();
  };
  let stopping: Promise<void> | null = null;
  return {
    url: service.url,
    port: service.port,
    reconciler,
    autoscaler,
    driver,
    billing,
    scrapeTargets,
    hibernation,
    stop() {
      stopping ??= shutdown();
      return stopping;
    },
  };
}
