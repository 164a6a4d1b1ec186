/**
 * Stable error codes shared by every service. Resolvers throw GraphQLError with `extensions.code` set
 * to one of these; REST endpoints answer with `{ error: { code, message } }` and the mapped HTTP status.
 * Add a code here (never inline a new string elsewhere) so clients can rely on the list.
 */
import { ACCOUNT_ERROR_STATUS } from './error-codes/accounts.ts';
import { GOVERNANCE_ERROR_STATUS } from './error-codes/governance.ts';
import { REGION_CONFIG_ERROR_STATUS } from './error-codes/region-config.ts';
import { TRAVEL_ERROR_STATUS } from './error-codes/travel.ts';
import { OPERATIONS_ERROR_STATUS } from './error-codes/operations.ts';

export const ERROR_STATUS = {
  // auth
  ERR_UNAUTHENTICATED: 401,
  ERR_INVALID_TOKEN: 401,
  ERR_FORBIDDEN: 403,
  ERR_ADMIN_REQUIRED: 403,
  ERR_NOT_REGION_OWNER: 403,
  ERR_DEV_LOGIN_DISABLED: 403,
  ERR_UNKNOWN_USER: 404,
  // request shape
  ERR_BAD_REQUEST: 400,
  ERR_VALIDATION: 400,
  ERR_QUERY_TOO_DEEP: 400,
  ERR_QUERY_TOO_LARGE: 400,
  ERR_QUERY_TOO_COMPLEX: 400,
  ERR_SUBSCRIPTION_OVER_HTTP: 405,
  ERR_NOT_FOUND: 404,
  ERR_CONFLICT: 409,
  ERR_INTERNAL: 500,
  // regions
  ERR_REGION_NOT_FOUND: 404,
  ERR_REGION_NAME_INVALID: 400,
  ERR_REGION_NAME_TAKEN: 409,
  ERR_REGION_LIMIT_REACHED: 409,
  ERR_REGION_NOT_READY: 409,
  ERR_INVALID_TRANSITION: 409,
  ERR_SCALE_OUT_OF_RANGE: 400,
  ERR_TERMINATION_NOT_PENDING: 409,
  // galaxy / nexus
  ERR_NEXUS_NOT_GENERATED: 404,
  ERR_NEXUS_EXISTS: 409,
  ERR_GALAXY_VALIDATION_FAILED: 422,
  ERR_UNKNOWN_CLUSTER: 404,
  ERR_UNKNOWN_SECTOR: 404,
  ERR_GENERATION_JOB_NOT_FOUND: 404,
  ERR_GENERATION_IN_PROGRESS: 409,
  /** A generation job whose process stopped before it finished (found stale, marked failed). */
  ERR_GENERATION_INTERRUPTED: 500,
  // billing / PayPal (issue 7)
  ERR_WEBHOOK_SIGNATURE_INVALID: 401,
  ERR_WEBHOOK_MALFORMED: 400,
  ERR_WEBHOOK_REPLAYED: 400,
  ERR_PAYPAL_UNAVAILABLE: 503,
  ERR_UNKNOWN_PLAN: 400,
  ERR_SUBSCRIPTION_NOT_FOUND: 404,
  ERR_NOT_SUBSCRIPTION_OWNER: 403,
  ERR_SUBSCRIPTION_NOT_CANCELLABLE: 409,
  ERR_ALREADY_SUBSCRIBED: 409,
  // Galactic Citizen emergency relocation (when a Galactic Citizenship lapses)
  /** The caller is not a lapsed Galactic Citizen (never a GC, still subscribed, or citizenship revoked). */
  ERR_NOT_GALACTIC_CITIZEN: 403,
  /** The 7-day lapse window has ended. */
  ERR_RELOCATION_WINDOW_CLOSED: 409,
  /** The one emergency relocation of this lapse was already used. */
  ERR_RELOCATION_ALREADY_USED: 409,
  /** The target region is the player's home region (the relocation leads out of it). */
  ERR_RELOCATION_TARGET_IS_HOME: 400,
  /** The player neither owns the target region nor is a citizen / resident there. */
  ERR_NO_HOLDING_IN_REGION: 403,
  // gateway
  /** A subgraph could not be reached (connection refused, reset or timed out); no internal address is leaked. */
  ERR_UPSTREAM_UNAVAILABLE: 503,
  /** A graphql-ws connection already has GATEWAY_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION active subscriptions. */
  ERR_TOO_MANY_SUBSCRIPTIONS: 429,
  // One file per area keeps additions to the table in one place per concept.
  ...ACCOUNT_ERROR_STATUS,
  ...GOVERNANCE_ERROR_STATUS,
  ...REGION_CONFIG_ERROR_STATUS,
  ...TRAVEL_ERROR_STATUS,
  ...OPERATIONS_ERROR_STATUS,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** HTTP status for a code; unknown codes are internal errors. */
export function httpStatusOf(code: string): number {
  return (ERROR_STATUS as Record<string, number>)[code] ?? 500;
}

/** A domain failure with a stable code; services translate it to GraphQLError / REST errors at the edge. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** One validation problem; validators return every problem, not just the first. */
export interface ValidationIssue {
  path: string;
  message: string;
}
