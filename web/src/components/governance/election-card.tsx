'use client';

import { useCallback, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { CastElectionVoteMutation, ElectionSnapshotQuery, ElectionTallySubscription, RegisterCandidateMutation } from '../../graphql/operations/governance';
import type { ElectionCardFragment } from '../../graphql/generated/graphql';
import { useLiveSnapshot } from '../../graphql/live/use-live-snapshot';
import { describeMutationError, type MutationFailure } from '../../graphql/describe-error';
import { enumLabel } from '../../graphql/reshape';
import { FormError } from '../ui/field';
import type { StoredReceipt } from './receipts';

type TallyEvent = { electionTallyChanged: { status: ElectionCardFragment['status']; totalWeight: number; candidates: ElectionCardFragment['candidates'] } };

/** An election with live results; register while PENDING, vote (optimistic, rolled back on error) while ACTIVE. */
export function ElectionCard({ election, myPlayerId, votingPower, receipt, onReceipt }: { election: ElectionCardFragment; myPlayerId: string | null; votingPower: number; receipt: StoredReceipt | null; onReceipt: (r: StoredReceipt) => void }) {
  const client = useClient();
  const refetch = useCallback(async () => (await client.query(ElectionSnapshotQuery, { id: election.id }, { requestPolicy: 'network-only' }).toPromise()).data?.election ?? null, [client, election.id]);
  const live = useLiveSnapshot<ElectionCardFragment, TallyEvent, { electionId: string }>({
    initial: election,
    refetch,
    subscription: ElectionTallySubscription,
    variables: { electionId: election.id },
    apply: (e, t) => ({ ...e, status: t.electionTallyChanged.status, totalWeight: t.electionTallyChanged.totalWeight, candidates: t.electionTallyChanged.candidates }),
    mode: 'latest',
  });
  const [pendingFor, setPendingFor] = useState<string | null>(null);
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [, cast] = useMutation(CastElectionVoteMutation);
  const [{ fetching: registering }, register] = useMutation(RegisterCandidateMutation);
  const e = live.data;
  const isCandidate = e.candidates.some((c) => c.player.id === myPlayerId);

  async function vote(candidateId: string, name: string) {
    setFailure(null);
    setPendingFor(candidateId);
    const r = await cast({ electionId: e.id, candidateId });
    setPendingFor(null);
    if (r.error || !r.data) {
      if (r.error) setFailure(describeMutationError(r.error));
      return;
    }
    live.replace(r.data.castElectionVote.election);
    onReceipt({ ...r.data.castElectionVote.receipt, label: `${enumLabel(e.position)} election: ${name}`, castAt: new Date().toISOString() });
  }

  return (
    <article className="card" style={{ background: 'var(--bg-raised)' }} data-testid="election-card" data-election-status={e.status}>
      <header className="card__header">
        <h3>{enumLabel(e.position)}</h3>
        <span className={`badge badge--${e.status.toLowerCase()}`}>{enumLabel(e.status)}</span>
      </header>
      <p className="muted">
        Voting {e.votingOpensAt.slice(0, 10)} → {e.votingClosesAt.slice(0, 10)} · total weight {e.totalWeight}
      </p>
      {e.results?.voided && <p className="notice">Voided: {e.results.reason ?? 'no valid result'}.</p>}
      {e.status === 'CANCELLED' && <p className="notice">Cancelled{e.cancelReason ? `: ${e.cancelReason}` : ''}.</p>}
      {failure && <FormError code={failure.code} message={failure.message} />}
      {e.candidates.length === 0 ? (
        <p className="muted">No candidates have registered yet.</p>
      ) : (
        <ul className="conditions">
          {e.candidates.map((c) => (
            <li key={c.player.id} style={{ gridTemplateColumns: '1fr auto auto' }}>
              <span>
                <strong>{c.player.name}</strong>
                {c.platform && <span className="table__sub">{c.platform}</span>}
              </span>
              <span data-testid="candidate-weight">{c.weight + (pendingFor === c.player.id ? votingPower : 0)}</span>
              {e.status === 'ACTIVE' && !receipt && (
                <button type="button" className="button" disabled={pendingFor !== null} onClick={() => void vote(c.player.id, c.player.name)}>
                  Vote
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {receipt && <p className="field__ok">You voted for {receipt.label.split(': ').pop()}.</p>}
      {e.status === 'PENDING' && !isCandidate && myPlayerId && (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={registering}
            onClick={() => void register({ electionId: e.id, platform: null }).then((r) => (r.error ? setFailure(describeMutationError(r.error)) : r.data && live.replace(r.data.registerCandidate)))}
          >
            Register as a candidate
          </button>
        </div>
      )}
    </article>
  );
}
