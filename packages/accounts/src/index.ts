/**
 * @sw/accounts — registration, sign-in, sessions (rotating refresh tokens), invite redemption at sign-up and
 * admin accounts (docs/decisions/auth.md). The gateway's auth routes and the accounts CLI call these commands.
 */
export { registerAccount } from './register-account.ts';
export type { RegisterInput, RegisterOutcome } from './register-account.ts';
export { signIn, signInKey } from './sign-in.ts';
export type { SignInInput, SignInOutcome } from './sign-in.ts';
export {
  currentClaims,
  endAllSessions,
  endSession,
  endSessionByRefreshToken,
  isSessionLive,
  listLiveSessions,
  rotateRefreshToken,
  sessionsRevokedSince,
} from './sessions.ts';
export type { RefreshOutcome, SessionView } from './sessions.ts';
export { hashAddress, redeemInviteInTx } from './redeem-invite.ts';
export type { Placement, RedeemOutcome } from './redeem-invite.ts';
export { changeAdminScopes, createAdmin, parseScopes, setPassword } from './create-admin.ts';
export type { AdminOutcome } from './create-admin.ts';
export { argon2ParamsFromEnv, createPasswordHasher, OWASP_ARGON2ID } from './password-hasher.ts';
export type { Argon2Params, PasswordHasher } from './password-hasher.ts';
export { hashRefreshToken, looksLikeRefreshToken, newRefreshToken } from './refresh-token.ts';
export { sessionConfigFromEnv } from './accounts-deps.ts';
export type { AccountsDeps, RevokedSessions, SessionConfig, TokenPair } from './accounts-deps.ts';
