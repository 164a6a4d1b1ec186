/**
 * Stream behind `Subscription.generationProgress(jobId)`: subscribes to `generation.progress.<jobId>` first, then
 * reads the job row and yields it as seq 0 (so a subscriber that arrives late still sees the current state),
 * then yields live events that are newer than that snapshot, and completes after SUCCEEDED or FAILED.
 */
import { channels, closingStream, type EventBus, type Subscription } from '@sw/events';
import type postgres from 'postgres';
import { getGenerationJob, type GenerationProgressEvent, type JobStatus } from './generation-jobs.ts';

const STATUS_RANK: Record<JobStatus, number> = { QUEUED: 0, RUNNING: 1, SUCCEEDED: 2, FAILED: 2 };

export function isTerminal(status: JobStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED';
}

/** True when `event` adds nothing to `snapshot` (older status, lower percent, or the same state again). */
export function isStale(event: GenerationProgressEvent, snapshot: GenerationProgressEvent): boolean {
  const a = STATUS_RANK[event.status], b = STATUS_RANK[snapshot.status];
  if (a !== b) return a < b;
  if (event.percent !== snapshot.percent) return event.percent < snapshot.percent;
  return event.stage === snapshot.stage;
}

export function generationProgressStream(sql: postgres.Sql, bus: EventBus, jobId: string): AsyncGenerator<GenerationProgressEvent> {
  const live = bus.subscribe<GenerationProgressEvent>(channels.generationProgress(jobId));
  return closingStream(progressEvents(sql, live, jobId), () => live.close());
}

async function* progressEvents(
  sql: postgres.Sql,
  live: Subscription<GenerationProgressEvent>,
  jobId: string,
): AsyncGenerator<GenerationProgressEvent> {
  try {
    await live.ready;
    const job = await getGenerationJob(sql, jobId);
    const snapshot: GenerationProgressEvent = {
      jobId: job.id, seq: 0, status: job.status, stage: job.stage, percent: job.percent, errorCode: job.errorCode,
    };
    yield snapshot;
    if (isTerminal(snapshot.status)) return;
    for await (const event of live) {
      if (isStale(event, snapshot)) continue;
      yield event;
      if (isTerminal(event.status)) return;
    }
  } finally {
    live.close();
  }
}
