/**
 * The route of an inter-regional journey along the real hub-and-spoke topology (docs/rules/travel.md "Route"):
 * origin sector → origin's spoke warp sector → Nexus capital (local 2251) → the destination's spoke landing
 * sector in its Frontier (regions.nexus_warp_sector). Visitors land there and must explore to find the capital.
 * Legs that would not move the traveller (already at the spoke, already at the capital) are left out.
 */

export const LEG_KINDS = [
  'to_spoke', // inside the origin region, to its spoke warp sector
  'spoke_to_nexus', // through the origin's spoke warp into the Nexus capital
  'to_capital', // inside the Nexus, to its capital (a journey starting in the Nexus away from 2251)
  'nexus_to_spoke', // from the Nexus capital through the destination's spoke warp to its landing sector
] as const;
export type LegKind = (typeof LEG_KINDS)[number];

export interface Waypoint {
  regionId: string;
  sectorNumber: number;
}

export interface PlannedLeg {
  index: number;
  kind: LegKind;
  from: Waypoint;
  to: Waypoint;
}

export interface JourneyEnds {
  origin: { regionId: string; sectorNumber: number; isNexus: boolean; spokeSector: number | null };
  destination: { regionId: string; isNexus: boolean; landingSector: number | null };
  nexus: { regionId: string; capitalSector: number };
}

export type JourneyPlan =
  | { ok: true; legs: PlannedLeg[]; landing: Waypoint }
  | { ok: false; problem: 'same_region' | 'origin_not_attached' | 'destination_not_attached' };

/** Plans the legs of a journey; refuses a journey to where the traveller already is or through a missing spoke. */
export function planJourney(j: JourneyEnds): JourneyPlan {
  const { origin, destination, nexus } = j;
  if (origin.regionId === destination.regionId) return { ok: false, problem: 'same_region' };
  const capital: Waypoint = { regionId: nexus.regionId, sectorNumber: nexus.capitalSector };
  const legs: Omit<PlannedLeg, 'index'>[] = [];
  const here: Waypoint = { regionId: origin.regionId, sectorNumber: origin.sectorNumber };
  if (origin.isNexus) {
    if (origin.sectorNumber !== nexus.capitalSector) legs.push({ kind: 'to_capital', from: here, to: capital });
  } else {
    if (origin.spokeSector === null) return { ok: false, problem: 'origin_not_attached' };
    const spoke: Waypoint = { regionId: origin.regionId, sectorNumber: origin.spokeSector };
    if (origin.sectorNumber !== origin.spokeSector) legs.push({ kind: 'to_spoke', from: here, to: spoke });
    legs.push({ kind: 'spoke_to_nexus', from: spoke, to: capital });
  }
  let landing = capital;
  if (!destination.isNexus) {
    if (destination.landingSector === null) return { ok: false, problem: 'destination_not_attached' };
    landing = { regionId: destination.regionId, sectorNumber: destination.landingSector };
    legs.push({ kind: 'nexus_to_spoke', from: capital, to: landing });
  }
  if (legs.length === 0) return { ok: false, problem: 'same_region' };
  return { ok: true, legs: legs.map((l, index) => ({ ...l, index })), landing };
}

/** Transit time of one leg: a number applies to every kind; a map may set each kind (missing kinds take `default`). */
export type LegTransitConfig = number | (Partial<Record<LegKind, number>> & { default: number });

export function legTransitMs(config: LegTransitConfig, kind: LegKind): number {
  const ms = typeof config === 'number' ? config : (config[kind] ?? config.default);
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : 0;
}
