import type { ClusterType, RuntimeState } from '../../graphql/generated/graphql';

/** A cluster as the map needs it. */
export interface MapCluster {
  clusterNumber: number;
  name: string;
  clusterType: ClusterType;
  gridX: number;
  gridY: number;
}

/** A region as the map needs it; `live` = its stack is READY (platform regions always are). */
export interface MapRegion {
  id: string;
  name: string;
  displayName: string;
  regionType: 'CENTRAL_NEXUS' | 'TERRAN_SPACE' | 'PLAYER_OWNED';
  runtimeState: RuntimeState | null;
}

export interface MapNode {
  key: string;
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  kind: 'cluster' | 'region';
  live: boolean;
}

export interface MapEdge {
  key: string;
  source: string;
  target: string;
  color: string;
  size: number;
}

export const CLUSTER_COLORS: Record<ClusterType, string> = {
  STANDARD: '#8bb8ff',
  TRADE_HUB: '#ffd866',
  POPULATION_CENTER: '#5ee38f',
  RESOURCE_RICH: '#ff9f5a',
  FRONTIER_OUTPOST: '#c792ea',
  MILITARY_ZONE: '#ff8a8a',
  CONTESTED: '#ff5c8a',
  SPECIAL_INTEREST: '#7fdbca',
};

export const REGION_COLOR_LIVE = '#e3eaff';
export const REGION_COLOR_PENDING = '#6b7699';
/** The capital cluster (Gateway Plaza) every region's spoke tunnel lands in. */
export const CAPITAL_CLUSTER = 10;

/** True when a region is reachable: platform regions always, player regions once their runtime is READY. */
export function isRegionLive(r: MapRegion): boolean {
  return r.regionType !== 'PLAYER_OWNED' || r.runtimeState === 'READY';
}

/**
 * Lays the galaxy out as a hub and spokes: the 20 Nexus clusters on their 5 × 4 grid (neighbours linked) in the
 * middle, and every other region on a ring around it with one spoke to the capital cluster, where its tunnel lands.
 * Pure, so the layout is testable without a canvas.
 */
export function buildGalaxyGraph(clusters: MapCluster[], regions: MapRegion[], capitalCluster = CAPITAL_CLUSTER): { nodes: MapNode[]; edges: MapEdge[] } {
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  const byGrid = new Map<string, MapCluster>();
  for (const c of clusters) {
    byGrid.set(`${c.gridX},${c.gridY}`, c);
    nodes.push({
      key: `cluster-${c.clusterNumber}`,
      label: `${c.clusterNumber}. ${c.name}`,
      x: (c.gridX - 2) * 2,
      y: (1.5 - c.gridY) * 2,
      size: c.clusterNumber === capitalCluster ? 12 : 8,
      color: CLUSTER_COLORS[c.clusterType],
      kind: 'cluster',
      live: true,
    });
  }
  for (const c of clusters) {
    for (const [dx, dy] of [[1, 0], [0, 1]] as const) {
      const n = byGrid.get(`${c.gridX + dx},${c.gridY + dy}`);
      if (n) edges.push({ key: `grid-${c.clusterNumber}-${n.clusterNumber}`, source: `cluster-${c.clusterNumber}`, target: `cluster-${n.clusterNumber}`, color: '#2a3a63', size: 1 });
    }
  }
  const hub = clusters.some((c) => c.clusterNumber === capitalCluster) ? `cluster-${capitalCluster}` : null;
  const spokes = regions.filter((r) => r.regionType !== 'CENTRAL_NEXUS');
  spokes.forEach((r, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, spokes.length) - Math.PI / 2;
    const live = isRegionLive(r);
    const key = `region-${r.id}`;
    nodes.push({ key, label: r.displayName, x: Math.cos(angle) * 9, y: Math.sin(angle) * 7, size: 7, color: live ? REGION_COLOR_LIVE : REGION_COLOR_PENDING, kind: 'region', live });
    if (hub) edges.push({ key: `spoke-${r.id}`, source: key, target: hub, color: live ? '#5d7bc4' : '#3a4466', size: live ? 2 : 1 });
  });
  return { nodes, edges };
}
