'use client';

import { useCallback, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { CastPolicyVoteMutation, PolicySnapshotQuery, PolicyTallySubscription } from '../../graphql/operations/governance';
import type { PolicyCardFragment } from '../../graphql/generated/graphql';
import { useLiveSnapshot } from '../../graphql/live/use-live-snapshot';
import { describeMutationError, type MutationFailure } from '../../graphql/describe-error';
import { enumLabel } from '../../graphql/reshape';
import { FormError } from '../ui/field';
import { withPendingBallot } from './tally';
import type { StoredReceipt } from './receipts';

type TallyEvent = { policyTallyChanged: { status: PolicyCardFragment['status']; votesFor: number; votesAgainst: number; approvalPercentage?: number | null } };

/**
 * One policy with its live tally (policyTallyChanged, "latest"). Voting counts the ballot at once (optimistic) and
 * takes it back if the server refuses it (already voted, not eligible, closed), showing why.
 */
export function PolicyCard({ policy, votingPower, receipt, onReceipt }: { policy: PolicyCardFragment; votingPower: number; receipt: StoredReceipt | null; onReceipt: (r: StoredReceipt) => void }) {
  const client = useClient();
  const refetch = useCallback(async () => (await client.query(PolicySnapshotQuery, { id: policy.id }, { requestPolicy: 'network-only' }).toPromise()).data?.policy ?? null, [client, policy.id]);
  const live = useLiveSnapshot<PolicyCardFragment, TallyEvent, { policyId: string }>({
    initial: policy,
    refetch,
    subscription: PolicyTallySubscription,
    variables: { policyId: policy.id },
    apply: (p, e) => ({ ...p, status: e.policyTallyChanged.status, votesFor: e.policyTallyChanged.votesFor, votesAgainst: e.policyTallyChanged.votesAgainst, approvalPercentage: e.policyTallyChanged.approvalPercentage ?? null }),
    mode: 'latest',
  });
  const [pending, setPending] = useState<{ support: boolean; weight: number } | null>(null);
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [, cast] = useMutation(CastPolicyVoteMutation);
  const p = live.data;
  const shown = withPendingBallot({ votesFor: p.votesFor, votesAgainst: p.votesAgainst, approvalPercentage: p.approvalPercentage ?? null }, pending);

  async function vote(support: boolean) {
    setFailure(null);
    setPending({ support, weight: votingPower });
    const r = await cast({ policyId: p.id, support });
    setPending(null);
    if (r.error || !r.data) {
      // Rolled back: the optimistic ballot is gone and the reason is shown.
      if (r.error) setFailure(describeMutationError(r.error));
      return;
    }
    live.replace(r.data.castPolicyVote.policy);
    const rc = r.data.castPolicyVote.receipt;
    onReceipt({ ...rc, contestKind: rc.contestKind, label: p.title, castAt: new Date().toISOString() });
  }

  const open = p.status === 'VOTING';
  return (
    <article className="card" style={{ background: 'var(--bg-raised)' }} data-testid="policy-card" data-policy-id={p.id}>
      <header className="card__header">
        <h3>{p.title}</h3>
        <span className={`badge badge--${p.status.toLowerCase()}`}>{enumLabel(p.status)}</span>
      </header>
      {p.description && <p>{p.description}</p>}
      <p className="muted">
        {enumLabel(p.decisionKind)}
        {p.constitutional ? ' · constitutional (two-thirds needed)' : ''} · closes {p.votingClosesAt.slice(0, 10)}
      </p>
      <p aria-live="polite">
        For <strong data-testid="votes-for">{shown.votesFor}</strong> · Against <strong data-testid="votes-against">{shown.votesAgainst}</strong>
        {shown.approvalPercentage !== null && <span className="muted"> · {Math.round(shown.approvalPercentage)}% approval</span>}
        {pending && <span className="muted"> (sending your vote…)</span>}
      </p>
      {failure && <FormError code={failure.code} message={failure.message} />}
      {receipt ? (
        <p className="field__ok" data-testid="my-vote">
          You voted {receipt.choice}.
        </p>
      ) : (
        open && (
          <div className="form-actions">
            <button type="button" className="button button--primary" disabled={pending !== null} onClick={() => void vote(true)}>
              Vote for
            </button>
            <button type="button" className="button" disabled={pending !== null} onClick={() => void vote(false)}>
              Vote against
            </button>
          </div>
        )
      )}
    </article>
  );
}
