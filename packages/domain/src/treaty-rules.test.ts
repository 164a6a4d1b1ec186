import { describe, expect, it } from 'vitest';
import { TREATY_STATUSES } from './vocabulary.ts';
import { treatyExpired, treatySide, treatySideMay, treatyTransition, type TreatyAction } from './treaty-rules.ts';

describe('treaty rules', () => {
  const allowed: Record<TreatyAction, [string, string]> = {
    accept: ['proposed', 'active'], reject: ['proposed', 'rejected'], terminate: ['active', 'terminated'], expire: ['active', 'expired'],
  };
  it.each(TREATY_STATUSES.flatMap((s) => (['accept', 'reject', 'terminate', 'expire'] as const).map((a) => [s, a] as const)))('%s + %s', (status, action) => {
    const [from, to] = allowed[action];
    expect(treatyTransition(status, action)).toBe(status === from ? to : null);
  });
  it.each([
    ['a', 'accept', false], ['b', 'accept', true], ['a', 'reject', false], ['b', 'reject', true],
    ['a', 'terminate', true], ['b', 'terminate', true], [null, 'terminate', false], ['a', 'expire', false],
  ] as const)('side %s may %s: %s', (side, action, expected) => {
    expect(treatySideMay(side, action)).toBe(expected);
  });
  it('sides and expiry', () => {
    const t = { regionAId: 'A', regionBId: 'B' };
    expect([treatySide(t, 'A'), treatySide(t, 'B'), treatySide(t, 'C')]).toEqual(['a', 'b', null]);
    expect(treatyExpired({ status: 'active', expiresAt: new Date(5) }, new Date(5))).toBe(true);
    expect(treatyExpired({ status: 'active', expiresAt: null }, new Date(5))).toBe(false);
    expect(treatyExpired({ status: 'proposed', expiresAt: new Date(1) }, new Date(5))).toBe(false);
  });
});
