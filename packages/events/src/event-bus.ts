/**
 * One subscriber's view of a channel: an async iterator over JSON payloads in publish order.
 * Bounded: when `bufferSize` unread events are queued, the oldest is dropped and `dropped` grows.
 * `close()` (or `return()`, e.g. leaving a for-await loop) unsubscribes; pending `next()` calls then finish.
 */
export type Subscription<T> = AsyncIterableIterator<T> & {
  close(): void;
  /** Resolves once the subscription is active on the broker; events published earlier may be missed. */
  readonly ready: Promise<void>;
  /** Events discarded because the consumer fell `bufferSize` events behind. */
  readonly dropped: number;
};

/**
 * Publish/subscribe of JSON events between processes (Redis) or inside one (memory). Publish only after the
 * DB transaction that caused the event has committed. Payloads are JSON-serialized: Dates become strings,
 * undefined becomes null; every subscriber of one event shares the same parsed object, so treat it as read-only.
 */
export interface EventBus {
  /** Sends `payload` to every current subscriber of `channel` on every bus connected to the same broker. */
  publish(channel: string, payload: unknown): Promise<void>;
  /** Starts receiving events of `channel` (exact name, no patterns); default buffer 1000 events. */
  subscribe<T>(channel: string, opts?: { bufferSize?: number }): Subscription<T>;
  /** Ends every subscription and releases broker connections; later publishes throw. */
  close(): Promise<void>;
}

/** Events buffered per subscriber before the oldest is dropped. */
export const DEFAULT_SUBSCRIPTION_BUFFER = 1000;

/** Channel names shared by publishers and subscribers; one home so both sides agree. */
export const channels = {
  /** Progress events of one galaxy generation job. */
  generationProgress: (jobId: string) => `generation.progress.${jobId}`,
  /** Runtime state changes (desired/runtime state, health) of one player region. */
  regionRuntime: (regionId: string) => `region.runtime.${regionId}`,
  /** The galaxy map changed: a region was provisioned, went live, dormant or away (`{ regionId, state, at }`; public). */
  galaxy: () => 'galaxy.changes',
  /** Fresh tally of one election after ballots were cast (latest value wins). */
  electionTally: (electionId: string) => `governance.election-tally.${electionId}`,
  /** Fresh tally of one policy after ballots were cast (latest value wins). */
  policyTally: (policyId: string) => `governance.policy-tally.${policyId}`,
  /** Every governance event of one region in order: proposed, opened, closed, enacted, elected, treaties. */
  governanceEvents: (regionId: string) => `governance.events.${regionId}`,
  /** Operational alerts (e.g. a treasury whose ledger does not sum to its balance). */
  alerts: () => 'ops.alerts',
  /** The travel feed of one region: arrivals, departures, refusals, cancellations, diversions (FIFO). */
  travelFeed: (regionId: string) => `travel.feed.${regionId}`,
  /** One player's journey, published whenever it changes (latest value). */
  playerJourney: (playerId: string) => `travel.journey.${playerId}`,
  /** Sign-in sessions that ended (`{ userId, sessionIds, reason }`): every gateway drops their tokens and sockets. */
  sessionsRevoked: () => 'auth.sessions.revoked',
};
