'use client';

import { Link } from '../ui/link';
import { useCallback, useMemo } from 'react';
import { useClient } from 'urql';
import { GalaxyChangedSubscription, GalaxyMapQuery } from '../../graphql/operations/regions';
import type { GalaxyMapQuery as GalaxyMapData } from '../../graphql/generated/graphql';
import { buildGalaxyGraph, CLUSTER_COLORS, isRegionLive, REGION_COLOR_LIVE, REGION_COLOR_PENDING, type MapRegion } from './galaxy-graph';
import { GalaxyMap } from './galaxy-map';
import { useLiveSnapshot } from '../../graphql/live/use-live-snapshot';
import { enumLabel } from '../../graphql/reshape';

/**
 * The map re-reads the registry on every galaxy change (Subscription.galaxyChanged), at most once per
 * CHANGE_MIN_GAP_MS; a reconnect re-reads at once, and the slow re-read every RESYNC_MS repairs what a lost event missed.
 */
const CHANGE_MIN_GAP_MS = 1_000;
const RESYNC_MS = 60_000;

function toMapRegions(data: GalaxyMapData): MapRegion[] {
  return data.regions.map((r) => ({ id: r.id, name: r.name, displayName: r.displayName, regionType: r.regionType, runtimeState: r.runtime?.state ?? null }));
}

/**
 * The galaxy overview: the map and, for keyboards and screen readers, the same regions as a list of links. Starts
 * from the server-rendered snapshot and follows Subscription.galaxyChanged, so a newly provisioned region appears
 * (and turns live when READY) without a reload.
 */
export function GalaxyOverview({ initial }: { initial: GalaxyMapData }) {
  const client = useClient();
  const refetch = useCallback(async () => (await client.query(GalaxyMapQuery, {}, { requestPolicy: 'network-only' }).toPromise()).data ?? null, [client]);
  // The event says only that something changed (apply → null: re-read), coalesced; reconnects re-read too.
  const { data } = useLiveSnapshot({
    initial,
    refetch,
    subscription: GalaxyChangedSubscription,
    variables: {},
    apply: () => null,
    mode: 'latest',
    minRereadGapMs: CHANGE_MIN_GAP_MS,
    resyncEveryMs: RESYNC_MS,
  });

  const regions = useMemo(() => toMapRegions(data), [data]);
  const graph = useMemo(() => buildGalaxyGraph(data.clusters, regions), [data.clusters, regions]);
  const spokes = regions.filter((r) => r.regionType !== 'CENTRAL_NEXUS');
  const summary = `Galaxy map: the Central Nexus's ${data.clusters.length} clusters and ${spokes.length} attached regions.`;

  return (
    <section className="card" aria-labelledby="galaxy-heading">
      <header className="card__header">
        <h2 id="galaxy-heading">Galaxy map</h2>
        <span className="muted" data-testid="galaxy-counts">
          {data.clusters.length} clusters · {spokes.length} regions
        </span>
      </header>
      <GalaxyMap nodes={graph.nodes} edges={graph.edges} summary={summary} />
      <ul className="galaxy-legend" aria-label="Legend">
        {Object.entries(CLUSTER_COLORS)
          .filter(([type]) => data.clusters.some((c) => c.clusterType === type))
          .map(([type, color]) => (
            <li key={type}>
              <span style={{ background: color }} aria-hidden="true" />
              {enumLabel(type)} cluster
            </li>
          ))}
        <li>
          <span style={{ background: REGION_COLOR_LIVE }} aria-hidden="true" />
          Region (live)
        </li>
        <li>
          <span style={{ background: REGION_COLOR_PENDING }} aria-hidden="true" />
          Region (being provisioned)
        </li>
      </ul>
      <h3 className="visually-hidden">Regions attached to the Nexus</h3>
      <ul className="row" data-testid="galaxy-region-list" style={{ listStyle: 'none', padding: 0, margin: '0.75rem 0 0' }}>
        {spokes.map((r) => (
          <li key={r.id} data-testid="galaxy-region" data-region-name={r.name} data-region-live={isRegionLive(r) ? 'true' : 'false'}>
            <Link href={`/regions/${r.name}`}>{r.displayName}</Link>{' '}
            <span className="muted">{isRegionLive(r) ? '' : `(${enumLabel(r.runtimeState ?? 'REQUESTED')})`}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
