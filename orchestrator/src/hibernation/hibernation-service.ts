/**
 * The orchestrator's hibernation service (docs/rules/hibernation.md): the two pg-boss sweeps (idle → hibernate every
 * minute, six months idle → tombstone daily), the LISTEN on REGION_WAKE_CHANNEL that turns anybody's wake request
 * into a reconciler kick, and the hibernate / wake calls behind the operator commands (commands/dormancy-commands.ts:
 * the admin GraphQL mutations, the REST API and region-cli).
 */
import { createJobRunner, type JobRunner } from '@sw/jobs';
import type { RegionRuntimeState } from '@sw/domain';
import type { ReconcileContext } from '../reconciler/context.ts';
import type { Reconciler } from '../reconciler/reconciler.ts';
import {
  REGION_WAKE_CHANNEL,
  hibernateRegion,
  requestWake,
  runArchivalSweep,
  runIdleSweep,
  waitForReady,
  type ArchivalSweepResult,
  type HibernateOutcome,
  type IdleSweepResult,
  type WakeRequestOutcome,
} from './hibernation.ts';

export const IDLE_SWEEP_JOB = 'region-idle-sweep';
export const ARCHIVAL_SWEEP_JOB = 'region-archival-sweep';

export interface HibernationServiceOptions {
  databaseUrl: string;
  idleMinutes: number;
  /** Run the sweeps as pg-boss jobs (REGION_HIBERNATION_JOBS); off = only the commands and the wake listener. */
  jobs: boolean;
  idleCron?: string;
  archivalCron?: string;
}

export type WakeResult = (WakeRequestOutcome & { ms: number }) | { kind: 'timeout'; state: RegionRuntimeState | null; ms: number };

export interface HibernationService {
  start(): Promise<void>;
  stop(): Promise<void>;
  hibernate(regionId: string, reason?: string): Promise<HibernateOutcome | null>;
  /** Asks for a wake; with `waitMs` > 0 waits for ready and reports how long it took. */
  wake(regionId: string, opts?: { waitMs?: number }): Promise<WakeResult>;
  runIdleSweep(): Promise<IdleSweepResult>;
  runArchivalSweep(): Promise<ArchivalSweepResult>;
  /** Enqueues a sweep on pg-boss now (null when one is already queued). */
  runJobNow(name: typeof IDLE_SWEEP_JOB | typeof ARCHIVAL_SWEEP_JOB): Promise<string | null>;
}

export function createHibernationService(ctx: ReconcileContext, reconciler: Reconciler, opts: HibernationServiceOptions): HibernationService {
  let runner: JobRunner | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  const idle = () => runIdleSweep(ctx, reconciler, { idleMinutes: opts.idleMinutes });
  const archival = () => runArchivalSweep(ctx, reconciler);

  return {
    async start() {
      const l = await ctx.sql.listen(REGION_WAKE_CHANNEL, (regionId) => reconciler.kick(regionId));
      unlisten = () => l.unlisten();
      if (!opts.jobs) return;
      runner = createJobRunner({
        databaseUrl: opts.databaseUrl,
        poolSize: 2,
        logger: ctx.log,
        jobs: [
          {
            name: IDLE_SWEEP_JOB,
            cron: opts.idleCron ?? '* * * * *',
            retryLimit: 1,
            expireInSeconds: 600,
            handler: async () => {
              const r = await idle();
              if (r.hibernated.length) ctx.log.info({ hibernated: r.hibernated.length, checked: r.checked }, 'idle sweep hibernated regions');
            },
          },
          {
            name: ARCHIVAL_SWEEP_JOB,
            cron: opts.archivalCron ?? '41 3 * * *',
            retryLimit: 3,
            expireInSeconds: 3_600,
            handler: async () => {
              const r = await archival();
              if (r.tombstoned.length) ctx.log.info({ tombstoned: r.tombstoned.length, checked: r.checked }, 'archival sweep tombstoned regions');
            },
          },
        ],
      });
      await runner.start();
    },
    async stop() {
      await runner?.stop();
      runner = null;
      await unlisten?.().catch(() => {});
      unlisten = null;
    },
    hibernate: (regionId, reason = 'operator request') => reconciler.runExclusive(regionId, () => hibernateRegion(ctx, regionId, reason)),
    async wake(regionId, o = {}) {
      const t0 = Date.now();
      const asked = await requestWake(ctx.sql, regionId);
      if (asked.kind !== 'waking') return { ...asked, ms: Date.now() - t0 };
      reconciler.kick(regionId); // the NOTIFY reaches every replica; this one need not wait for it
      if (!o.waitMs) return { ...asked, ms: Date.now() - t0 };
      const state = await waitForReady(ctx.sql, regionId, o.waitMs);
      if (state === 'ready') return { kind: 'ready', state, ms: Date.now() - t0 };
      return { kind: 'timeout', state, ms: Date.now() - t0 };
    },
    runIdleSweep: idle,
    runArchivalSweep: archival,
    async runJobNow(name) {
      if (!runner) throw new Error('hibernation jobs are off (REGION_HIBERNATION_JOBS=false)');
      return runner.runNow(name);
    },
  };
}
