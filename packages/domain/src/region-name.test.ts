import { describe, expect, it } from 'vitest';
import { REGION_NAME_PATTERN } from './vocabulary.ts';
import { RESERVED_REGION_NAMES, regionDisplayName, validateRegionName } from './region-name.ts';

describe('validateRegionName', () => {
  it.each([
    ['abc', 'abc'],
    ['My-Region', 'my-region'],
    ['  Orion_Reach  ', 'orion_reach'],
    ['a1b', 'a1b'],
    ['x'.repeat(50), 'x'.repeat(50)],
    ['Zone-9', 'zone-9'],
  ])('accepts %j as slug %j', (input, slug) => {
    const r = validateRegionName(input);
    expect(r).toMatchObject({ ok: true, slug, issues: [] });
    // Whatever passes must also pass the DB CHECK regions_name_slug.
    expect(new RegExp(REGION_NAME_PATTERN).test(r.slug)).toBe(true);
  });

  it.each([
    ['ab', '3-50 characters'],
    ['x'.repeat(51), '3-50 characters'],
    ['my region', 'only letters'],
    ['région', 'only letters'],
    ['-abc', 'start and end'],
    ['abc_', 'start and end'],
    ['Nexus', 'reserved'],
    ['CENTRAL-NEXUS', 'reserved'],
    ['administrator', 'reserved'],
    ['staging', 'reserved'],
    ['ftp', 'reserved'],
    ['terran-space', 'reserved'],
    ['', '3-50 characters'],
  ])('rejects %j (%s)', (input, fragment) => {
    const r = validateRegionName(input);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.message).join(' ')).toContain(fragment);
  });

  it('rejects non-strings and reports the given path', () => {
    const r = validateRegionName(42, 'name');
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'name' }] });
  });

  it('returns every problem at once', () => {
    expect(validateRegionName('_a b').issues.length).toBe(2);
  });

  it('merges both original reserved lists (PayPal create route and available-names route)', () => {
    for (const n of ['nexus', 'admin', 'system', 'central', 'api', 'www', 'mail', 'ftp', 'test', 'administrator', 'root', 'default', 'central-nexus', 'galactic', 'platform', 'official', 'staff', 'moderator', 'app', 'support', 'help']) {
      expect(RESERVED_REGION_NAMES).toContain(n);
    }
  });

  it('builds a display name from the slug', () => {
    expect(regionDisplayName('orion_reach-prime')).toBe('Orion Reach Prime');
  });
});
