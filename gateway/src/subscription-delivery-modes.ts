/**
 * How the gateway delivers each `Subscription` field to a client that cannot keep up — the ONE table to edit when a
 * subgraph adds a subscription (governance tallies, travel events, ...): add one line `fieldName: 'latest' | 'fifo'`.
 *
 * - `latest`: only the newest value matters (progress bars, tallies). A slow client's backlog is coalesced to the newest
 *   payload, and a client joining an already-running shared upstream immediately gets the last value.
 * - `fifo`: every event matters (travel legs, runtime events). A slow client gets a bounded FIFO; when it overflows the
 *   oldest events are dropped and the client receives a gap signal (SUBSCRIPTION_EVENTS_DROPPED) telling it to resync
 *   from a snapshot query.
 *
 * Fields not listed default to `fifo` (never silently coalesce events nobody classified).
 */
export type DeliveryMode = 'latest' | 'fifo';

export const SUBSCRIPTION_DELIVERY_MODES: Readonly<Record<string, DeliveryMode>> = {
  generationProgress: 'latest',
  regionRuntimeChanged: 'fifo',
  /** Orchestrator: "the galaxy map changed, re-read it"; only that something changed matters. */
  galaxyChanged: 'latest',
  electionTallyChanged: 'latest',
  policyTallyChanged: 'latest',
  governanceEvents: 'fifo',
  /** Region subgraph: arrivals, departures, refusals of a region; every entry matters. */
  travelFeed: 'fifo',
  /** Region subgraph: the caller's journey; only its newest state matters (leg, position, ETA). */
  myJourney: 'latest',
};

export const DEFAULT_DELIVERY_MODE: DeliveryMode = 'fifo';

/** The mode of a root Subscription field; `overrides` (tests, benches) win over the table. */
export function deliveryModeOf(fieldName: string, overrides?: Readonly<Record<string, DeliveryMode>>): DeliveryMode {
  return overrides?.[fieldName] ?? SUBSCRIPTION_DELIVERY_MODES[fieldName] ?? DEFAULT_DELIVERY_MODE;
}

/** Stable codes the gateway puts in `extensions.code` of subscription errors and signals. */
export const SUBSCRIPTION_CODES = {
  /** Supergraph reloaded: the subscription was completed with an error; re-subscribe (and refetch a snapshot). */
  schemaReload: 'SUBSCRIPTION_SCHEMA_RELOAD',
  /** A `next` payload with this error code says events were dropped for this client (fifo overflow): resync. */
  eventsDropped: 'SUBSCRIPTION_EVENTS_DROPPED',
  /** The owning subgraph's connection failed for good. */
  upstreamUnavailable: 'SUBSCRIPTION_UPSTREAM_UNAVAILABLE',
  /** The gateway is shutting down. */
  shutdown: 'SUBSCRIPTION_SERVER_SHUTDOWN',
} as const;

/** WebSocket close codes the gateway uses beyond graphql-ws's own (4400–4504). */
export const SUBSCRIPTION_CLOSE_CODES = {
  /** The connection reached GATEWAY_WS_MAX_LIFETIME_MS; reconnect (graphql-ws clients retry by themselves). */
  maxLifetime: 4000,
  /** The access token expired while the connection was open; reconnect with a fresh token. */
  tokenExpired: 4403,
  /**
   * The connection's session was signed out or revoked (logout, logout everywhere, refresh-token reuse). Same code
   * as graphql-ws's "Unauthorized", which its clients treat as final: sign in again rather than reconnect.
   */
  sessionRevoked: 4401,
  /** GATEWAY_WS_MAX_CONNECTIONS reached (standard "Try Again Later"); clients reconnect with backoff. */
  tooManyConnections: 1013,
} as const;
