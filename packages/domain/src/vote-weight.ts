/**
 * Ballot weights are numeric(5,4) voting powers. Rules add and compare them as integer units of 1/10,000 so a
 * tally is exact (1.5 + 1.5 + 0.0001 never drifts) and a threshold comparison never depends on float noise.
 */
export const WEIGHT_SCALE = 10_000;

/** A decimal weight (e.g. 1.5) as integer units (15000). */
export function toWeightUnits(weight: number): number {
  return Math.round(weight * WEIGHT_SCALE);
}

/** Integer units back to the decimal weight. */
export function fromWeightUnits(units: number): number {
  return units / WEIGHT_SCALE;
}

/** The canonical text of a weight in receipts and hashes: always four decimals ("1.5000"). */
export function weightText(weight: number): string {
  return fromWeightUnits(toWeightUnits(weight)).toFixed(4);
}
