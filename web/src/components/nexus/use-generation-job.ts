'use client';

import { useCallback, useMemo } from 'react';
import { useClient } from 'urql';
import { GenerationJobQuery, GenerationProgressSubscription } from '../../graphql/operations/nexus';
import type { GenerationJobFieldsFragment } from '../../graphql/generated/graphql';
import { useLiveSnapshot } from '../../graphql/live/use-live-snapshot';

export type JobView = Pick<GenerationJobFieldsFragment, 'id' | 'status' | 'stage' | 'percent' | 'errorCode'> & { errorMessage?: string | null };

const FINAL = new Set(['SUCCEEDED', 'FAILED']);

/**
 * A generation job's progress, live from `generationProgress` (delivered "latest": only the newest percent matters)
 * and re-read from `generationJob` after a reconnect. The stream ends by itself when the job finishes.
 */
export function useGenerationJob(job: JobView): JobView {
  const client = useClient();
  const refetch = useCallback(async () => {
    const r = await client.query(GenerationJobQuery, { jobId: job.id }, { requestPolicy: 'network-only' }).toPromise();
    return r.data?.generationJob ?? null;
  }, [client, job.id]);
  const initial = useMemo(() => job, [job]);
  const live = useLiveSnapshot<JobView, { generationProgress: { status: JobView['status']; stage?: string | null; percent: number; errorCode?: string | null } }, { jobId: string }>({
    initial,
    refetch,
    subscription: GenerationProgressSubscription,
    variables: { jobId: job.id },
    apply: (current, e) => ({ ...current, status: e.generationProgress.status, stage: e.generationProgress.stage ?? null, percent: e.generationProgress.percent, errorCode: e.generationProgress.errorCode ?? null }),
    mode: 'latest',
    pause: FINAL.has(job.status),
  });
  return live.data;
}

export function isJobFinished(job: JobView): boolean {
  return FINAL.has(job.status);
}
