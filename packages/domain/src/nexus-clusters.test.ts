import { describe, expect, it } from 'vitest';
import {
  CLUSTER_TYPE_TRAITS,
  CLUSTER_TYPES,
  NEXUS_CAPITAL_CLUSTER_NUMBER,
  NEXUS_CAPITAL_SECTOR_NUMBER,
  NEXUS_CLUSTERS,
  NEXUS_SECTORS,
  nexusCluster,
  nexusClusterOfSector,
} from './index.ts';

describe('NEXUS_CLUSTERS', () => {
  it('has 20 clusters of 250 covering 1..5000 without gaps', () => {
    expect(NEXUS_CLUSTERS).toHaveLength(20);
    let next = 1;
    for (const c of NEXUS_CLUSTERS) {
      expect(c.sectorStart).toBe(next);
      expect(c.sectorEnd - c.sectorStart + 1).toBe(250);
      next = c.sectorEnd + 1;
    }
    expect(next - 1).toBe(NEXUS_SECTORS);
  });

  it('uses the ratified 4/2/6/5/3 mix and no other types', () => {
    const counts: Record<string, number> = {};
    for (const c of NEXUS_CLUSTERS) counts[c.clusterType] = (counts[c.clusterType] ?? 0) + 1;
    expect(counts).toEqual({ TRADE_HUB: 4, POPULATION_CENTER: 2, STANDARD: 6, FRONTIER_OUTPOST: 5, RESOURCE_RICH: 3 });
  });

  it('places clusters on the 5x4 grid in row-major order with unique names', () => {
    const seen = new Set<string>();
    for (const c of NEXUS_CLUSTERS) {
      expect(c.gridX).toBe((c.clusterNumber - 1) % 5);
      expect(c.gridY).toBe(Math.floor((c.clusterNumber - 1) / 5));
      seen.add(`${c.gridX},${c.gridY}`);
    }
    expect(seen.size).toBe(20);
    expect(new Set(NEXUS_CLUSTERS.map((c) => c.name)).size).toBe(20);
    expect(nexusCluster(20)).toMatchObject({ name: 'Frontier Gateway', gridX: 4, gridY: 3, sectorStart: 4751 });
    expect(nexusCluster(4)).toMatchObject({ name: 'Prospect Belt', clusterType: 'RESOURCE_RICH', sectorStart: 751, sectorEnd: 1000 });
  });

  it('anchors the capital 2251 in Gateway Plaza, which is neither frontier nor resource-rich', () => {
    const plaza = nexusCluster(NEXUS_CAPITAL_CLUSTER_NUMBER)!;
    expect(plaza.name).toBe('Gateway Plaza');
    expect(plaza.sectorStart).toBe(NEXUS_CAPITAL_SECTOR_NUMBER);
    expect(plaza.sectorEnd).toBe(2500);
    expect(['FRONTIER_OUTPOST', 'RESOURCE_RICH']).not.toContain(plaza.clusterType);
    expect(nexusCluster(1)).toMatchObject({ name: 'Commerce Central Hub', clusterType: 'TRADE_HUB' });
    expect(nexusClusterOfSector(2251)?.clusterNumber).toBe(10);
    expect(nexusClusterOfSector(2250)?.clusterNumber).toBe(9);
    expect(nexusClusterOfSector(5000)?.clusterNumber).toBe(20);
    expect(nexusClusterOfSector(0)).toBeUndefined();
    expect(nexusClusterOfSector(5001)).toBeUndefined();
  });
});

describe('CLUSTER_TYPE_TRAITS', () => {
  it('covers all 8 types with hazard = 10 - security and the documented security levels', () => {
    expect(Object.keys(CLUSTER_TYPE_TRAITS).sort()).toEqual([...CLUSTER_TYPES].sort());
    const security = Object.fromEntries(CLUSTER_TYPES.map((t) => [t, CLUSTER_TYPE_TRAITS[t].securityLevel]));
    expect(security).toEqual({
      STANDARD: 5, RESOURCE_RICH: 5, POPULATION_CENTER: 7, TRADE_HUB: 7,
      MILITARY_ZONE: 8, FRONTIER_OUTPOST: 3, CONTESTED: 3, SPECIAL_INTEREST: 4,
    });
    for (const t of CLUSTER_TYPES) expect(CLUSTER_TYPE_TRAITS[t].hazardLevel).toBe(10 - CLUSTER_TYPE_TRAITS[t].securityLevel);
  });

  it('carries the resource-rich and frontier biases', () => {
    expect(CLUSTER_TYPE_TRAITS.RESOURCE_RICH.asteroidYieldMultiplier).toBe(1.5);
    expect(CLUSTER_TYPE_TRAITS.FRONTIER_OUTPOST).toMatchObject({
      portDensityMultiplier: 0.5, nebulaShare: 0.15, blackMarketShare: 0.04, lawless: true,
    });
    expect(CLUSTER_TYPE_TRAITS.CONTESTED.lawless).toBe(true);
    expect(CLUSTER_TYPES.filter((t) => CLUSTER_TYPE_TRAITS[t].hostsTradeDocks)).toEqual(['TRADE_HUB']);
  });
});
