import { describe, expect, it } from 'vitest';
import { travelFee } from './travel-fee.ts';

describe('travelFee', () => {
  it.each([
    ['no fee set', { visitorEntryFee: 0, effectiveTariff: 0.25, exempt: false, tariffWaived: false }, 0],
    ['fee plus tariff', { visitorEntryFee: 200, effectiveTariff: 0.15, exempt: false, tariffWaived: false }, 230],
    ['tariff rounds half up', { visitorEntryFee: 10, effectiveTariff: 0.05, exempt: false, tariffWaived: false }, 11],
    ['trade agreement waives the tariff', { visitorEntryFee: 200, effectiveTariff: 0.15, exempt: false, tariffWaived: true }, 200],
    ['members and the owner are exempt', { visitorEntryFee: 200, effectiveTariff: 0.15, exempt: true, tariffWaived: false }, 0],
  ])('%s', (_l, input, total) => expect(travelFee(input).total).toBe(total));
});
