/**
 * Orchestrator configuration from the environment (documented defaults):
 *
 * | Variable | Default | Meaning |
 * |---|---|---|
 * | ORCHESTRATOR_PORT | 8081 | GraphQL (/graphql) + region-manager REST |
 * | DATABASE_URL | postgres://postgres@127.0.0.1:5432/sectorwars | hub DB (region DBs go on the same server); a DIRECT connection, never a transaction pooler (DATABASE_POOL_MODE=transaction is refused: docs/decisions/hub-connection-pooling.md) |
 * | REDIS_URL | redis://127.0.0.1:6379 | event bus |
 * | ORCHESTRATOR_INSTANCE | default | ownership label of region-servers and region DBs (orphan sweep scope) |
 * | BACKUP_DIR | <repo>/var/backups | archives of terminated regions |
 * | RECONCILE_CONCURRENCY | 4 | reconcile passes at once |
 * | RECONCILE_RESYNC_MS | 5000 | level-triggered resync period |
 * | ORCHESTRATOR_DB_POOL_MAX | 10 | hub connection pool size |
 * | ORCHESTRATOR_STATEMENT_TIMEOUT_MS | 30000 | server-side statement_timeout of the hub pool (0 = none) |
 * | RECONCILE_LOCK_SLOTS | 4 | per-region advisory lock sessions held at once (own connections, never from the pool) |
 * | RECONCILE_LOCK_ACQUIRE_MS | 30000 | how long a pass waits for a lock slot before it is skipped and retried |
 * | HEALTH_PERIOD_MS | 5000 | health poll period (Agones default) |
 * | HEALTH_FAILURE_THRESHOLD | 3 | missed periods before unhealthy |
 * | AUTOSCALE_INTERVAL_MS | 30000 | autoscaler sync |
 * | ORPHAN_SWEEP_MS | 60000 | orphan stack / database sweep |
 * | ORCHESTRATOR_STOP_REGIONS_ON_EXIT | false | on graceful stop, stop the region-server stacks this orchestrator runs (desired state unchanged; the next start brings them back). The launcher sets true so Ctrl-C leaves no processes. |
 * | BILLING_SWEEP_MS | 3600000 | billing lifecycle sweep period (suspended → grace → terminated) |
 * | PAYPAL_* | see packages/paypal/README.md | billing: PayPal API base (default the local emulator on 8089), credentials, webhook id |
 * | PROMETHEUS_SD_DIR | (unset: off) | directory where the region-server scrape targets (file_sd JSON) and the metrics scrape token are kept current; the launcher sets var/prometheus/<port>/sd |
 * | PROMETHEUS_URL | (unset: the fleet charts answer ERR_METRICS_UNAVAILABLE) | the platform's Prometheus, read by Query.regionMetricsRange; the launcher sets http://127.0.0.1:$PROMETHEUS_PORT |
 * | PGBACKREST_CONFIG | (unset) | the hub's pgbackrest.conf: the orchestrator then exports the age of the hub's backups (docs/decisions/backups.md) |
 * | PGBACKREST_STANZA | hub | the hub's stanza in that configuration |
 * | PGBACKREST_SCHEDULE | true | with PGBACKREST_CONFIG: run the hub's full / incremental / monthly backups as pg-boss cron jobs (refused, with the reason logged, when the hub does not archive WAL to that stanza) |
 * | PGBACKREST_RUN_AS | (unset: as this process) | the user pgBackRest runs as (the cluster's owner, usually postgres): runuser when the orchestrator is root, else sudo -n |
 * | REGION_IDLE_MINUTES | 30 | nobody present this long → the region hibernates (docs/rules/hibernation.md) |
 * | REGION_HIBERNATION_JOBS | true | run the idle sweep (every minute) and the archival sweep (daily) as pg-boss jobs |
 * | ORCHESTRATOR_CRASH_AFTER | (unset) | TEST ONLY: exit(137) right after that condition; refused in production |
 */
import path from 'node:path';
import { ConfigError, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, PORTS, isProduction, readEnv, readEnvBool, readEnvInt } from '@sw/config';
import { PROVISIONING_CONDITIONS } from './reconciler/context.ts';
import { DEFAULT_REGION_IDLE_MINUTES } from '@sw/domain';

export interface OrchestratorConfig {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  instance: string;
  backupDir: string;
  concurrency: number;
  resyncMs: number;
  /** Hub pool size (ORCHESTRATOR_DB_POOL_MAX). */
  dbPoolMax: number;
  /** Server-side statement timeout of the hub pool (ORCHESTRATOR_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** Advisory lock sessions held at once (RECONCILE_LOCK_SLOTS). */
  lockSlots: number;
  /** Wait for a lock slot (RECONCILE_LOCK_ACQUIRE_MS). */
  lockAcquireTimeoutMs: number;
  healthPeriodMs: number;
  healthFailureThreshold: number;
  autoscaleIntervalMs: number;
  orphanSweepMs: number;
  crashAfter: string | null;
  /** Stop the region stacks this instance runs on graceful stop (ORCHESTRATOR_STOP_REGIONS_ON_EXIT). */
  stopRegionsOnExit: boolean;
  /** Billing lifecycle sweep period (BILLING_SWEEP_MS). */
  billingSweepMs: number;
  /** Prometheus file_sd directory for region-server targets (PROMETHEUS_SD_DIR); null = not written. */
  prometheusSdDir: string | null;
  /** Base URL of the platform's Prometheus (PROMETHEUS_URL); null = the fleet charts have no source. */
  prometheusUrl: string | null;
  /** The hub's pgBackRest configuration and stanza (PGBACKREST_CONFIG / PGBACKREST_STANZA); null = not watched. */
  hubBackup: { configPath: string; stanza: string; schedule: boolean; runAs: string | null } | null;
  /** Minutes nobody is present before a region hibernates (REGION_IDLE_MINUTES). */
  idleMinutes: number;
  /** Whether this instance runs the hibernation / archival sweeps on pg-boss (REGION_HIBERNATION_JOBS). */
  hibernationJobs: boolean;
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export function readOrchestratorConfig(env: NodeJS.ProcessEnv = process.env): OrchestratorConfig {
  const crashAfter = readEnv('ORCHESTRATOR_CRASH_AFTER', '', env) || null;
  if (crashAfter && isProduction(env)) throw new ConfigError('ORCHESTRATOR_CRASH_AFTER is a test-only switch and is refused in production');
  if (crashAfter && !(PROVISIONING_CONDITIONS as readonly string[]).includes(crashAfter)) {
    throw new ConfigError(`ORCHESTRATOR_CRASH_AFTER must be one of ${PROVISIONING_CONDITIONS.join(', ')}`);
  }
  // The reconciler holds session advisory locks for whole passes; a transaction pooler would lose them between statements.
  if (readEnv('DATABASE_POOL_MODE', 'session', env) === 'transaction') {
    throw new ConfigError('the orchestrator needs a direct (session) hub connection: unset DATABASE_POOL_MODE=transaction and point DATABASE_URL at Postgres itself');
  }
  const dbPoolMax = readEnvInt('ORCHESTRATOR_DB_POOL_MAX', 10, env);
  const lockSlots = readEnvInt('RECONCILE_LOCK_SLOTS', 4, env);
  if (lockSlots < 1) throw new ConfigError(`RECONCILE_LOCK_SLOTS must be at least 1, got ${lockSlots}`);
  const idleMinutes = readEnvInt('REGION_IDLE_MINUTES', DEFAULT_REGION_IDLE_MINUTES, env);
  if (idleMinutes < 1) throw new ConfigError(`REGION_IDLE_MINUTES must be at least 1, got ${idleMinutes}`);
  if (dbPoolMax < 2) throw new ConfigError(`ORCHESTRATOR_DB_POOL_MAX must be at least 2, got ${dbPoolMax}`);
  return {
    port: readEnvInt('ORCHESTRATOR_PORT', PORTS.orchestrator, env),
    databaseUrl: readEnv('DATABASE_URL', DEFAULT_DATABASE_URL, env),
    redisUrl: readEnv('REDIS_URL', DEFAULT_REDIS_URL, env),
    instance: readEnv('ORCHESTRATOR_INSTANCE', 'default', env),
    backupDir: readEnv('BACKUP_DIR', path.join(REPO_ROOT, 'var', 'backups'), env),
    concurrency: readEnvInt('RECONCILE_CONCURRENCY', 4, env),
    resyncMs: readEnvInt('RECONCILE_RESYNC_MS', 5_000, env),
    dbPoolMax,
    statementTimeoutMs: readEnvInt('ORCHESTRATOR_STATEMENT_TIMEOUT_MS', 30_000, env),
    lockSlots,
    lockAcquireTimeoutMs: readEnvInt('RECONCILE_LOCK_ACQUIRE_MS', 30_000, env),
    healthPeriodMs: readEnvInt('HEALTH_PERIOD_MS', 5_000, env),
    healthFailureThreshold: readEnvInt('HEALTH_FAILURE_THRESHOLD', 3, env),
    autoscaleIntervalMs: readEnvInt('AUTOSCALE_INTERVAL_MS', 30_000, env),
    orphanSweepMs: readEnvInt('ORPHAN_SWEEP_MS', 60_000, env),
    crashAfter,
    stopRegionsOnExit: readEnvBool('ORCHESTRATOR_STOP_REGIONS_ON_EXIT', false, env),
    billingSweepMs: readEnvInt('BILLING_SWEEP_MS', 3_600_000, env),
    prometheusSdDir: readEnv('PROMETHEUS_SD_DIR', '', env) || null,
    prometheusUrl: readEnv('PROMETHEUS_URL', '', env) || null,
    hubBackup: readEnv('PGBACKREST_CONFIG', '', env)
      ? {
          configPath: readEnv('PGBACKREST_CONFIG', '', env),
          stanza: readEnv('PGBACKREST_STANZA', 'hub', env),
          schedule: readEnvBool('PGBACKREST_SCHEDULE', true, env),
          runAs: readEnv('PGBACKREST_RUN_AS', '', env) || null,
        }
      : null,
    idleMinutes,
    hibernationJobs: readEnvBool('REGION_HIBERNATION_JOBS', true, env),
  };
}
