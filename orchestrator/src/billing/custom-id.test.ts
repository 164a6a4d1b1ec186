import { describe, expect, it } from 'vitest';
import { buildCustomId, parseCustomId } from './custom-id.ts';

const P = '0b7e5c1e-8a7d-4a53-9d55-1c1f3b9e2a10';

describe('custom_id', () => {
  it.each([
    [{ plan: 'regional_owner' as const, playerId: P, regionName: 'orion-reach', sizeTier: 'mega' }, `regional_owner:${P}:orion-reach:mega`],
    [{ plan: 'galactic_citizen' as const, playerId: P, regionName: null, sizeTier: null }, `galactic_citizen:${P}`],
  ])('round-trips %j', (intent, text) => {
    expect(buildCustomId(intent)).toBe(text);
    expect(parseCustomId(text)).toEqual(intent);
    expect(text.length).toBeLessThanOrEqual(127);
  });

  it('fits PayPal’s 127-char limit for the longest region name', () => {
    expect(buildCustomId({ plan: 'regional_owner', playerId: P, regionName: 'x'.repeat(50), sizeTier: 'standard' }).length).toBeLessThanOrEqual(127);
  });

  it.each([
    [undefined],
    [42],
    ['regional_owner_user_region'],
    [`nexus_premium:${P}`],
    [`regional_owner:not-a-uuid:orion:standard`],
    [`regional_owner:${P}`],
    [`galactic_citizen:${P}:extra`],
    [`regional_owner:${P}:a:b:c`],
  ])('rejects %j', (v) => {
    expect(parseCustomId(v)).toBeNull();
  });
});
