'use client';

import * as Progress from '@radix-ui/react-progress';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { describeCode } from '../../graphql/error-messages';
import { isJobFinished, useGenerationJob, type JobView } from './use-generation-job';

/** A job's live progress bar; when it succeeds the page re-renders on the server so every number is fresh. */
export function JobProgress({ job, label }: { job: JobView; label: string }) {
  const router = useRouter();
  const live = useGenerationJob(job);
  const done = isJobFinished(live);

  useEffect(() => {
    if (live.status === 'SUCCEEDED') router.refresh();
  }, [live.status, router]);

  return (
    <div className="form" data-testid="job-progress" data-job-status={live.status} data-job-percent={live.percent}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span>
          {label}: <strong>{live.status.toLowerCase()}</strong>
          {live.stage && !done ? <span className="muted"> · {live.stage}</span> : null}
        </span>
        <span className="muted">{live.percent}%</span>
      </div>
      <Progress.Root className="progress" value={live.percent} max={100} aria-label={`${label} progress`}>
        <Progress.Indicator className="progress__indicator" style={{ width: `${live.percent}%` }} />
      </Progress.Root>
      {live.status === 'FAILED' && (
        <p className="field__error" role="alert">
          {describeCode(live.errorCode ?? 'ERR_INTERNAL', live.errorMessage ?? undefined)}
        </p>
      )}
    </div>
  );
}
