/**
 * Journey lifecycle (docs/rules/travel.md "Journey states"): the transition table and nothing else.
 */
export const JOURNEY_STATES = [
  'requested', // asked for; waiting for an officer's approval (immigration policy "approval")
  'in_transit', // legs running; the traveller is at the last completed waypoint
  'arrived', // final leg done: the traveller is in the destination's landing sector
  'refused', // a gate said no (at request time, at approval, or when entering the Nexus mid-journey)
  'cancelled', // the traveller stopped it; they stay at the last waypoint they reached
  'diverted', // the destination went down or was terminated: the traveller ended at the Nexus capital (or Terran Space)
] as const;
export type JourneyState = (typeof JOURNEY_STATES)[number];

export const JOURNEY_TRANSITIONS: Readonly<Record<JourneyState, readonly JourneyState[]>> = {
  requested: ['in_transit', 'refused', 'cancelled'],
  in_transit: ['arrived', 'refused', 'cancelled', 'diverted'],
  arrived: [],
  refused: [],
  cancelled: [],
  diverted: [],
};

/** Journey states in which the journey still holds the traveller (at most one per player). */
export const OPEN_JOURNEY_STATES: readonly JourneyState[] = ['requested', 'in_transit'];

export function isJourneyOpen(s: JourneyState): boolean {
  return OPEN_JOURNEY_STATES.includes(s);
}

export function isJourneyState(value: string): value is JourneyState {
  return (JOURNEY_STATES as readonly string[]).includes(value);
}

export function canTransitionJourney(from: JourneyState, to: JourneyState): boolean {
  return JOURNEY_TRANSITIONS[from].includes(to);
}

/** Throws when `from → to` is not in the table (a bug in the caller, never user input). */
export function assertJourneyTransition(from: JourneyState, to: JourneyState): void {
  if (!canTransitionJourney(from, to)) throw new Error(`journey cannot go from ${from} to ${to}`);
}

/** Leg states: pending (not started), in_transit (running until eta), done, aborted (journey ended first). */
export const LEG_STATES = ['pending', 'in_transit', 'done', 'aborted'] as const;
export type LegState = (typeof LEG_STATES)[number];

/** Entries of a region's travel feed (travel_events.kind); each row belongs to one region's feed. */
export const TRAVEL_EVENT_KINDS = [
  'entry_requested', // a traveller asks to enter (approval policy); the destination's officers decide
  'departed', // the traveller left this region (through its spoke warp, or out of the Nexus)
  'arrived', // the traveller entered this region (the Nexus sees travellers passing through as arrived + departed)
  'refused', // a gate refused entry to this region
  'cancelled', // the traveller cancelled a journey to or from this region
  'diverted', // the journey to this region could not finish; the traveller was sent to safety
] as const;
export type TravelEventKind = (typeof TRAVEL_EVENT_KINDS)[number];
