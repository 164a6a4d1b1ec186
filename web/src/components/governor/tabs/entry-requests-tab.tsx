'use client';

import type { RegionActor } from '@sw/domain/governance-authority';
import { useEffect, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';
import type { EntryRequestFragment, ImmigrationPolicy } from '../../../graphql/generated/graphql';
import { DecideEntryRequestMutation, EntryRequestsQuery, TravelFeedSubscription } from '../../../graphql/operations/travel';
import { describeError, describeMutationError, type MutationFailure } from '../../../graphql/describe-error';
import { enumLabel } from '../../../graphql/reshape';
import { ErrorBanner } from '../../ui/error-banner';
import { FormError } from '../../ui/field';
import { EmptyState, Skeleton } from '../../ui/states';

/** The longest refusal reason the Region subgraph keeps (decideEntryRequest trims to it). */
const ENTRY_REASON_MAX = 500;

/**
 * The list is re-read on every event of the region's travel feed (a request, a cancellation, a departure...). The feed
 * is fifo over pub/sub, so a dropped socket can lose one: the list is also re-read this often while the tab is visible.
 */
const REREAD_MS = 30_000;
const noAnswer: MutationFailure = { code: 'ERR_EMPTY_RESPONSE', message: 'No answer', issues: [] };

/**
 * Journeys waiting for an entry decision (the approval immigration policy), for the region's owner, governor and
 * administrators: approve or reject each. The server decides again (an approval re-asks every other entry gate), so a
 * stale row only gets a sentence; the list is re-read after every decision and on every travel-feed event.
 */
export function EntryRequestsTab({ regionId, actor, policy }: { regionId: string; actor: RegionActor; policy: ImmigrationPolicy }) {
  const officer = actor.isOwner || actor.isGovernor || actor.isAdmin;
  if (!officer) {
    return (
      <EmptyState title="Entry requests are for the region’s officers" testId="entry-requests-officers-only">
        Only the region’s owner, its governor and platform administrators decide who may enter.
      </EmptyState>
    );
  }
  return <EntryRequestList regionId={regionId} policy={policy} />;
}

function EntryRequestList({ regionId, policy }: { regionId: string; policy: ImmigrationPolicy }) {
  const client = useClient();
  const [{ data, error, fetching }, refetch] = useQuery({ query: EntryRequestsQuery, variables: { regionId }, requestPolicy: 'cache-and-network' });
  const [outcome, setOutcome] = useState<{ journeyId: string; text: string } | null>(null);
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  // The timer and the subscription read the newest refetch through a ref: urql hands out a new function on renders,
  // and resubscribing on each would re-read the list on every render.
  const reread = useRef(refetch);
  reread.current = refetch;
  useEffect(() => {
    const again = () => reread.current({ requestPolicy: 'network-only' });
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') again();
    }, REREAD_MS);
    const { unsubscribe } = client.subscription(TravelFeedSubscription, { regionId }).subscribe((r) => {
      if (r.data) again();
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [client, regionId]);

  const decided = (journeyId: string, text: string | null, fail: MutationFailure | null) => {
    setFailure(fail);
    setOutcome(text ? { journeyId, text } : null);
    refetch({ requestPolicy: 'network-only' });
  };
  const requests = data?.entryRequests ?? null;
  return (
    <section className="card" aria-labelledby="entry-requests-title" data-testid="entry-requests" aria-busy={fetching || undefined}>
      <header className="card__header">
        <h3 id="entry-requests-title">Entry requests</h3>
        {requests && <span className="muted" data-testid="entry-requests-count">{requests.length === 1 ? '1 waiting' : `${requests.length} waiting`}</span>}
      </header>
      <p className="muted" data-testid="entry-requests-policy">
        {policy === 'APPROVAL'
          ? 'Immigration needs approval: travellers who do not belong here wait below until you decide.'
          : `Immigration is ${enumLabel(policy).toLowerCase()}: new journeys do not wait for a decision (change it on the Economy tab). Requests made under approval still wait here.`}
      </p>
      {failure && <FormError code={failure.code} message={failure.message} />}
      {outcome && (
        <p className="field__ok" role="status" data-testid="entry-request-decided">
          {outcome.text}
        </p>
      )}
      {error && !requests ? (
        <ErrorBanner title="Entry requests unavailable" failure={describeError(error, 'the gateway')} />
      ) : !requests ? (
        <Skeleton lines={2} label="Loading entry requests" />
      ) : requests.length === 0 ? (
        <EmptyState title="Nobody is waiting" testId="entry-requests-empty">
          Journeys that need your approval appear here as they are requested.
        </EmptyState>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Waiting entry requests">
          <table className="table" data-testid="entry-requests-table">
            <thead>
              <tr>
                <th scope="col">Traveller</th>
                <th scope="col">From</th>
                <th scope="col">Intent</th>
                <th scope="col">Requested</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((j) => (
                <EntryRequestRow key={j.id} journey={j} onDecided={decided} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function EntryRequestRow({ journey: j, onDecided }: { journey: EntryRequestFragment; onDecided: (journeyId: string, text: string | null, failure: MutationFailure | null) => void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  // Sent with a refusal and shown to the traveller on their journey; the server keeps at most ENTRY_REASON_MAX chars.
  const [reason, setReason] = useState('');
  async function decide(approve: boolean) {
    setBusy(true);
    const res = await client.mutation(DecideEntryRequestMutation, { journeyId: j.id, approve, reason: !approve && reason.trim() ? reason.trim() : null }).toPromise();
    setBusy(false);
    if (res.error || !res.data) return onDecided(j.id, null, res.error ? describeMutationError(res.error) : noAnswer);
    const d = res.data.decideEntryRequest;
    // An approval re-asks every other gate: the journey may still end refused (the traveller ran out of credits...).
    const text = !approve
      ? `${j.traveller.name}’s entry was refused.`
      : d.state === 'REFUSED'
        ? `${j.traveller.name} was approved, but another entry rule refused the journey (${d.reasonCode ?? 'no reason given'}).`
        : `${j.traveller.name} was let in and is on the way.`;
    onDecided(j.id, text, null);
  }
  return (
    <tr data-testid="entry-request-row" data-journey-id={j.id} data-traveller-name={j.traveller.name}>
      <td>{j.traveller.name}</td>
      <td>{j.origin.displayName}</td>
      <td>{enumLabel(j.intent)}</td>
      <td>
        <time dateTime={j.requestedAt}>{j.requestedAt.slice(0, 16).replace('T', ' ')}</time>
        {j.fee > 0 && <span className="table__sub">entry fee {j.fee} cr</span>}
      </td>
      <td>
        <input
          className="input input--small"
          type="text"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={ENTRY_REASON_MAX}
          placeholder="Reason if refused (optional)"
          aria-label={`Reason for refusing ${j.traveller.name} (optional, shown to them)`}
          data-testid="entry-request-reason"
        />
        <div className="form-actions">
          <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void decide(true)} aria-label={`Approve ${j.traveller.name}`}>
            Approve
          </button>
          <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => void decide(false)} aria-label={`Reject ${j.traveller.name}`}>
            Reject
          </button>
        </div>
      </td>
    </tr>
  );
}
