import { describe, expect, it } from 'vitest';
import { browserHref, parseBrowserParams, searchFilterOf } from './browser-params';

describe('parseBrowserParams', () => {
  it('reads known values and drops unknown ones', () => {
    expect(parseBrowserParams({ q: ' ice ', type: 'PLAYER_OWNED', governance: 'NOPE', sort: 'POPULATION_DESC', after: 'abc' })).toEqual({
      q: 'ice',
      type: 'PLAYER_OWNED',
      governance: null,
      immigration: null,
      sort: 'POPULATION_DESC',
      after: 'abc',
    });
  });
  it('refuses a cursor with characters a cursor never has', () => {
    expect(parseBrowserParams({ after: '<script>' }).after).toBeNull();
  });
});

describe('browserHref', () => {
  it('keeps the other parameters and leaves defaults out', () => {
    const p = parseBrowserParams({ q: 'ice', sort: 'NEWEST' });
    expect(browserHref(p, { after: 'c1' })).toBe('/regions?q=ice&sort=NEWEST&after=c1');
    expect(browserHref(parseBrowserParams({}), {})).toBe('/regions');
  });
});

describe('searchFilterOf', () => {
  it('sends only the chosen filters', () => {
    expect(searchFilterOf(parseBrowserParams({ q: 'ice', immigration: 'OPEN' }))).toEqual({ text: 'ice', immigrationPolicies: ['OPEN'] });
  });
});
