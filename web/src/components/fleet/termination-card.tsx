'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import { useMutation } from 'urql';
import { CancelTerminationMutation, TerminateRegionMutation } from '../../graphql/operations/runtime';
import { describeMutationError, type MutationFailure } from '../../graphql/describe-error';
import { FormError } from '../ui/field';

/**
 * Termination: the default gives residents the 30-day evacuation notice (cancellable while it runs); "immediately"
 * is the admin-only path that skips it. Both ask for confirmation first.
 */
export function TerminationCard({ regionId, evacuationDeadlineAt, desiredState, state }: { regionId: string; evacuationDeadlineAt: string | null; desiredState: string; state: string }) {
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [{ fetching: terminating }, terminate] = useMutation(TerminateRegionMutation);
  const [{ fetching: cancelling }, cancel] = useMutation(CancelTerminationMutation);
  const gone = ['ARCHIVED', 'TERMINATED', 'ARCHIVING'].includes(state);

  async function run(action: () => Promise<{ error?: Parameters<typeof describeMutationError>[0] | undefined }>) {
    const r = await action();
    setFailure(r.error ? describeMutationError(r.error) : null);
  }

  return (
    <section className="card form" aria-labelledby="termination-heading" data-testid="termination">
      <h2 id="termination-heading" style={{ margin: 0 }}>
        Termination
      </h2>
      {failure && <FormError code={failure.code} message={failure.message} />}
      {evacuationDeadlineAt ? (
        <>
          <p className="notice" data-testid="evacuation-notice">
            Evacuation notice running: the region stops on {new Date(evacuationDeadlineAt).toUTCString()}.
          </p>
          <div className="form-actions">
            <button type="button" className="button" disabled={cancelling} onClick={() => void run(() => cancel({ regionId }))}>
              Cancel termination
            </button>
          </div>
        </>
      ) : gone ? (
        <p className="muted">This region has been {state.toLowerCase()}.</p>
      ) : (
        <div className="form-actions">
          <Confirm
            trigger="Terminate with notice"
            title="Start the 30-day evacuation notice?"
            body="Residents are told to leave; the region stops when the notice ends. You can cancel until then."
            action="Start notice"
            disabled={terminating || desiredState === 'terminated'}
            onConfirm={() => void run(() => terminate({ regionId, immediate: false }))}
          />
          <Confirm
            trigger="Terminate immediately"
            title="Terminate immediately?"
            body="The region is archived and its stack and database removed now, without notice. This cannot be undone."
            action="Terminate now"
            disabled={terminating}
            onConfirm={() => void run(() => terminate({ regionId, immediate: true }))}
          />
        </div>
      )}
    </section>
  );
}

function Confirm(props: { trigger: string; title: string; body: string; action: string; disabled: boolean; onConfirm: () => void }) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger className="button button--danger" disabled={props.disabled}>
        {props.trigger}
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog__overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title className="dialog__title">{props.title}</AlertDialog.Title>
          <AlertDialog.Description>{props.body}</AlertDialog.Description>
          <div className="form-actions">
            <AlertDialog.Cancel className="button">Keep running</AlertDialog.Cancel>
            <AlertDialog.Action className="button button--danger" onClick={props.onConfirm}>
              {props.action}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
