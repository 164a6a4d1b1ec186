'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import { useMutation } from 'urql';
import { GenerateNexusMutation } from '../../graphql/operations/nexus';
import { describeMutationError, type MutationFailure } from '../../graphql/describe-error';
import { FormError, TextField } from '../ui/field';
import { JobProgress } from './job-progress';
import type { JobView } from './use-generation-job';

/**
 * Generate the Nexus (or, when one exists, regenerate it after a confirmation). Player data (regions, memberships,
 * players) is never touched; the progress bar follows the job live.
 */
export function GenerationPanel({ exists }: { exists: boolean }) {
  const [seed, setSeed] = useState('');
  const [job, setJob] = useState<JobView | null>(null);
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [{ fetching }, generate] = useMutation(GenerateNexusMutation);

  async function start() {
    const result = await generate({ seed: seed.trim() === '' ? null : seed.trim(), force: exists });
    if (result.error || !result.data) {
      setFailure(result.error ? describeMutationError(result.error) : null);
      return;
    }
    setFailure(null);
    setJob(result.data.generateNexus);
  }

  const action = exists ? 'Regenerate Nexus' : 'Generate Nexus';
  return (
    <section className="card" aria-labelledby="generation-heading">
      <header className="card__header">
        <h2 id="generation-heading">Generation</h2>
      </header>
      <div className="form">
        {failure && <FormError code={failure.code} message={failure.message} />}
        <TextField id="nexus-seed" label="Seed (optional)" value={seed} onChange={setSeed} hint="The same seed always yields the same Nexus." />
        <div className="form-actions">
          {exists ? (
            <AlertDialog.Root>
              <AlertDialog.Trigger className="button button--danger" disabled={fetching}>
                {action}
              </AlertDialog.Trigger>
              <AlertDialog.Portal>
                <AlertDialog.Overlay className="dialog__overlay" />
                <AlertDialog.Content className="dialog">
                  <AlertDialog.Title className="dialog__title">Replace the Central Nexus?</AlertDialog.Title>
                  <AlertDialog.Description>
                    Every Nexus sector, station and planet is generated anew. Regions, players and memberships are kept.
                  </AlertDialog.Description>
                  <div className="form-actions">
                    <AlertDialog.Cancel className="button">Keep it</AlertDialog.Cancel>
                    <AlertDialog.Action className="button button--danger" onClick={() => void start()}>
                      Regenerate
                    </AlertDialog.Action>
                  </div>
                </AlertDialog.Content>
              </AlertDialog.Portal>
            </AlertDialog.Root>
          ) : (
            <button type="button" className="button button--primary" onClick={() => void start()} disabled={fetching}>
              {action}
            </button>
          )}
        </div>
        {job && <JobProgress key={job.id} job={job} label={exists ? 'Regeneration' : 'Generation'} />}
      </div>
    </section>
  );
}
