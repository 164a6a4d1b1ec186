import { describe, expect, it } from 'vitest';
import { legTransitMs, planJourney, type JourneyEnds } from './journey-plan.ts';

const nexus = { regionId: 'N', capitalSector: 2251 };
const base: JourneyEnds = {
  origin: { regionId: 'A', sectorNumber: 12, isNexus: false, spokeSector: 480 },
  destination: { regionId: 'B', isNexus: false, landingSector: 700 },
  nexus,
};
const kinds = (j: JourneyEnds) => {
  const p = planJourney(j);
  return p.ok ? p.legs.map((l) => `${l.kind}:${l.from.regionId}${l.from.sectorNumber}>${l.to.regionId}${l.to.sectorNumber}`) : p.problem;
};

describe('planJourney', () => {
  it.each([
    ['spoke to spoke', base, ['to_spoke:A12>A480', 'spoke_to_nexus:A480>N2251', 'nexus_to_spoke:N2251>B700']],
    ['already at the spoke', { ...base, origin: { ...base.origin, sectorNumber: 480 } }, ['spoke_to_nexus:A480>N2251', 'nexus_to_spoke:N2251>B700']],
    ['from the Nexus capital', { ...base, origin: { regionId: 'N', sectorNumber: 2251, isNexus: true, spokeSector: null } }, ['nexus_to_spoke:N2251>B700']],
    ['from elsewhere in the Nexus', { ...base, origin: { regionId: 'N', sectorNumber: 17, isNexus: true, spokeSector: null } }, ['to_capital:N17>N2251', 'nexus_to_spoke:N2251>B700']],
    ['to the Nexus', { ...base, destination: { regionId: 'N', isNexus: true, landingSector: null } }, ['to_spoke:A12>A480', 'spoke_to_nexus:A480>N2251']],
    ['to where one is', { ...base, destination: { regionId: 'A', isNexus: false, landingSector: 1 } }, 'same_region'],
    ['origin without spoke', { ...base, origin: { ...base.origin, spokeSector: null } }, 'origin_not_attached'],
    ['destination without spoke', { ...base, destination: { ...base.destination, landingSector: null } }, 'destination_not_attached'],
  ] as const)('%s', (_label, j, expected) => expect(kinds(j as JourneyEnds)).toEqual(expected));

  it('numbers legs from 0 and lands on the destination spoke', () => {
    const p = planJourney(base);
    expect(p.ok && p.legs.map((l) => l.index)).toEqual([0, 1, 2]);
    expect(p.ok && p.landing).toEqual({ regionId: 'B', sectorNumber: 700 });
  });
});

describe('legTransitMs', () => {
  it.each([
    [0, 'to_spoke', 0],
    [1500, 'nexus_to_spoke', 1500],
    [{ default: 100, spoke_to_nexus: 5 }, 'spoke_to_nexus', 5],
    [{ default: 100 }, 'to_capital', 100],
    [-5, 'to_spoke', 0],
  ] as const)('%j / %s -> %d', (config, kind, ms) => expect(legTransitMs(config, kind)).toBe(ms));
});
