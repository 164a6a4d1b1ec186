/**
 * Sentences people read for the platform's stable error codes. The server's own message is shown when a code has no
 * sentence here yet (new codes land in the services first), so an error is never a bare code.
 */
const SENTENCES: Readonly<Record<string, string>> = {
  ERR_UNAUTHENTICATED: 'You need to sign in for this.',
  ERR_INVALID_TOKEN: 'Your session has ended. Sign in again.',
  ERR_FORBIDDEN: 'You are not allowed to do this.',
  ERR_ADMIN_REQUIRED: 'Only platform administrators can do this.',
  ERR_NOT_REGION_OWNER: 'Only the owner of this region (or an administrator) can do this.',
  ERR_DEV_LOGIN_DISABLED: 'Password-less sign-in is switched off on this deployment.',
  ERR_UNKNOWN_USER: 'No account has that username.',
  ERR_BAD_REQUEST: 'The request was malformed.',
  ERR_VALIDATION: 'Some values are not valid; see the fields below.',
  ERR_NOT_FOUND: 'That does not exist (any more).',
  ERR_CONFLICT: 'Someone changed this at the same time; reload and try again.',
  ERR_INTERNAL: 'Something went wrong on our side. Try again in a moment.',
  ERR_REGION_NOT_FOUND: 'No region has that name or id.',
  ERR_REGION_NAME_INVALID: 'That region name is not allowed.',
  ERR_REGION_NAME_TAKEN: 'Another region already has that name.',
  ERR_REGION_LIMIT_REACHED: 'You already own as many regions as one account may.',
  ERR_REGION_NOT_READY: 'The region is not running yet.',
  ERR_INVALID_TRANSITION: 'The region cannot do that in its current state.',
  ERR_SCALE_OUT_OF_RANGE: 'Those resources are outside the allowed range.',
  ERR_TERMINATION_NOT_PENDING: 'This region has no termination notice to cancel.',
  ERR_NEXUS_NOT_GENERATED: 'The Central Nexus has not been generated yet.',
  ERR_NEXUS_EXISTS: 'The Central Nexus already exists; choose "Regenerate" to replace it.',
  ERR_GALAXY_VALIDATION_FAILED: 'The generated galaxy failed validation and was not saved.',
  ERR_UNKNOWN_CLUSTER: 'There is no cluster with that number.',
  ERR_UNKNOWN_SECTOR: 'There is no such sector.',
  ERR_GENERATION_JOB_NOT_FOUND: 'That generation job does not exist.',
  ERR_GENERATION_IN_PROGRESS: 'A generation is already running; wait for it to finish.',
  ERR_GENERATION_INTERRUPTED: 'The generation stopped before it finished. Start it again.',
  ERR_PAYPAL_UNAVAILABLE: 'PayPal is not answering right now. Nothing was charged; try again shortly.',
  ERR_UNKNOWN_PLAN: 'That plan does not exist.',
  ERR_SUBSCRIPTION_NOT_FOUND: 'That subscription does not exist.',
  ERR_NOT_SUBSCRIPTION_OWNER: 'That subscription belongs to someone else.',
  ERR_SUBSCRIPTION_NOT_CANCELLABLE: 'This subscription cannot be cancelled in its current state.',
  ERR_ALREADY_SUBSCRIBED: 'You already have an active subscription to this plan.',
  ERR_UPSTREAM_UNAVAILABLE: 'A platform service is not answering. Try again in a moment.',
  ERR_GATEWAY_UNREACHABLE: 'The platform cannot be reached. Check that it is running.',
  ERR_EMPTY_RESPONSE: 'The platform answered with no data.',
  ERR_RENDER: 'This page failed to render.',
  SUBSCRIPTION_UPSTREAM_UNAVAILABLE: 'Live updates are unavailable right now; the page shows the last known state.',
};

/** The sentence for `code`; the server's `fallback` message when there is none; a generic sentence otherwise. */
export function describeCode(code: string, fallback?: string): string {
  return SENTENCES[code] ?? (fallback && fallback.trim() !== '' ? fallback : 'Something went wrong.');
}

/** True for codes a signed-out or expired session causes (the UI offers to sign in). */
export function isSessionCode(code: string): boolean {
  return code === 'ERR_UNAUTHENTICATED' || code === 'ERR_INVALID_TOKEN';
}
