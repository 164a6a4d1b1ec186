import { describe, expect, it } from 'vitest';
import { mayCancelTermination, ownerMayScale } from './region-owner-actions.ts';
import { REGION_STATUSES, type RegionStatus } from './vocabulary.ts';

describe('ownerMayScale', () => {
  const blocked = new Set<RegionStatus>(['suspended', 'grace', 'terminated']);
  it.each(REGION_STATUSES.map((s) => [s, !blocked.has(s)] as const))('%s -> %s', (status, ok) => {
    expect(ownerMayScale(status)).toBe(ok);
  });
});

describe('mayCancelTermination', () => {
  it.each([
    { admin: false, origin: 'owner', ok: true },
    { admin: false, origin: 'admin', ok: false },
    { admin: false, origin: 'billing', ok: false },
    { admin: false, origin: null, ok: false },
    { admin: true, origin: 'owner', ok: true },
    { admin: true, origin: 'admin', ok: true },
    { admin: true, origin: 'billing', ok: true },
    { admin: true, origin: null, ok: true },
  ] as const)('admin=$admin origin=$origin -> $ok', ({ admin, origin, ok }) => {
    expect(mayCancelTermination({ isAdmin: admin }, origin)).toBe(ok);
  });
});
