/**
 * The one table of region sizes. Generator, API validation, the database CHECK and tests all read it,
 * so a size limit exists in exactly one place (docs/rules/original-defects.md #16).
 *
 * The original has no Premium/Mega sizes; the brief asks that higher tiers widen the
 * upper bound. Standard is the canon ~1000 ±20 %. Premium and Mega keep the same floor and raise the
 * ceiling and target, so a bigger purchase never yields a smaller region than Standard could.
 */
export const REGION_TIERS = {
  standard: { minSectors: 800, targetSectors: 1000, maxSectors: 1200 },
  premium: { minSectors: 800, targetSectors: 1400, maxSectors: 1800 },
  mega: { minSectors: 800, targetSectors: 2000, maxSectors: 2500 },
} as const;

export type RegionTier = keyof typeof REGION_TIERS;
export const REGION_TIER_NAMES = Object.keys(REGION_TIERS) as RegionTier[];

export const NEXUS_SECTORS = 5000;
export const TERRAN_SECTORS = 300;
/** Absolute bounds for a player region row (the DB CHECK): covers every tier plus admin-made small test regions. */
export const PLAYER_REGION_MIN_SECTORS = 100;
export const PLAYER_REGION_MAX_SECTORS = REGION_TIERS.mega.maxSectors;

export const REGION_TYPES = ['central_nexus', 'terran_space', 'player_owned'] as const;
export type RegionType = (typeof REGION_TYPES)[number];

export function isRegionTier(value: string): value is RegionTier {
  return Object.hasOwn(REGION_TIERS, value);
}
