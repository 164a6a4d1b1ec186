/** Error codes of accounts, sign-in, sessions, rate limits; part of ERROR_STATUS (errors.ts). */
export const ACCOUNT_ERROR_STATUS = {
  /** The dev login (embedded default) was called from another host: it answers loopback callers only. */
  ERR_DEV_LOGIN_LOOPBACK_ONLY: 403,
} as const;
