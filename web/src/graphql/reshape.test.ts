import { describe, expect, it } from 'vitest';
import { enumLabel, toNexusStatus, toRegionRow } from './reshape';
import type { RegionListItemFragment } from './generated/graphql';

const nexusRegion: RegionListItemFragment = {
  id: 'r-1',
  name: 'central-nexus',
  displayName: 'Central Nexus',
  regionType: 'CENTRAL_NEXUS',
  status: 'ACTIVE',
  totalSectors: 5000,
  owner: null,
  governance: { governanceType: 'COUNCIL' },
};

describe('enumLabel', () => {
  it.each([
    ['ACTIVE', 'Active'],
    ['GENERATION_CORRUPT', 'Generation corrupt'],
    ['NOT_GENERATED', 'Not generated'],
  ])('%s reads as %s', (value, label) => {
    expect(enumLabel(value)).toBe(label);
  });
});

describe('toRegionRow', () => {
  it('labels a platform region and leaves its owner empty', () => {
    expect(toRegionRow(nexusRegion)).toEqual({
      id: 'r-1',
      name: 'central-nexus',
      displayName: 'Central Nexus',
      regionType: 'CENTRAL_NEXUS',
      typeLabel: 'Central Nexus',
      status: 'ACTIVE',
      statusLabel: 'Active',
      totalSectors: 5000,
      ownerName: null,
      governanceLabel: 'Council',
    });
  });

  it("shows a player region's owner name and governance", () => {
    const row = toRegionRow({
      ...nexusRegion,
      regionType: 'PLAYER_OWNED',
      status: 'ATTACHMENT_PENDING',
      owner: { id: 'p-1', name: 'alice' },
      governance: { governanceType: 'DEMOCRACY' },
    });
    expect([row.typeLabel, row.statusLabel, row.ownerName, row.governanceLabel]).toEqual([
      'Player region',
      'Attachment pending',
      'alice',
      'Democracy',
    ]);
  });
});

describe('toNexusStatus', () => {
  it('turns an absent capital into null and labels the status', () => {
    const view = toNexusStatus({
      exists: false,
      status: 'NOT_GENERATED',
      totalSectors: 0,
      totalPorts: 0,
      totalPlanets: 0,
      capitalSectorNumber: null,
    });
    expect(view).toEqual({
      exists: false,
      status: 'NOT_GENERATED',
      statusLabel: 'Not generated',
      totalSectors: 0,
      totalPorts: 0,
      totalPlanets: 0,
      capitalSectorNumber: null,
    });
  });
});
