/** Error codes of accounts, sign-in, sessions, rate limits; part of ERROR_STATUS (errors.ts). */
export const ACCOUNT_ERROR_STATUS = {} as const;
