/** Error codes of inter-regional travel and its gates; part of ERROR_STATUS (errors.ts). Rules: docs/rules/travel.md. */
export const TRAVEL_ERROR_STATUS = {
  /** Entering the Central Nexus from another region needs an active Galactic Citizen. */
  ERR_GALACTIC_CITIZEN_REQUIRED: 403,
  /** The destination is suspended or in grace: only its owner and stakeholders may enter. */
  ERR_REGION_NEW_RESIDENTS_BLOCKED: 403,
  /** The destination is closed to immigration (citizens, residents and open-borders partners only). */
  ERR_IMMIGRATION_CLOSED: 403,
  /** An officer of the destination denied the entry request. */
  ERR_IMMIGRATION_DENIED: 403,
  /** The destination's visitor limit is reached. */
  ERR_REGION_VISITOR_LIMIT: 409,
  /** The traveller cannot pay the destination's entry fee. */
  ERR_INSUFFICIENT_CREDITS: 402,
  /** The traveller is already in the destination region. */
  ERR_ALREADY_IN_REGION: 400,
  /** The traveller already has an open journey (requested or in transit). */
  ERR_JOURNEY_IN_PROGRESS: 409,
  /** No such journey, or not one the caller may see. */
  ERR_JOURNEY_NOT_FOUND: 404,
  /** The journey has already ended (arrived, refused, cancelled or diverted). */
  ERR_JOURNEY_NOT_OPEN: 409,
  /** The journey is not waiting for an entry decision. */
  ERR_JOURNEY_NOT_AWAITING_APPROVAL: 409,
  /** Only the destination's owner or governor (or an admin) decides entry requests. */
  ERR_NOT_IMMIGRATION_OFFICER: 403,
  /** A region on the route has no spoke warp to the Nexus yet. */
  ERR_NO_ROUTE: 409,
  /** The signed-in account has no player to travel with. */
  ERR_PLAYER_REQUIRED: 403,
} as const;
export type TravelErrorCode = keyof typeof TRAVEL_ERROR_STATUS;
