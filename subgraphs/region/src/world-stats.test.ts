import { describe, expect, it } from 'vitest';
import { fetchWorldStats, parseWorldStats } from './world-stats.ts';

const stats = { sectors: 500, clusters: 10, ports: 40, planets: 80, warps: 1200, playersOnline: 3 };

describe('parseWorldStats', () => {
  it('accepts a complete body and drops extra keys', () => {
    expect(parseWorldStats({ ...stats, extra: true })).toEqual(stats);
  });
  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['a missing counter', { ...stats, warps: undefined }],
    ['a negative counter', { ...stats, ports: -1 }],
    ['a fractional counter', { ...stats, sectors: 1.5 }],
    ['a string counter', { ...stats, planets: '80' }],
  ])('rejects %s', (_label, body) => expect(parseWorldStats(body)).toBeNull());
});

describe('fetchWorldStats', () => {
  it('answers null without calling anything when the region has no endpoint', async () => {
    expect(await fetchWorldStats(null, 1000, 'r1')).toBeNull();
    expect(await fetchWorldStats('', 1000, 'r1')).toBeNull();
  });
});
