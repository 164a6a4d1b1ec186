import { describe, expect, it } from 'vitest';
import { parseCandidates } from './election-candidates.ts';

describe('parseCandidates', () => {
  it('reads objects and bare ids in registration order', () => {
    expect(parseCandidates([{ player_id: 'a', platform: 'lower taxes' }, 'b', { playerId: 'c' }])).toEqual([
      { playerId: 'a', platform: 'lower taxes' },
      { playerId: 'b', platform: null },
      { playerId: 'c', platform: null },
    ]);
  });
  it('drops malformed entries and later duplicates', () => {
    expect(parseCandidates([42, null, { platform: 'x' }, '', 'a', { player_id: 'a', platform: 'again' }])).toEqual([
      { playerId: 'a', platform: null },
    ]);
  });
  it('answers [] for a non-list', () => {
    expect(parseCandidates({ player_id: 'a' })).toEqual([]);
    expect(parseCandidates(null)).toEqual([]);
  });
});
