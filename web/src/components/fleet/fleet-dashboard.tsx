'use client';

import { useEffect, useMemo, useState } from 'react';
import { useClient } from 'urql';
import { FleetQuery } from '../../graphql/operations/runtime';
import type { FleetQuery as FleetData } from '../../graphql/generated/graphql';
import { CapacityCard } from './capacity-card';
import { FleetRegionsTable } from './fleet-regions-table';
import { MetricsCharts, type MetricsOutcome } from './metrics-charts';
import { SubscriptionsCard } from './subscriptions-card';

type Fleet = FleetData['fleet'];
/** Usage and billing are re-read this often; runtime state changes arrive live per row. */
const POLL_MS = 10_000;

/**
 * The fleet page body: starts from the server snapshot and keeps polling the fleet while the tab is visible. The
 * CPU / memory charts read the platform's Prometheus (MetricsCharts), not the autoscaler's short in-memory samples.
 */
export function FleetDashboard({ initial, metrics }: { initial: Fleet; metrics: MetricsOutcome }) {
  const client = useClient();
  const [fleet, setFleet] = useState(initial);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      void client
        .query(FleetQuery, {}, { requestPolicy: 'network-only' })
        .toPromise()
        .then((r) => {
          if (r.data) setFleet(r.data.fleet);
        });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [client]);

  const names = useMemo(() => new Map(fleet.regions.map((r) => [r.regionId, r.region.displayName])), [fleet.regions]);

  return (
    <>
      <CapacityCard fleet={fleet} />
      <FleetRegionsTable regions={fleet.regions} />
      <MetricsCharts initial={metrics} names={names} testIdPrefix="fleet" />
      <SubscriptionsCard billing={fleet.billing} />
    </>
  );
}
