/**
 * The regional commerce tariff and its station-count cap (docs/rules/region-config.md "Commerce tariff"). The owner
 * (or a policy) stores a requested rate 0–25 %; what applies is that rate clamped to the cap of the region's
 * current station count, recomputed on every read, so building stations can raise the effective rate and losing
 * them lowers it without anyone editing the setting.
 */

/** Hard bounds of a stored tariff rate. */
export const TARIFF_BOUNDS = { min: 0, max: 0.25 } as const;

/** The cap steps, lowest first: from `minStations` stations on, the cap is `cap` (SQL sorts build from this too). */
export const TARIFF_CAP_STEPS: readonly { minStations: number; cap: number }[] = [
  { minStations: 0, cap: 0.05 },
  { minStations: 3, cap: 0.15 },
  { minStations: 6, cap: 0.25 },
];

/** Cap by station count: fewer than 3 stations 5 %, 3–5 stations 15 %, 6 or more 25 %. */
export function tariffCap(stationCount: number): number {
  if (!Number.isFinite(stationCount)) return TARIFF_CAP_STEPS[0]!.cap;
  let cap = TARIFF_CAP_STEPS[0]!.cap;
  for (const step of TARIFF_CAP_STEPS) if (stationCount >= step.minStations) cap = step.cap;
  return cap;
}

/** What a tariff read reports: the stored request, the cap, the applied rate and whether the cap cut it. */
export interface EffectiveTariff {
  requestedRate: number;
  cap: number;
  effectiveRate: number;
  limited: boolean;
}

/** The rate that applies now: max(0, requested) clamped to the station-count cap. */
export function effectiveTariff(requestedRate: number, stationCount: number): EffectiveTariff {
  const cap = tariffCap(stationCount);
  const floored = Number.isFinite(requestedRate) ? Math.max(TARIFF_BOUNDS.min, requestedRate) : 0;
  const effectiveRate = Math.min(floored, cap);
  return { requestedRate: floored, cap, effectiveRate, limited: effectiveRate < floored };
}
