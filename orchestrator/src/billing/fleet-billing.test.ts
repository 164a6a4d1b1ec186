import { describe, expect, it } from 'vitest';
import { estimateMonthlyRevenue } from './fleet-billing.ts';

describe('estimateMonthlyRevenue', () => {
  it('prices each active subscription at its plan list price', () => {
    const r = estimateMonthlyRevenue({ regional_owner: 3, galactic_citizen: 4 });
    expect(r.totalCents).toBe(3 * 2500 + 4 * 500);
    expect(r.plans).toEqual([
      { plan: 'regional_owner', active: 3, monthlyCents: 7500 },
      { plan: 'galactic_citizen', active: 4, monthlyCents: 2000 },
    ]);
  });

  it('lists every plan with zero when nothing is active', () => {
    expect(estimateMonthlyRevenue({})).toEqual({
      totalCents: 0,
      plans: [
        { plan: 'regional_owner', active: 0, monthlyCents: 0 },
        { plan: 'galactic_citizen', active: 0, monthlyCents: 0 },
      ],
    });
  });
});
