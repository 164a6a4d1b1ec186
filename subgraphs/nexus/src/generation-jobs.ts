/**
 * Admin generation jobs of the Nexus lane (kind 'nexus' = whole Nexus, 'cluster' = one Nexus cluster): the guards
 * and the job row are written synchronously (one transaction under a lane lock, so replicas agree), then the work
 * runs in the background in this process: status queued → running → succeeded | failed (error {code, message}),
 * stage + percent updated at most every PROGRESS_MIN_INTERVAL_MS, and every update is published on
 * `generation.progress.<jobId>` after it committed.
 *
 * Outcomes of requestNexusGeneration / requestClusterRegeneration (DomainError codes): the queued job;
 * ERR_GENERATION_IN_PROGRESS (a Nexus-lane job is queued or running); ERR_NEXUS_EXISTS (no force, Nexus present);
 * ERR_NEXUS_NOT_GENERATED (cluster job without a Nexus); ERR_UNKNOWN_CLUSTER; ERR_VALIDATION (seed).
 */
import type { AuditInTransaction } from '@sw/audit';
import { DomainError, NEXUS_CLUSTER_COUNT, assertUuid } from '@sw/domain';
import { channels, type EventBus } from '@sw/events';
import type { Logger } from '@sw/service-kit';
import { generateAndPersistNexus, parseSeed, regenerateNexusClusterPersisted, type WorldProgress } from '@sw/world-store';
import type postgres from 'postgres';

/** Advisory lock key of the Nexus job lane (distinct from the world lock held by the work itself). */
const JOB_LANE_LOCK_KEY = 0x5357_0103;
/** A queued/running job older than this is considered abandoned by a dead process. */
export const STALE_JOB_MINUTES = 10;
/** Minimum spacing of progress writes for one job (the final state is always written). */
export const PROGRESS_MIN_INTERVAL_MS = 50;

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface GenerationJobView {
  id: string;
  kind: string;
  status: JobStatus;
  stage: string | null;
  percent: number;
  seed: string;
  clusterNumber: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** One progress event (also the GraphQL GenerationProgress shape); seq 0 is the DB snapshot, live events count from 1. */
export interface GenerationProgressEvent {
  jobId: string;
  seq: number;
  status: JobStatus;
  stage: string | null;
  percent: number;
  errorCode: string | null;
}

interface JobRow {
  id: string;
  kind: string;
  status: string;
  stage: string | null;
  percent: number;
  seed: string;
  force: boolean;
  cluster_number: number | null;
  error: { code?: string; message?: string } | null;
  created_at: Date;
  finished_at: Date | null;
}

const JOB_SELECT = (sql: postgres.Sql | postgres.TransactionSql) => sql`
  select id, kind, status, stage, percent, seed::text as seed, force, cluster_number, error, created_at, finished_at from generation_jobs`;

function toView(r: JobRow): GenerationJobView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status.toUpperCase() as JobStatus,
    stage: r.stage,
    percent: r.percent,
    seed: r.seed,
    clusterNumber: r.cluster_number,
    errorCode: r.error?.code ?? null,
    errorMessage: r.error?.message ?? null,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

/** A job by id; ERR_VALIDATION for a malformed id, ERR_GENERATION_JOB_NOT_FOUND when absent. */
export async function getGenerationJob(sql: postgres.Sql, jobId: unknown): Promise<GenerationJobView> {
  const id = assertUuid(jobId, 'jobId');
  const [row] = await sql<JobRow[]>`${JOB_SELECT(sql)} where id = ${id}`;
  if (!row) throw new DomainError('ERR_GENERATION_JOB_NOT_FOUND', `generation job ${id} does not exist`);
  return toView(row);
}

/** The newest Nexus-lane job (nexus or cluster), or null. */
export async function latestNexusJob(sql: postgres.Sql): Promise<GenerationJobView | null> {
  const [row] = await sql<JobRow[]>`${JOB_SELECT(sql)} where kind in ('nexus', 'cluster') order by created_at desc limit 1`;
  return row ? toView(row) : null;
}

/** True while a job counts as in progress (queued/running and not stale). */
export function isJobActive(job: Pick<GenerationJobView, 'status' | 'createdAt'>, now = Date.now()): boolean {
  return (job.status === 'QUEUED' || job.status === 'RUNNING') && now - Date.parse(job.createdAt) < STALE_JOB_MINUTES * 60_000;
}

/** `audit` writes the request's ok audit row in the transaction that queues the job (@sw/audit `audited`). */
export interface GenerationJobRunner {
  requestNexusGeneration(input: { seed?: string | null; force?: boolean | null; requestedBy: string; audit?: AuditInTransaction }): Promise<GenerationJobView>;
  requestClusterRegeneration(input: { clusterNumber: number; seed?: string | null; requestedBy: string; audit?: AuditInTransaction }): Promise<GenerationJobView>;
  /** Marks jobs abandoned by a dead process (queued/running, older than STALE_JOB_MINUTES) failed. */
  failStaleJobs(): Promise<number>;
  /** Waits (bounded) for background jobs of this process to finish. */
  drain(timeoutMs?: number): Promise<void>;
}

export function createGenerationJobRunner(deps: { sql: postgres.Sql; bus: EventBus; log: Logger }): GenerationJobRunner {
  const { sql, bus, log } = deps;
  const running = new Set<Promise<void>>();

  /**
   * Guards + insert in one transaction under the lane lock; `guard` runs after the in-progress check, and the audit
   * row (when given) is written last in it, with the new job's id.
   */
  async function enqueue(
    kind: 'nexus' | 'cluster',
    fields: { seed: bigint; force: boolean; clusterNumber: number | null; requestedBy: string; audit?: AuditInTransaction | undefined },
    guard: (tx: postgres.TransactionSql, nexus: { id: string; sectors: number } | null) => void,
  ): Promise<JobRow> {
    return (await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${JOB_LANE_LOCK_KEY})`;
      const [busy] = await tx<{ id: string }[]>`
        select id from generation_jobs where kind in ('nexus', 'cluster') and status in ('queued', 'running')
          and created_at > now() - make_interval(mins => ${STALE_JOB_MINUTES}) limit 1`;
      if (busy) throw new DomainError('ERR_GENERATION_IN_PROGRESS', `generation job ${busy.id} is still in progress`, { jobId: busy.id });
      const [nexus] = await tx<{ id: string; sectors: number }[]>`
        select r.id, (select count(*)::int from sectors s where s.region_id = r.id) as sectors
        from regions r where r.region_type = 'central_nexus'`;
      guard(tx, nexus ?? null);
      const requestedBy = /^[0-9a-f-]{36}$/i.test(fields.requestedBy) ? fields.requestedBy : null;
      const [row] = await tx<JobRow[]>`
        insert into generation_jobs (kind, region_id, cluster_number, seed, force, status, stage, percent, requested_by)
        values (${kind}, ${nexus?.id ?? null}, ${fields.clusterNumber}, ${fields.seed.toString()}::bigint, ${fields.force}, 'queued',
          'queued', 0, ${requestedBy})
        returning id, kind, status, stage, percent, seed::text as seed, force, cluster_number, error, created_at, finished_at`;
      await fields.audit?.(tx, { details: { jobId: row!.id } });
      return row!;
    })) as JobRow;
  }

  /** Runs `work` for `job` in the background, persisting and publishing throttled progress. */
  function runInBackground(job: JobRow, work: (onProgress: WorldProgress) => Promise<unknown>): void {
    let seq = 0;
    let chain: Promise<void> = Promise.resolve();
    let lastWrite = 0;
    let lastStage: string | null = null;
    let lastPercent = -1;

    const write = (status: string, stage: string | null, percent: number, extra: { error?: unknown; finished?: boolean; started?: boolean } = {}) => {
      chain = chain.then(async () => {
        await sql`
          update generation_jobs set status = ${status}, stage = ${stage}, percent = ${percent},
            error = ${extra.error === undefined ? null : JSON.stringify(extra.error)}::jsonb,
            started_at = case when ${extra.started ?? false} then now() else started_at end,
            finished_at = case when ${extra.finished ?? false} then now() else finished_at end
          where id = ${job.id}`;
        const code = (extra.error as { code?: string } | undefined)?.code ?? null;
        const event: GenerationProgressEvent = { jobId: job.id, seq: ++seq, status: status.toUpperCase() as JobStatus, stage, percent, errorCode: code };
        // Published only after the update committed (autocommit statement above).
        await bus.publish(channels.generationProgress(job.id), event).catch((err: unknown) => log.warn({ err, jobId: job.id }, 'progress publish failed'));
      });
      return chain;
    };

    const onProgress: WorldProgress = (stage, percent) => {
      const now = performance.now();
      const pct = Math.max(lastPercent, Math.min(99, percent)); // 100 is reserved for the final state
      if (stage === lastStage && (pct === lastPercent || now - lastWrite < PROGRESS_MIN_INTERVAL_MS)) return;
      lastStage = stage;
      lastPercent = pct;
      lastWrite = now;
      void write('running', stage, pct);
    };

    const task = (async () => {
      await write('running', 'starting', 0, { started: true });
      try {
        await work(onProgress);
        await write('succeeded', 'done', 100, { finished: true });
        log.info({ jobId: job.id, kind: job.kind }, 'generation job succeeded');
      } catch (err) {
        const code = err instanceof DomainError ? err.code : 'ERR_INTERNAL';
        const message = err instanceof DomainError ? err.message : 'generation failed';
        if (!(err instanceof DomainError)) log.error({ err, jobId: job.id }, 'generation job crashed');
        await write('failed', lastStage, Math.max(lastPercent, 0), { error: { code, message }, finished: true });
      }
    })().catch((err: unknown) => log.error({ err, jobId: job.id }, 'generation job bookkeeping failed'));
    running.add(task);
    void task.finally(() => running.delete(task));
  }

  return {
    async requestNexusGeneration(input) {
      const seed = parseSeed(input.seed);
      const force = input.force === true;
      const job = await enqueue('nexus', { seed, force, clusterNumber: null, requestedBy: input.requestedBy, audit: input.audit }, (_tx, nexus) => {
        if (!force && nexus && nexus.sectors > 0) {
          throw new DomainError('ERR_NEXUS_EXISTS', 'the Central Nexus already exists; pass force to regenerate it', { regionId: nexus.id });
        }
      });
      runInBackground(job, (onProgress) => generateAndPersistNexus(sql, { seed, force, onProgress }));
      return toView(job);
    },

    async requestClusterRegeneration(input) {
      const n = input.clusterNumber;
      if (!Number.isInteger(n) || n < 1 || n > NEXUS_CLUSTER_COUNT) {
        throw new DomainError('ERR_UNKNOWN_CLUSTER', `Nexus cluster ${n} does not exist (1-${NEXUS_CLUSTER_COUNT})`);
      }
      const seed = parseSeed(input.seed);
      const job = await enqueue('cluster', { seed, force: false, clusterNumber: n, requestedBy: input.requestedBy, audit: input.audit }, (_tx, nexus) => {
        if (!nexus || nexus.sectors === 0) throw new DomainError('ERR_NEXUS_NOT_GENERATED', 'the Central Nexus has not been generated');
      });
      runInBackground(job, (onProgress) => regenerateNexusClusterPersisted(sql, n, seed, { onProgress }));
      return toView(job);
    },

    async failStaleJobs() {
      const result = await sql`
        update generation_jobs set status = 'failed', finished_at = now(),
          error = ${JSON.stringify({ code: 'ERR_GENERATION_INTERRUPTED', message: 'the process running this job stopped' })}::jsonb
        where status in ('queued', 'running') and created_at <= now() - make_interval(mins => ${STALE_JOB_MINUTES})`;
      return result.count;
    },

    async drain(timeoutMs = 10_000) {
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
