import type { TravelEventFieldsFragment } from '../../graphql/generated/graphql';

/** How many feed events a view keeps (the newest). */
export const KEEP = 50;

/** Appends an event when it is the next one of the feed; null (re-read the history) when one is missing. */
export function appendFeedEvent(events: TravelEventFieldsFragment[], e: TravelEventFieldsFragment): TravelEventFieldsFragment[] | null {
  const last = events.at(-1)?.seq;
  if (last !== undefined && e.seq <= last) return events;
  if (last !== undefined && e.seq !== last + 1) return null;
  return [...events, e].slice(-KEEP);
}
