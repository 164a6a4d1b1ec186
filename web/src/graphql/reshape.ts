import type { GovernanceType, HomeNexusStatusQuery, RegionListItemFragment, RegionStatus, RegionType } from './generated/graphql';

/** A row of the region list, already in display form. */
export interface RegionRowView {
  id: string;
  name: string;
  displayName: string;
  typeLabel: string;
  regionType: RegionType;
  status: RegionStatus;
  statusLabel: string;
  totalSectors: number;
  ownerName: string | null;
  governanceLabel: string;
}

/** The Nexus status card's numbers. */
export interface NexusStatusView {
  exists: boolean;
  status: HomeNexusStatusQuery['nexusStatus']['status'];
  statusLabel: string;
  totalSectors: number;
  totalPorts: number;
  totalPlanets: number;
  capitalSectorNumber: number | null;
}

const REGION_TYPE_LABELS: Record<RegionType, string> = {
  CENTRAL_NEXUS: 'Central Nexus',
  TERRAN_SPACE: 'Terran Space',
  PLAYER_OWNED: 'Player region',
};

const GOVERNANCE_LABELS: Record<GovernanceType, string> = {
  AUTOCRACY: 'Autocracy',
  DEMOCRACY: 'Democracy',
  COUNCIL: 'Council',
};

/** `GENERATION_CORRUPT` → `Generation corrupt`: enum values read as plain words in the UI. */
export function enumLabel(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Wire region → list row. */
export function toRegionRow(region: RegionListItemFragment): RegionRowView {
  return {
    id: region.id,
    name: region.name,
    displayName: region.displayName,
    regionType: region.regionType,
    typeLabel: REGION_TYPE_LABELS[region.regionType],
    status: region.status,
    statusLabel: enumLabel(region.status),
    totalSectors: region.totalSectors,
    ownerName: region.owner?.name ?? null,
    governanceLabel: GOVERNANCE_LABELS[region.governance.governanceType],
  };
}

/** Wire nexusStatus → card view. */
export function toNexusStatus(wire: HomeNexusStatusQuery['nexusStatus']): NexusStatusView {
  return {
    exists: wire.exists,
    status: wire.status,
    statusLabel: enumLabel(wire.status),
    totalSectors: wire.totalSectors,
    totalPorts: wire.totalPorts,
    totalPlanets: wire.totalPlanets,
    capitalSectorNumber: wire.capitalSectorNumber ?? null,
  };
}
