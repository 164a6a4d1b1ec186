import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it.each([
    ['/buy', '/buy'],
    ['/regions/a/govern?tab=members', '/regions/a/govern?tab=members'],
    [undefined, '/'],
    ['', '/'],
    ['buy', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/sign-in', '/'],
    ['/sign-in?next=/buy', '/'],
    ['/sign-up', '/'],
  ])('%s -> %s', (next, expected) => {
    expect(safeNextPath(next, '/sign-in', '/sign-up')).toBe(expected);
  });
});
