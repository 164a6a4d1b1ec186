'use client';

import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import type { GovernorRegionFragment } from '../../graphql/generated/graphql';
import { GovernorByIdQuery, GovernorEventsSubscription } from '../../graphql/operations/governor';
import { TravelFeedSubscription } from '../../graphql/operations/travel';
import { coalescedReread } from '../../graphql/live/coalesced-reread';
import { useLiveConnection } from '../../graphql/client';

/** At most one re-read per this long, however many events arrive (a busy Nexus warp sends many). */
export const LIVE_REGION_MIN_GAP_MS = 1_000;

/**
 * The region as the Overview shows it, kept live: every event of the region's travel feed (arrivals, departures...) or
 * governance feed (policies, elections, treaties) re-reads it from the gateway, coalesced to one read per
 * LIVE_REGION_MIN_GAP_MS, and a reconnect re-reads too. Two feeds feed one snapshot, which is why this is not a
 * useLiveSnapshot (one subscription per snapshot). Counts are always the server's (the events only say that something
 * changed), so a dropped event costs nothing more than the next one's re-read.
 */
export function useLiveRegion(initial: GovernorRegionFragment): GovernorRegionFragment {
  const client = useClient();
  const { onReconnect } = useLiveConnection();
  const [region, setRegion] = useState(initial);

  useEffect(() => {
    let stopped = false;
    const reads = coalescedReread(() => {
      void client
        .query(GovernorByIdQuery, { id: initial.id }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((r) => {
          if (!stopped && r.data?.region) setRegion(r.data.region);
        });
    }, LIVE_REGION_MIN_GAP_MS);
    const feeds = [
      client.subscription(TravelFeedSubscription, { regionId: initial.id }).subscribe((r) => r.data && reads.changed()),
      client.subscription(GovernorEventsSubscription, { regionId: initial.id }).subscribe((r) => r.data && reads.changed()),
    ];
    // Events sent while the socket was down are gone: a reconnect re-reads, as useLiveSnapshot views do.
    const stopReconnect = onReconnect(() => reads.changed());
    return () => {
      stopped = true;
      reads.stop();
      stopReconnect();
      for (const f of feeds) f.unsubscribe();
    };
  }, [client, onReconnect, initial.id]);

  return region;
}
