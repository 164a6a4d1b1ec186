import { describe, expect, it } from 'vitest';
import { treatyEffectsBetween, type TreatyRowLike } from './treaty-effects.ts';

const now = new Date('2102-05-01T00:00:00Z');
const row = (o: Partial<TreatyRowLike>): TreatyRowLike => ({ regionAId: 'D', regionBId: 'H', treatyType: 'trade_agreement', status: 'active', expiresAt: null, ...o });

describe('treatyEffectsBetween (resident of H entering D)', () => {
  it.each([
    ['trade agreement proposed by D', [row({})], { tariffWaived: true, openBorders: false }],
    ['trade agreement proposed by H (symmetric)', [row({ regionAId: 'H', regionBId: 'D' })], { tariffWaived: true, openBorders: false }],
    ['open borders', [row({ treatyType: 'open_borders' })], { tariffWaived: false, openBorders: true }],
    ['both', [row({}), row({ treatyType: 'open_borders' })], { tariffWaived: true, openBorders: true }],
    ['only proposed', [row({ status: 'proposed' })], { tariffWaived: false, openBorders: false }],
    ['terminated', [row({ status: 'terminated' })], { tariffWaived: false, openBorders: false }],
    ['expired by date', [row({ expiresAt: new Date('2102-04-30T00:00:00Z') })], { tariffWaived: false, openBorders: false }],
    ['not yet expired', [row({ expiresAt: new Date('2102-05-02T00:00:00Z') })], { tariffWaived: true, openBorders: false }],
    ['another pair', [row({ regionBId: 'X' })], { tariffWaived: false, openBorders: false }],
    ['defense pact has no travel effect', [row({ treatyType: 'defense_pact' })], { tariffWaived: false, openBorders: false }],
  ])('%s', (_l, rows, expected) => expect(treatyEffectsBetween(rows, 'D', 'H', now)).toEqual(expected));

  it('has no effect without a home region or at home', () => {
    expect(treatyEffectsBetween([row({})], 'D', null, now)).toEqual({ tariffWaived: false, openBorders: false });
    expect(treatyEffectsBetween([row({ regionAId: 'D', regionBId: 'D' })], 'D', 'D', now)).toEqual({ tariffWaived: false, openBorders: false });
  });
});
