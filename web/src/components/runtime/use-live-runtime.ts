'use client';

import { useCallback } from 'react';
import { useClient } from 'urql';
import { RegionRuntimeChangedSubscription, RegionRuntimeQuery } from '../../graphql/operations/runtime';
import type { RuntimeFieldsFragment } from '../../graphql/generated/graphql';
import { useLiveSnapshot } from '../../graphql/live/use-live-snapshot';

export interface LiveRuntime {
  data: RuntimeFieldsFragment;
  /** Runtime events received live since the view opened, newest first. */
  events: number;
}

/**
 * A region's runtime kept current by `regionRuntimeChanged` (every event carries the whole runtime, so applying one
 * is replacing the snapshot); re-read with `regionRuntime` after a dropped socket or a gap.
 */
export function useLiveRuntime(initial: RuntimeFieldsFragment, opts: { resyncEveryMs?: number } = {}): LiveRuntime {
  const client = useClient();
  const refetch = useCallback(async () => {
    const r = await client.query(RegionRuntimeQuery, { regionId: initial.regionId }, { requestPolicy: 'network-only' }).toPromise();
    return r.data?.regionRuntime ?? null;
  }, [client, initial.regionId]);
  const live = useLiveSnapshot({
    initial,
    refetch,
    subscription: RegionRuntimeChangedSubscription,
    variables: { regionId: initial.regionId },
    apply: (_current, event) => event.regionRuntimeChanged.runtime,
    mode: 'fifo',
    ...(opts.resyncEveryMs !== undefined ? { resyncEveryMs: opts.resyncEveryMs } : {}),
  });
  return { data: live.data, events: live.events };
}
