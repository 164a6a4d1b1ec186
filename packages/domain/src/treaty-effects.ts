/**
 * What active treaties between two regions change for travel and trade (docs/rules/travel.md "Treaty effects").
 * Pure over regional_treaties rows: a trade agreement waives the commerce tariff for the partner region's
 * residents; open borders lets the partner's residents enter while the region is closed to immigration (and
 * skips the approval step). Treaties are symmetric: it does not matter which side proposed.
 */

/** The columns of a regional_treaties row this needs. */
export interface TreatyRowLike {
  regionAId: string;
  regionBId: string;
  treatyType: string;
  status: string;
  expiresAt: Date | null;
}

export interface TreatyEffects {
  /** Residents of the other region pay no commerce tariff here. */
  tariffWaived: boolean;
  /** Residents of the other region may enter although immigration is closed or needs approval. */
  openBorders: boolean;
}

export const NO_TREATY_EFFECTS: TreatyEffects = Object.freeze({ tariffWaived: false, openBorders: false });

/** True while a treaty binds: accepted (status active) and not past its expiry (lazy expiry on read). */
export function isTreatyInForce(t: Pick<TreatyRowLike, 'status' | 'expiresAt'>, now: Date): boolean {
  return t.status === 'active' && (t.expiresAt === null || t.expiresAt.getTime() > now.getTime());
}

/**
 * Effects for a resident of `homeRegionId` in `regionId`, from any treaty rows (rows between other pairs are
 * ignored). No home region, or the same region, has no treaty effect.
 */
export function treatyEffectsBetween(rows: readonly TreatyRowLike[], regionId: string, homeRegionId: string | null, now: Date): TreatyEffects {
  if (homeRegionId === null || homeRegionId === regionId) return NO_TREATY_EFFECTS;
  let tariffWaived = false;
  let openBorders = false;
  for (const t of rows) {
    const pair = (t.regionAId === regionId && t.regionBId === homeRegionId) || (t.regionBId === regionId && t.regionAId === homeRegionId);
    if (!pair || !isTreatyInForce(t, now)) continue;
    if (t.treatyType === 'trade_agreement') tariffWaived = true;
    if (t.treatyType === 'open_borders') openBorders = true;
  }
  return { tariffWaived, openBorders };
}
