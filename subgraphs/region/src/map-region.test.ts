import { describe, expect, it } from 'vitest';
import { mapRegion, toNumber, type RegionRow } from './map-region.ts';

const created = new Date('2102-01-02T03:04:05.000Z');

/** A regions row as drizzle would return it (only the fields mapRegion reads matter). */
function row(overrides: Partial<RegionRow> = {}): RegionRow {
  return {
    id: '6f1c2a7e-3b4d-4c5e-8f90-0123456789ab',
    name: 'alpha',
    displayName: 'Alpha',
    regionType: 'player_owned',
    status: 'active',
    sizeTier: 'premium',
    subscriptionTier: 'standard',
    ownerId: 'a0000000-0000-4000-8000-000000000001',
    governorId: null,
    ambassadorId: null,
    totalSectors: 500,
    capitalSectorNumber: 1,
    nexusWarpSector: 7,
    governanceType: 'democracy',
    votingThreshold: 0.51,
    governanceQuorumPct: 0.4,
    electionFrequencyDays: 90,
    constitutionalText: 'We the players',
    taxRate: 0.12,
    tradeBonuses: { ore: 1.5 },
    economicSpecialization: null,
    startingCredits: 1000,
    startingShip: 'scout',
    treasuryBalance: 2500,
    totalTradeVolume: '1234.50',
    languagePack: {},
    aestheticTheme: { color: 'red' },
    traditions: {},
    socialHierarchy: {},
    runtimeEndpoint: 'http://127.0.0.1:9',
    runtimeState: 'ready',
    desiredState: 'running',
    configVersion: 3,
    motto: 'Ad astra',
    tariffRate: 0.1,
    immigrationPolicy: 'closed',
    maxVisitors: null,
    visitorEntryFee: 0,
    createdAt: created,
    updatedAt: created,
    ...overrides,
  } satisfies RegionRow;
}

describe('mapRegion', () => {
  it('upper-cases enum strings and converts numeric columns to numbers', () => {
    const r = mapRegion(row());
    expect(r.regionType).toBe('PLAYER_OWNED');
    expect(r.status).toBe('ACTIVE');
    expect(r.sizeTier).toBe('PREMIUM');
    expect(r.governance.governanceType).toBe('DEMOCRACY');
    expect(r.economy.totalTradeVolume).toBe(1234.5);
    expect(r.economy.treasuryBalance).toBe(2500);
    expect(r.governance.governanceQuorumPct).toBe(0.4);
    expect(r.culture.aestheticTheme).toEqual({ color: 'red' });
    expect(r.createdAt).toBe('2102-01-02T03:04:05.000Z');
    expect(r.ownerId).toBe('a0000000-0000-4000-8000-000000000001');
    expect(r.config).toMatchObject({ motto: 'Ad astra', tariffRate: 0.1, immigrationPolicy: 'closed', tradeBonuses: { ore: 1.5 } });
    expect(r.configVersion).toBe(3);
  });

  it('exposes the default quorum when the column is NULL (original-defects #26) and a null tier stays null', () => {
    const r = mapRegion(row({ governanceQuorumPct: null, sizeTier: null }));
    expect(r.governance.governanceQuorumPct).toBe(0.33);
    expect(r.sizeTier).toBeNull();
  });
});

describe('toNumber', () => {
  it('converts numeric strings, bigints and null', () => {
    expect(toNumber(null)).toBe(0);
    expect(toNumber('12.25')).toBe(12.25);
    expect(toNumber(7)).toBe(7);
    expect(toNumber(10n)).toBe(10);
  });
});
