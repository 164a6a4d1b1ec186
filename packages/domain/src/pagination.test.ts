import { describe, expect, it } from 'vitest';
import { validatePage } from './pagination.ts';

describe('validatePage', () => {
  it.each([
    { first: 1, offset: 0, paths: [] },
    { first: 200, offset: 10, paths: [] },
    { first: 50, offset: undefined, paths: [] },
    { first: 0, offset: 0, paths: ['first'] },
    { first: 201, offset: 0, paths: ['first'] },
    { first: 1.5, offset: 0, paths: ['first'] },
    { first: 10, offset: -1, paths: ['offset'] },
    { first: -3, offset: -1, paths: ['first', 'offset'] },
  ])('first=$first offset=$offset → $paths', ({ first, offset, paths }) => {
    expect(validatePage(first, offset).map((i) => i.path)).toEqual(paths);
  });

  it('honours a custom maximum', () => {
    expect(validatePage(20, 0, 10)[0]?.message).toContain('between 1 and 10');
  });
});
