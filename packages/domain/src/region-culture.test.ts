import { describe, expect, it } from 'vitest';
import { normaliseColour } from './region-culture.ts';

describe('normaliseColour', () => {
  it.each([
    ['#805ad5', '#805ad5'], ['#805AD5', '#805ad5'], ['#abc', '#aabbcc'], [' #abc ', '#aabbcc'],
    ['805ad5', null], ['#80', null], ['#gggggg', null], ['red', null], [12, null], [null, null],
  ])('%j -> %j', (input, expected) => expect(normaliseColour(input)).toBe(expected));
});
