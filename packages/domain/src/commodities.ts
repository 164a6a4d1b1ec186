/**
 * The nine tradeable commodities of the game (the canon's nine-commodity list). Trade bonuses, tariffs and market
 * rows key on these names only (fix for the original's bonus form, which offered resources that are not game
 * commodities). See docs/rules/region-config.md "Trade bonuses".
 */
export const COMMODITIES = [
  'ore',
  'organics',
  'equipment',
  'fuel',
  'gourmet_food',
  'exotic_technology',
  'luxury_goods',
  'precious_metals',
  'quantum_shards',
] as const;
export type Commodity = (typeof COMMODITIES)[number];

/** True for one of the nine commodity names (lower-case database spelling). */
export function isCommodity(value: unknown): value is Commodity {
  return typeof value === 'string' && (COMMODITIES as readonly string[]).includes(value);
}
