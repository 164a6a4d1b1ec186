import { countsAsActiveRegion, countsAsLiveRegion } from './lifecycles/region-runtime.ts';
import type { RegionRuntimeState } from './vocabulary.ts';

/**
 * Fleet and owner limits: an owner may hold at most 5 regions
 * (ERR_REGION_LIMIT_REACHED); the fleet has a SOFT target of 50 active regions with an operator alert at
 * 75 % (37–38 regions) and no hard cap (docs/decisions/capacity-sizing.md "Which regions count").
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

/** Fleet utilisation of `liveRegions` regions against the soft target; `alert` at ≥ 75 %. Never refuses a region. */
export function fleetUtilization(liveRegions: number, softTarget: number = FLEET_SOFT_TARGET): FleetUtilization {
  const utilization = softTarget > 0 ? liveRegions / softTarget : 0;
  return { liveRegions, softTarget, utilization, alert: utilization >= FLEET_ALERT_RATIO };
}

export interface FleetCapacity {
  /** Regions holding a place on the fleet (countsAsActiveRegion): what the soft target and its alert measure. */
  activeRegions: number;
  /** Regions whose region-server runs or is being set up (countsAsLiveRegion): the load right now. */
  liveRegions: number;
  softTarget: number;
  /** activeRegions / softTarget. */
  utilization: number;
  /** utilization ≥ 75 %. */
  alert: boolean;
}

/**
 * THE capacity rule (docs/decisions/capacity-sizing.md "Which regions count"), used by the Fleet query, the REST
 * fleet metrics, region-cli and the Prometheus gauges alike: a region counts against the soft target while it holds a
 * place (countsAsActiveRegion) — a hibernated region does (it wakes in about a second, on anybody's request, and
 * then needs its room), a tombstoned one does not (it gave its place back), nor an archived / terminated one.
 */
export function fleetCapacity(states: readonly RegionRuntimeState[], softTarget: number = FLEET_SOFT_TARGET): FleetCapacity {
  const activeRegions = states.filter(countsAsActiveRegion).length;
  const liveRegions = states.filter(countsAsLiveRegion).length;
  const u = fleetUtilization(activeRegions, softTarget);
  return { activeRegions, liveRegions, softTarget, utilization: u.utilization, alert: u.alert };
}
