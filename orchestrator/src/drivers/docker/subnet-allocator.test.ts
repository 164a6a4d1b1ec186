import { describe, expect, it } from 'vitest';
import { pickRegionSubnetIndex, regionSubnet, usedRegionSubnetIndexes } from './subnet-allocator.ts';

describe('region subnet allocation', () => {
  it('maps an index to 172.22.x.0/24 with its gateway', () => {
    expect(regionSubnet(7)).toEqual({ subnet: '172.22.7.0/24', gateway: '172.22.7.1' });
  });

  it('finds the indexes that engine networks already cover', () => {
    const used = usedRegionSubnetIndexes(['172.17.0.0/16', '172.22.3.0/24', '172.22.9.128/25', 'fd00::/64', 'garbage']);
    expect([...used].sort((a, b) => a - b)).toEqual([3, 9]);
    expect(usedRegionSubnetIndexes(['172.22.0.0/16']).size).toBe(256);
    expect(usedRegionSubnetIndexes(['172.0.0.0/8']).size).toBe(256);
  });

  it('is deterministic for a region and skips used indexes', () => {
    const id = '6f1c2a34-0000-4000-8000-000000000001';
    const first = pickRegionSubnetIndex(id, new Set());
    expect(first).not.toBeNull();
    expect(pickRegionSubnetIndex(id, new Set())).toBe(first);
    const next = pickRegionSubnetIndex(id, new Set([first!]));
    expect(next).toBe((first! + 1) % 256);
  });

  it('answers null when every index is taken', () => {
    expect(pickRegionSubnetIndex('x', new Set(Array.from({ length: 256 }, (_, i) => i)))).toBeNull();
  });
});
