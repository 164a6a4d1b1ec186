/**
 * Error codes of accounts, sign-in, sessions, rate limits and region invites (minted by owners, redeemed at
 * sign-up); part of ERROR_STATUS (errors.ts). Rules: docs/rules/accounts.md, docs/rules/invites.md.
 */
export const ACCOUNT_ERROR_STATUS = {
  // registration and sign-in
  /** The username is already registered (compared case-insensitively). */
  ERR_USERNAME_TAKEN: 409,
  /** The e-mail address is already registered (compared case-insensitively). */
  ERR_EMAIL_TAKEN: 409,
  /** The password fails the password policy (details.issues lists every reason). */
  ERR_WEAK_PASSWORD: 400,
  /** Unknown user, wrong password or an account without a password: one answer for all three. */
  ERR_INVALID_CREDENTIALS: 401,
  /** Too many requests or failed sign-ins; the Retry-After header says when to try again. */
  ERR_RATE_LIMITED: 429,
  // sessions
  /** The refresh token is unknown, expired or belongs to an ended session. */
  ERR_INVALID_REFRESH_TOKEN: 401,
  /** A refresh token that was already rotated was presented again: its whole session was revoked. */
  ERR_REFRESH_TOKEN_REUSED: 401,
  /** The access token belongs to a session that was signed out or revoked. */
  ERR_SESSION_REVOKED: 401,
  // roles and scopes
  /** An admin without the admin scope the operation needs (details.scope). */
  ERR_SCOPE_REQUIRED: 403,
  // invites
  /** The owner already has the maximum number of active invites for this region. */
  ERR_INVITE_LIMIT_REACHED: 409,
  /** No invite with that id in a region the caller may manage. */
  ERR_INVITE_NOT_FOUND: 404,
  /** Sign-up notices (the account is still created, in Terran Space): why an invite code was not redeemed. */
  ERR_INVITE_INVALID: 400,
  ERR_INVITE_EXPIRED: 409,
  ERR_INVITE_REVOKED: 409,
  ERR_INVITE_EXHAUSTED: 409,
  /** The region changed hands (or is gone) since the invite was minted. */
  ERR_INVITE_REGION_UNAVAILABLE: 409,
  /** The minting owner reached the weekly redemption limit. */
  ERR_INVITE_REDEMPTION_LIMIT: 409,
  // dev login
  /** The dev login (embedded default) was called from another host: it answers loopback callers only. */
  ERR_DEV_LOGIN_LOOPBACK_ONLY: 403,
} as const;
