import { describe, expect, it } from 'vitest';
import { browserHref, parseBrowserParams } from './browser-params';

describe('parseBrowserParams', () => {
  it('reads known values and drops unknown ones', () => {
    expect(parseBrowserParams({ q: ' ice ', type: 'PLAYER_OWNED', status: 'NOPE', sort: 'name', page: '3' })).toEqual({
      q: 'ice',
      type: 'PLAYER_OWNED',
      status: null,
      sort: 'name',
      page: 3,
    });
  });
  it('falls back to page 1 for a bad page', () => {
    expect(parseBrowserParams({ page: '-2' }).page).toBe(1);
    expect(parseBrowserParams({ page: 'x' }).page).toBe(1);
  });
});

describe('browserHref', () => {
  it('keeps the other parameters and leaves defaults out', () => {
    const p = parseBrowserParams({ q: 'ice', sort: 'name' });
    expect(browserHref(p, { page: 2 })).toBe('/regions?q=ice&sort=name&page=2');
    expect(browserHref(parseBrowserParams({}), {})).toBe('/regions');
  });
});
