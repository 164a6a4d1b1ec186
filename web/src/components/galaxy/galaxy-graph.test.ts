import { describe, expect, it } from 'vitest';
import { buildGalaxyGraph, isRegionLive, type MapCluster, type MapRegion } from './galaxy-graph';

const clusters: MapCluster[] = Array.from({ length: 20 }, (_, i) => ({
  clusterNumber: i + 1,
  name: `C${i + 1}`,
  clusterType: 'STANDARD',
  gridX: i % 5,
  gridY: Math.floor(i / 5),
}));
const region = (id: string, regionType: MapRegion['regionType'], runtimeState: MapRegion['runtimeState']): MapRegion => ({
  id,
  name: id,
  displayName: id.toUpperCase(),
  regionType,
  runtimeState,
});

describe('buildGalaxyGraph', () => {
  it('draws the 20 clusters with their 31 grid links and one spoke per non-Nexus region to the capital cluster', () => {
    const { nodes, edges } = buildGalaxyGraph(clusters, [
      region('nexus', 'CENTRAL_NEXUS', null),
      region('terran', 'TERRAN_SPACE', null),
      region('mine', 'PLAYER_OWNED', 'READY'),
    ]);
    expect(nodes.filter((n) => n.kind === 'cluster')).toHaveLength(20);
    expect(nodes.filter((n) => n.kind === 'region').map((n) => n.key)).toEqual(['region-terran', 'region-mine']);
    // 5 × 4 grid: 4·4 horizontal + 5·3 vertical neighbours.
    expect(edges.filter((e) => e.key.startsWith('grid-'))).toHaveLength(31);
    expect(edges.filter((e) => e.key.startsWith('spoke-')).map((e) => e.target)).toEqual(['cluster-10', 'cluster-10']);
  });

  it('marks a player region pending until its runtime is READY', () => {
    const { nodes } = buildGalaxyGraph(clusters, [region('new', 'PLAYER_OWNED', 'PROVISIONING')]);
    expect(nodes.find((n) => n.key === 'region-new')?.live).toBe(false);
  });

  it('places every node at a distinct position', () => {
    const { nodes } = buildGalaxyGraph(clusters, [region('a', 'PLAYER_OWNED', 'READY'), region('b', 'TERRAN_SPACE', null)]);
    expect(new Set(nodes.map((n) => `${n.x.toFixed(3)},${n.y.toFixed(3)}`)).size).toBe(nodes.length);
  });
});

describe('isRegionLive', () => {
  it.each([
    ['TERRAN_SPACE', null, true],
    ['PLAYER_OWNED', 'READY', true],
    ['PLAYER_OWNED', 'REQUESTED', false],
    ['PLAYER_OWNED', null, false],
  ] as const)('%s / %s -> %s', (type, state, expected) => {
    expect(isRegionLive(region('x', type, state))).toBe(expected);
  });
});
