import { SESSION_ACCESS_TOKEN_TTL_SECONDS } from '@sw/auth';
import { readEnvInt } from '@sw/config';
import type { HubDb } from '@sw/db';
import type { PasswordHasher } from './password-hasher.ts';

/** Lifetimes of the token pair (docs/decisions/auth.md "Sessions"). */
export interface SessionConfig {
  /** Access JWT lifetime (AUTH_ACCESS_TOKEN_TTL_SECONDS, default 900 = 15 min). */
  accessTtlSeconds: number;
  /** One refresh token's lifetime (AUTH_REFRESH_TOKEN_TTL_DAYS, default 30). */
  refreshTtlSeconds: number;
  /** A session's absolute lifetime; refreshing never extends it (AUTH_SESSION_MAX_DAYS, default 90). */
  sessionMaxSeconds: number;
  /** Secret that signs access tokens (JWT_SECRET). */
  jwtSecret: string;
}

export function sessionConfigFromEnv(jwtSecret: string, env: NodeJS.ProcessEnv = process.env): SessionConfig {
  return {
    accessTtlSeconds: readEnvInt('AUTH_ACCESS_TOKEN_TTL_SECONDS', SESSION_ACCESS_TOKEN_TTL_SECONDS, env),
    refreshTtlSeconds: readEnvInt('AUTH_REFRESH_TOKEN_TTL_DAYS', 30, env) * 86_400,
    sessionMaxSeconds: readEnvInt('AUTH_SESSION_MAX_DAYS', 90, env) * 86_400,
    jwtSecret,
  };
}

/** Sessions that just ended: the gateway drops their access tokens and closes their WebSockets. */
export interface RevokedSessions {
  userId: string;
  sessionIds: string[];
  reason: string;
}

/** What the account commands need. */
export interface AccountsDeps {
  db: HubDb;
  hasher: PasswordHasher;
  sessions: SessionConfig;
  now?: () => Date;
  /** Called after the commit that ended these sessions (publish to the gateways). Errors are the caller's to log. */
  onSessionsRevoked?: (revoked: RevokedSessions) => Promise<void> | void;
  /** Unexpected errors that did not change the answer (e.g. a failed invite part of a sign-up). */
  logError?: (err: unknown, message: string) => void;
}

/** The pair a client keeps: a 15-minute access JWT and a single-use refresh token. */
export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  sessionId: string;
}
