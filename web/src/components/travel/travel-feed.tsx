'use client';

import { useCallback } from 'react';
import { useClient } from 'urql';
import { TravelFeedHistoryQuery, TravelFeedSubscription } from '../../graphql/operations/travel';
import type { TravelEventFieldsFragment } from '../../graphql/generated/graphql';
import { useLiveSnapshot } from '../../graphql/live/use-live-snapshot';
import { enumLabel } from '../../graphql/reshape';
import { describeCode } from '../../graphql/error-messages';
import { EmptyState } from '../ui/states';
import { appendFeedEvent, KEEP } from './feed-events';

/**
 * A region's arrivals and departures, live (fifo): the history first, then each event as it happens; a skipped
 * feed sequence number or a reconnect re-reads the history, so nothing is silently missing.
 */
export function TravelFeed({ regionId, initial }: { regionId: string; initial: TravelEventFieldsFragment[] }) {
  const client = useClient();
  const refetch = useCallback(async () => {
    const r = await client.query(TravelFeedHistoryQuery, { regionId, afterSeq: 0, first: 200 }, { requestPolicy: 'network-only' }).toPromise();
    return r.data ? r.data.travelFeedHistory.slice(-KEEP) : null;
  }, [client, regionId]);
  const { data } = useLiveSnapshot({
    initial,
    refetch,
    subscription: TravelFeedSubscription,
    variables: { regionId },
    apply: (events, e) => appendFeedEvent(events, e.travelFeed),
    mode: 'fifo',
  });
  if (data.length === 0) return <EmptyState title="No arrivals or departures yet" testId="travel-feed-empty" />;
  return (
    <ol className="conditions" aria-live="polite" data-testid="travel-feed">
      {[...data].reverse().map((e) => (
        <li key={e.seq} data-testid="feed-event" data-kind={e.kind} data-traveller={e.journey.traveller.name} style={{ gridTemplateColumns: 'auto 1fr auto' }}>
          <span className={`badge badge--${e.kind === 'ARRIVED' ? 'active' : e.kind === 'REFUSED' || e.kind === 'DIVERTED' ? 'failed' : 'pending'}`}>{enumLabel(e.kind)}</span>
          <span>
            <strong>{e.journey.traveller.name}</strong> {e.journey.origin.displayName} → {e.journey.destination.displayName}
            {e.reasonCode && <span className="table__sub">{describeCode(e.reasonCode)}</span>}
          </span>
          <span className="muted">{e.at.slice(11, 19)}</span>
        </li>
      ))}
    </ol>
  );
}
