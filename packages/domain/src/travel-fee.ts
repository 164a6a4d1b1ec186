/**
 * The fee a traveller pays to enter a region (docs/rules/travel.md "Fees"): the destination's visitor entry fee
 * plus the destination's effective commerce tariff on it. Members (visitor tier excluded), the owner and
 * returning residents pay nothing; a trade-agreement partner's residents pay the fee without the tariff.
 * Integer credits, rounded half up.
 */
export interface TravelFeeInput {
  visitorEntryFee: number;
  /** Effective (clamped) tariff of the destination, 0–0.25. */
  effectiveTariff: number;
  /** Owner, citizen or resident of the destination, or it is the traveller's home region. */
  exempt: boolean;
  tariffWaived: boolean;
}

export interface TravelFee {
  fee: number;
  tariff: number;
  total: number;
}

export function travelFee(input: TravelFeeInput): TravelFee {
  if (input.exempt || input.visitorEntryFee <= 0) return { fee: 0, tariff: 0, total: 0 };
  const fee = Math.round(input.visitorEntryFee);
  const tariff = input.tariffWaived ? 0 : Math.round(fee * Math.max(0, input.effectiveTariff));
  return { fee, tariff, total: fee + tariff };
}
