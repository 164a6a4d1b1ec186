import { describe, expect, it } from 'vitest';
import { JOURNEY_STATES, JOURNEY_TRANSITIONS, assertJourneyTransition, canTransitionJourney, isJourneyOpen } from './travel.ts';

const allowed = new Set(['requested>in_transit', 'requested>refused', 'requested>cancelled', 'in_transit>arrived', 'in_transit>refused', 'in_transit>cancelled', 'in_transit>diverted']);

describe('journey lifecycle', () => {
  const pairs = JOURNEY_STATES.flatMap((from) => JOURNEY_STATES.map((to) => [from, to] as const));
  it.each(pairs)('%s -> %s', (from, to) => {
    const ok = allowed.has(`${from}>${to}`);
    expect(canTransitionJourney(from, to)).toBe(ok);
    if (ok) expect(() => assertJourneyTransition(from, to)).not.toThrow();
    else expect(() => assertJourneyTransition(from, to)).toThrow();
  });

  it('only requested and in_transit are open; terminal states lead nowhere', () => {
    expect(JOURNEY_STATES.filter(isJourneyOpen)).toEqual(['requested', 'in_transit']);
    for (const s of ['arrived', 'refused', 'cancelled', 'diverted'] as const) expect(JOURNEY_TRANSITIONS[s]).toEqual([]);
  });
});
