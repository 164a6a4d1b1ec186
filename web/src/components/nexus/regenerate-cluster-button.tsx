'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import { useMutation } from 'urql';
import { RegenerateClusterMutation } from '../../graphql/operations/nexus';
import { describeMutationError, type MutationFailure } from '../../graphql/describe-error';
import { FormError } from '../ui/field';
import { JobProgress } from './job-progress';
import type { JobView } from './use-generation-job';

/** Regenerates one cluster in place (after a confirmation) and shows its progress where the button was. */
export function RegenerateClusterButton({ clusterNumber, name }: { clusterNumber: number; name: string }) {
  const [job, setJob] = useState<JobView | null>(null);
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [{ fetching }, regenerate] = useMutation(RegenerateClusterMutation);

  async function start() {
    const result = await regenerate({ clusterNumber, seed: null });
    if (result.error || !result.data) {
      setFailure(result.error ? describeMutationError(result.error) : null);
      return;
    }
    setFailure(null);
    setJob(result.data.regenerateCluster);
  }

  if (job) return <JobProgress key={job.id} job={job} label={`Cluster ${clusterNumber}`} />;
  return (
    <>
      {failure && <FormError code={failure.code} message={failure.message} />}
      <AlertDialog.Root>
        <AlertDialog.Trigger className="button" disabled={fetching} aria-label={`Regenerate cluster ${clusterNumber} ${name}`}>
          Regenerate
        </AlertDialog.Trigger>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="dialog__overlay" />
          <AlertDialog.Content className="dialog">
            <AlertDialog.Title className="dialog__title">Regenerate {name}?</AlertDialog.Title>
            <AlertDialog.Description>
              Its sectors, stations and planets are generated anew; warps to other clusters and sector ids are kept.
            </AlertDialog.Description>
            <div className="form-actions">
              <AlertDialog.Cancel className="button">Cancel</AlertDialog.Cancel>
              <AlertDialog.Action className="button button--danger" onClick={() => void start()}>
                Regenerate
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </>
  );
}
