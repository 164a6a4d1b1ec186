'use client';

import { useCallback, useEffect, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { CancelTravelMutation, MyJourneyQuery, MyJourneySubscription } from '../../graphql/operations/travel';
import type { JourneyFieldsFragment } from '../../graphql/generated/graphql';
import { useLiveSnapshot } from '../../graphql/live/use-live-snapshot';
import { describeCode } from '../../graphql/error-messages';
import { describeMutationError, type MutationFailure } from '../../graphql/describe-error';
import { enumLabel } from '../../graphql/reshape';
import { EmptyState } from '../ui/states';
import { FormError } from '../ui/field';

const OPEN = new Set(['REQUESTED', 'IN_TRANSIT']);

/**
 * Seconds until `iso`, re-rendered every second while a leg runs. Null until the page is hydrated: the server's clock
 * and the browser's differ by the time in between, so a number rendered on both would not match (React error 418).
 */
function useCountdown(iso: string | null | undefined): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!iso) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, [iso]);
  return iso && now !== null ? Math.max(0, Math.round((Date.parse(iso) - now) / 1000)) : null;
}

/** My journey leg by leg with the live ETA; a refusal or diversion is shown with its reason. */
export function JourneyView({ initial }: { initial: JourneyFieldsFragment | null }) {
  const client = useClient();
  const refetch = useCallback(async () => {
    const r = await client.query(MyJourneyQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    return r.data ? (r.data.myJourney ?? null) : null;
  }, [client]);
  const { data: journey } = useLiveSnapshot<JourneyFieldsFragment | null, { myJourney: JourneyFieldsFragment }, Record<string, never>>({
    initial,
    refetch,
    subscription: MyJourneySubscription,
    variables: {},
    apply: (_cur, e) => e.myJourney,
    mode: 'latest',
  });
  const [{ fetching }, cancel] = useMutation(CancelTravelMutation);
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const seconds = useCountdown(journey && OPEN.has(journey.state) ? journey.eta : null);

  if (!journey) return <EmptyState title="No journey yet" testId="no-journey">Pick a region in the region browser and choose “Travel here”.</EmptyState>;
  return (
    <div className="form" data-testid="journey" data-journey-state={journey.state}>
      <p>
        {enumLabel(journey.intent)} from <strong>{journey.origin.displayName}</strong> to <strong>{journey.destination.displayName}</strong>:{' '}
        <span className={`badge badge--${journey.state === 'ARRIVED' ? 'active' : OPEN.has(journey.state) ? 'pending' : 'failed'}`} data-testid="journey-state">
          {enumLabel(journey.state)}
        </span>
        {seconds !== null && (
          <span className="muted" data-testid="journey-eta">
            {' '}
            · next waypoint in {seconds} s
          </span>
        )}
      </p>
      {journey.reasonCode && (
        <p className="error-banner" role="alert" data-testid="journey-reason" data-error-code={journey.reasonCode}>
          {describeCode(journey.reasonCode, journey.reason ?? undefined)}
        </p>
      )}
      <p className="muted">
        Now at {journey.position.region.displayName}, sector {journey.position.sectorNumber}
        {journey.fee > 0 ? ` · entry fee ${journey.fee} credits (held until arrival)` : ''}
      </p>
      <ol className="conditions" aria-label="Legs">
        {journey.legs.map((l) => (
          <li key={l.index} data-testid="journey-leg" data-leg-state={l.state}>
            <span className={`conditions__icon conditions__icon--${l.state === 'DONE' ? 'true' : l.state === 'ABORTED' ? 'false' : 'unknown'}`} aria-hidden="true">
              {l.state === 'DONE' ? '✓' : l.state === 'ABORTED' ? '✕' : '…'}
            </span>
            <span>
              <strong>{enumLabel(l.kind)}</strong>
              <span className="table__sub">
                {l.from.region.displayName} {l.from.sectorNumber} → {l.to.region.displayName} {l.to.sectorNumber}
              </span>
            </span>
            <span className="muted">{l.state === 'IN_TRANSIT' && l.etaAt ? `ETA ${l.etaAt.slice(11, 19)}` : enumLabel(l.state)}</span>
          </li>
        ))}
      </ol>
      {failure && <FormError code={failure.code} message={failure.message} />}
      {OPEN.has(journey.state) && (
        <div className="form-actions">
          <button type="button" className="button" disabled={fetching} onClick={() => void cancel({ journeyId: journey.id }).then((r) => setFailure(r.error ? describeMutationError(r.error) : null))}>
            Cancel journey
          </button>
        </div>
      )}
    </div>
  );
}
