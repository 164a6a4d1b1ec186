'use client';

import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import type { GovernorRegionFragment } from '../../graphql/generated/graphql';
import { GovernorByIdQuery, GovernorEventsSubscription } from '../../graphql/operations/governor';
import { TravelFeedSubscription } from '../../graphql/operations/travel';

/** At most one re-read per this long, however many events arrive (a busy Nexus warp sends many). */
export const LIVE_REGION_MIN_GAP_MS = 1_000;

/**
 * The region as the Overview shows it, kept live: every event of the region's travel feed (arrivals, departures...) or
 * governance feed (policies, elections, treaties) re-reads it from the gateway, coalesced to one read per
 * LIVE_REGION_MIN_GAP_MS. Counts are always the server's (the events only say that something changed), so a dropped
 * event costs nothing more than the next one's re-read.
 */
export function useLiveRegion(initial: GovernorRegionFragment): GovernorRegionFragment {
  const client = useClient();
  const [region, setRegion] = useState(initial);
  const state = useRef({ timer: undefined as ReturnType<typeof setTimeout> | undefined, last: 0, stopped: false });

  useEffect(() => {
    const s = state.current;
    s.stopped = false;
    const read = async () => {
      s.timer = undefined;
      s.last = Date.now();
      const r = await client.query(GovernorByIdQuery, { id: initial.id }, { requestPolicy: 'network-only' }).toPromise();
      if (!s.stopped && r.data?.region) setRegion(r.data.region);
    };
    const changed = () => {
      if (s.timer !== undefined) return;
      s.timer = setTimeout(() => void read(), Math.max(0, s.last + LIVE_REGION_MIN_GAP_MS - Date.now()));
    };
    const feeds = [
      client.subscription(TravelFeedSubscription, { regionId: initial.id }).subscribe((r) => r.data && changed()),
      client.subscription(GovernorEventsSubscription, { regionId: initial.id }).subscribe((r) => r.data && changed()),
    ];
    return () => {
      s.stopped = true;
      if (s.timer !== undefined) clearTimeout(s.timer);
      s.timer = undefined;
      for (const f of feeds) f.unsubscribe();
    };
  }, [client, initial.id]);

  return region;
}
