/**
 * Fleet and owner limits: an owner may hold at most 5 regions
 * (ERR_REGION_LIMIT_REACHED); the fleet has a SOFT target of 50 live regions with an operator alert at
 * 75 % (37–38 regions) and no hard cap.
 */
export const MAX_REGIONS_PER_OWNER = 5;
export const FLEET_SOFT_TARGET = 50;
export const FLEET_ALERT_RATIO = 0.75;

/** True when an owner holding `ownedRegions` (not terminated) may get one more. */
export function canOwnAnotherRegion(ownedRegions: number): boolean {
  return ownedRegions < MAX_REGIONS_PER_OWNER;
}

export interface FleetUtilization {
  liveRegions: number;
  softTarget: number;
  utilization: number;
  alert: boolean;
}

/** Fleet utilisation against the soft target; `alert` at ≥ 75 %. Never refuses a region. */
export function fleetUtilization(liveRegions: number, softTarget: number = FLEET_SOFT_TARGET): FleetUtilization {
  const utilization = softTarget > 0 ? liveRegions / softTarget : 0;
  return { liveRegions, softTarget, utilization, alert: utilization >= FLEET_ALERT_RATIO };
}
