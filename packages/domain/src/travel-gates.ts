import type { TravelErrorCode } from './error-codes/travel.ts';
import type { TreatyEffects } from './treaty-effects.ts';

/**
 * The gates of an inter-regional journey, each a pure function (docs/rules/travel.md "Gates"). A gate answers null
 * (pass) or a refusal with a stable code and a sentence. `decideEntry` runs them in a fixed order so every caller
 * (startTravel, approvals, the profile's "can I go there?") gets the same answer.
 */

export interface GateRefusal {
  code: TravelErrorCode | 'ERR_REGION_NOT_READY' | 'ERR_REGION_WAKING';
  reason: string;
}

/** The destination as the gates see it (registry row + live counts). */
export interface GateDestination {
  regionId: string;
  regionType: string;
  status: string;
  runtimeState: string;
  desiredState: string;
  immigrationPolicy: string;
  maxVisitors: number | null;
  /** Non-member visitors currently in the region (players positioned there without citizen/resident standing). */
  visitorsPresent: number;
}

/** The traveller's standing towards the destination, derived from the database, never from input. */
export interface GateTraveller {
  isGalacticCitizen: boolean;
  homeRegionId: string | null;
  isOwner: boolean;
  /** Membership in the destination (null without one). */
  membershipType: string | null;
  /** Holds a planet or station in the destination (that makes the player a stakeholder). */
  isStakeholder: boolean;
}

/** Region statuses that serve players (suspended and grace serve stakeholders only: see regionStatusGate). */
const SERVING_STATUSES = ['active', 'suspended', 'grace'];

/** A dormant region a traveller's arrival wakes (docs/rules/hibernation.md); `waking` is one already starting. */
export function isWakingForTravel(runtimeState: string, desiredState: string): boolean {
  return desiredState === 'running' && (runtimeState === 'hibernated' || runtimeState === 'tombstoned' || runtimeState === 'waking');
}

/**
 * A region that is not READY (runtime ready, meant to run, a serving status) takes nobody. A hibernated or tombstoned
 * one answers ERR_REGION_WAKING instead: the caller asks for the wake and the traveller retries in a few seconds.
 */
export function readinessGate(d: GateDestination): GateRefusal | null {
  if (d.runtimeState === 'ready' && d.desiredState === 'running' && SERVING_STATUSES.includes(d.status)) return null;
  if (isWakingForTravel(d.runtimeState, d.desiredState) && SERVING_STATUSES.includes(d.status)) {
    return { code: 'ERR_REGION_WAKING', reason: 'the region is waking up (it was hibernating): try again in a few seconds' };
  }
  return { code: 'ERR_REGION_NOT_READY', reason: `the region is not serving players (status ${d.status}, runtime ${d.runtimeState})` };
}

/**
 * Entering the Nexus from another region needs an active Galactic Citizen (costs nothing when refused). Leaving the
 * Nexus is never gated, and neither is the way home: a journey to one's home region passes, so a lapse never
 * strands anyone away from home.
 */
export function nexusEntryGate(j: { entersNexusFromOutside: boolean; destinationIsHome: boolean }, t: Pick<GateTraveller, 'isGalacticCitizen'>): GateRefusal | null {
  if (!j.entersNexusFromOutside || j.destinationIsHome || t.isGalacticCitizen) return null;
  return { code: 'ERR_GALACTIC_CITIZEN_REQUIRED', reason: 'entering the Central Nexus from another region needs an active Galactic Citizen subscription' };
}

/** A suspended or grace region admits only its owner and its stakeholders (docs/rules/travel.md "Gates"). */
export function regionStatusGate(d: Pick<GateDestination, 'status'>, t: Pick<GateTraveller, 'isOwner' | 'isStakeholder'>): GateRefusal | null {
  if (d.status !== 'suspended' && d.status !== 'grace') return null;
  if (t.isOwner || t.isStakeholder) return null;
  return { code: 'ERR_REGION_NEW_RESIDENTS_BLOCKED', reason: `the region is ${d.status}: only its owner and stakeholders may enter` };
}

/** Owner, citizens and residents of the region (home region counts as residence) are never held at its border. */
export function belongsTo(d: Pick<GateDestination, 'regionId'>, t: Pick<GateTraveller, 'isOwner' | 'membershipType' | 'homeRegionId'>): boolean {
  return t.isOwner || t.membershipType === 'citizen' || t.membershipType === 'resident' || t.homeRegionId === d.regionId;
}

/** What an officer has decided about this journey's entry request (only asked under the approval policy). */
export const APPROVAL_STATUSES = ['none', 'approved', 'denied'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export type ImmigrationDecision = { kind: 'admit' } | { kind: 'needs_approval' } | { kind: 'refuse'; refusal: GateRefusal };

/**
 * The destination's immigration policy: open admits everyone; closed admits only those who belong and open-borders
 * partners' residents; approval admits them too, and anyone else once the owner or governor approves the request.
 */
export function immigrationGate(
  d: Pick<GateDestination, 'regionId' | 'immigrationPolicy'>,
  t: Pick<GateTraveller, 'isOwner' | 'membershipType' | 'homeRegionId'>,
  treaty: Pick<TreatyEffects, 'openBorders'>,
  approval: ApprovalStatus,
): ImmigrationDecision {
  if (d.immigrationPolicy === 'open' || belongsTo(d, t) || treaty.openBorders) return { kind: 'admit' };
  if (d.immigrationPolicy === 'approval') {
    if (approval === 'approved') return { kind: 'admit' };
    if (approval === 'denied') return { kind: 'refuse', refusal: { code: 'ERR_IMMIGRATION_DENIED', reason: 'an officer of the region denied the entry request' } };
    return { kind: 'needs_approval' };
  }
  return { kind: 'refuse', refusal: { code: 'ERR_IMMIGRATION_CLOSED', reason: 'the region is closed to immigration: only its citizens, residents and open-borders partners may enter' } };
}

/** A visitor cap counts only travellers who do not belong; those who belong always fit. */
export function visitorLimitGate(d: Pick<GateDestination, 'regionId' | 'maxVisitors' | 'visitorsPresent'>, t: Pick<GateTraveller, 'isOwner' | 'membershipType' | 'homeRegionId'>): GateRefusal | null {
  if (d.maxVisitors === null || belongsTo(d, t) || d.visitorsPresent < d.maxVisitors) return null;
  return { code: 'ERR_REGION_VISITOR_LIMIT', reason: `the region takes at most ${d.maxVisitors} visitors at a time and is full` };
}

/** The traveller must be able to pay the entry fee when the journey starts (it is held until arrival). */
export function creditsGate(credits: number, fee: number): GateRefusal | null {
  if (fee <= credits) return null;
  return { code: 'ERR_INSUFFICIENT_CREDITS', reason: `the entry fee is ${fee} credits; you have ${credits}` };
}

export interface EntryQuestion {
  destination: GateDestination;
  traveller: GateTraveller;
  treaty: TreatyEffects;
  approval: ApprovalStatus;
  entersNexusFromOutside: boolean;
}

/** Runs the entry gates in order: readiness, Nexus citizenship, region status, immigration policy, visitor limit. */
export function decideEntry(q: EntryQuestion): ImmigrationDecision {
  const destinationIsHome = q.traveller.homeRegionId === q.destination.regionId;
  const first =
    readinessGate(q.destination) ??
    nexusEntryGate({ entersNexusFromOutside: q.entersNexusFromOutside, destinationIsHome }, q.traveller) ??
    regionStatusGate(q.destination, q.traveller);
  if (first) return { kind: 'refuse', refusal: first };
  const immigration = immigrationGate(q.destination, q.traveller, q.treaty, q.approval);
  if (immigration.kind !== 'admit') return immigration;
  const full = visitorLimitGate(q.destination, q.traveller);
  return full ? { kind: 'refuse', refusal: full } : { kind: 'admit' };
}
