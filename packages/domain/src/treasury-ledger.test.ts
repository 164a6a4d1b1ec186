import { describe, expect, it } from 'vitest';
import { reconcileTreasury, treasuryMove } from './treasury-ledger.ts';

describe('treasury', () => {
  it.each([
    [100, 50, { before: 100, delta: 50, after: 150 }],
    [100, -30, { before: 100, delta: -30, after: 70 }],
    [100, -500, { before: 100, delta: -100, after: 0 }],
    [0, -1, null],
    [10, 0, null],
  ])('balance %i, requested %i', (balance, requested, expected) => {
    expect(treasuryMove(balance, requested)).toEqual(expected);
  });
  it('reconciliation reports drift and never repairs', () => {
    expect(reconcileTreasury(700, 700)).toEqual({ ok: true, drift: 0 });
    expect(reconcileTreasury(750, 700)).toEqual({ ok: false, drift: 50 });
  });
});
