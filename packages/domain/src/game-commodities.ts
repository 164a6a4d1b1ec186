/**
 * The nine tradeable commodities of the game (ADR-0062 E-D1). Per-commodity settings such as a region's trade
 * bonuses accept only these keys; the original UI's "food / technology / energy" were never game commodities.
 */
export const GAME_COMMODITIES = [
  'ore',
  'organics',
  'equipment',
  'fuel',
  'luxury_goods',
  'gourmet_food',
  'exotic_technology',
  'precious_metals',
  'colonists',
] as const;
export type GameCommodity = (typeof GAME_COMMODITIES)[number];

export function isGameCommodity(value: string): value is GameCommodity {
  return (GAME_COMMODITIES as readonly string[]).includes(value);
}
