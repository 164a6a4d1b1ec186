import { PgBoss } from 'pg-boss';
import { readEnvBool } from '@sw/config';

/**
 * A small wrapper over pg-boss (Postgres-backed jobs) for the platform's background work: sweeps, reconciliations,
 * anything that must run on a schedule once across all replicas. Each job gets its own queue with the `singleton`
 * policy, so at most one runner works it at a time however many processes run `start()`; a cron schedule enqueues
 * it (pg-boss's scheduler is itself replica-safe: one job per cron tick); failures are retried with backoff.
 * Handlers must still be idempotent: a retry after a crash runs the same work again.
 */
export interface JobDefinition<T extends object = Record<string, never>> {
  /** Queue name, e.g. `governance-sweep`. Letters, digits, `-`, `_`, `.`. */
  name: string;
  /** Cron expression (UTC) that enqueues the job; omit for jobs only sent on demand. */
  cron?: string;
  /** Retries after a failure (default 3), with exponential backoff from `retryDelaySeconds` (default 5). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A run still active after this long is failed and retried (default 15 minutes). */
  expireInSeconds?: number;
  handler: (data: T, job: { id: string }) => Promise<void>;
}

export interface JobLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobRunnerOptions {
  databaseUrl: string;
  /** Postgres schema pg-boss installs into (default `pgboss`). */
  schema?: string;
  jobs: readonly JobDefinition<object>[];
  logger?: JobLogger;
  /** Seconds between a worker's polls when idle (default 2). */
  pollingIntervalSeconds?: number;
  /** Whether this process enqueues cron ticks (default true); every replica may, pg-boss dedupes. */
  schedule?: boolean;
  /** Connection pool of pg-boss (default 3). */
  poolSize?: number;
  /**
   * Whether start() installs / migrates pg-boss's schema (default: JOBS_MIGRATE, true). Services connecting as a
   * least-privilege application role set it false: the hub's migration job installs the schema (installJobSchema)
   * and grants row access to it (docs/decisions/hub-database-roles.md), and start() only checks it is there.
   */
  migrate?: boolean;
}

export interface JobRunner {
  /** Installs/migrates pg-boss's schema, creates the queues, registers schedules and workers. */
  start(): Promise<void>;
  /** Stops polling and waits (bounded) for running handlers; idempotent. */
  stop(): Promise<void>;
  /** Enqueues one run now; null when the queue already holds one (singleton). */
  runNow(name: string, data?: object): Promise<string | null>;
}

const quietLogger: JobLogger = { info: () => {}, error: () => {} };

export function createJobRunner(opts: JobRunnerOptions): JobRunner {
  const log = opts.logger ?? quietLogger;
  const boss = new PgBoss({
    connectionString: opts.databaseUrl,
    schema: opts.schema ?? 'pgboss',
    max: opts.poolSize ?? 3,
    schedule: opts.schedule ?? true,
    application_name: 'sw-jobs',
    migrate: opts.migrate ?? readEnvBool('JOBS_MIGRATE', true),
  });
  boss.on('error', (err: unknown) => log.error({ err }, 'pg-boss error'));
  let started = false;
  let stopping: Promise<void> | undefined;

  return {
    async start() {
      if (started) return;
      started = true;
      await boss.start();
      for (const job of opts.jobs) {
        await boss.createQueue(job.name, {
          policy: 'singleton',
          retryLimit: job.retryLimit ?? 3,
          retryDelay: job.retryDelaySeconds ?? 5,
          retryBackoff: true,
          expireInSeconds: job.expireInSeconds ?? 900,
        });
        if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
        await boss.work<object>(job.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 }, async (batch) => {
          for (const j of batch) {
            const startedAt = Date.now();
            try {
              await job.handler(j.data ?? {}, { id: j.id });
              log.info({ job: job.name, id: j.id, ms: Date.now() - startedAt }, 'job done');
            } catch (err) {
              log.error({ err, job: job.name, id: j.id }, 'job failed (will be retried)');
              throw err;
            }
          }
        });
      }
    },
    stop() {
      return (stopping ??= started ? boss.stop({ graceful: true, timeout: 10_000 }) : Promise.resolve());
    },
    runNow(name, data) {
      return boss.send(name, data ?? {});
    },
  };
}
