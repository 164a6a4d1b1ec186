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
  ERR_CONFIG_INVALID: 'Some settings are not valid; see the fields below.',
  ERR_VERSION_CONFLICT: 'Someone changed these settings since you opened them. Reload them; your edits are kept.',
  ERR_CONFIG_NO_CHANGE: 'Nothing changed: these are already the current settings.',
  ERR_POLICY_REQUIRED: 'Under this governance type the change needs a passed policy.',
  ERR_SETTING_CHANGE_DENIED: 'You hold no office that may change these settings.',
  ERR_INVALID_CURSOR: 'That page link has expired; start from the first page.',
  ERR_GALACTIC_CITIZEN_REQUIRED: 'Only Galactic Citizens may travel through the Central Nexus.',
  ERR_REGION_NEW_RESIDENTS_BLOCKED: 'The region is suspended: only its owner and members may enter.',
  ERR_IMMIGRATION_CLOSED: 'The region is closed to visitors.',
  ERR_IMMIGRATION_DENIED: 'The region refused your entry request.',
  ERR_REGION_VISITOR_LIMIT: 'The region has reached its visitor limit.',
  ERR_INSUFFICIENT_CREDITS: 'You cannot pay the entry fee.',
  ERR_ALREADY_IN_REGION: 'You are already in that region.',
  ERR_JOURNEY_IN_PROGRESS: 'You are already travelling; finish or cancel that journey first.',
  ERR_JOURNEY_NOT_FOUND: 'That journey does not exist.',
  ERR_JOURNEY_NOT_OPEN: 'That journey has already ended.',
  ERR_NO_ROUTE: 'There is no route there yet (the region is not attached to the Nexus).',
  ERR_PLAYER_REQUIRED: 'This account has no player yet.',
  ERR_USERNAME_TAKEN: 'That username is taken.',
  ERR_EMAIL_TAKEN: 'An account with that e-mail address exists.',
  ERR_WEAK_PASSWORD: 'The password is too weak.',
  ERR_INVALID_CREDENTIALS: 'Wrong username, e-mail or password.',
  ERR_RATE_LIMITED: 'Too many attempts; wait a moment and try again.',
  ERR_INVALID_REFRESH_TOKEN: 'Your session has ended. Sign in again.',
  ERR_SESSION_REVOKED: 'Your session was signed out. Sign in again.',
  SUBSCRIPTION_UPSTREAM_UNAVAILABLE: 'Live updates are unavailable right now; the page shows the last known state.',
};

/** The sentence for `code`; the server's `fallback` message when there is none; a generic sentence otherwise. */
export function describeCode(code: string, fallback?: string): string {
  return SENTENCES[code] ?? (fallback && fallback.trim() !== '' ? fallback : 'Something went wrong.');
}

/** True for codes a signed-out or expired session causes (the UI offers to sign in). */
export function isSessionCode(code: string): boolean {
  return code === 'ERR_UNAUTHENTICATED' || code === 'ERR_INVALID_TOKEN' || code === 'ERR_SESSION_REVOKED';
}
