import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { signAccessToken, type Claims, type Role } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';
import type { AccountsDeps, SessionConfig, TokenPair } from './accounts-deps.ts';
import { hashRefreshToken, newRefreshToken } from './refresh-token.ts';

/**
 * Sessions = refresh-token families, one per (user, device) (docs/decisions/auth.md "Sessions"). Every refresh
 * token is single-use: rotating stamps it and issues the next one; presenting a stamped token again means it was
 * copied, so the whole family is revoked. All writes of one step happen in one transaction.
 */
type Tx = Parameters<Parameters<HubDb['transaction']>[0]>[0];
type Db = HubDb | Tx;

const { authSessions, authRefreshTokens, users, players, userAdminScopes } = hub;

/** The claims of a user as they are now (roles, admin scopes, player). Null when the user is gone. */
export async function currentClaims(db: Db, userId: string): Promise<Omit<Claims, 'exp' | 'sid'> | null> {
  const [row] = await db
    .select({
      username: users.username,
      roles: users.roles,
      playerId: players.id,
      scopes: sql<string[]>`coalesce((SELECT array_agg(s.scope ORDER BY s.scope) FROM ${userAdminScopes} s WHERE s.user_id = ${users.id}), '{}')`,
    })
    .from(users)
    .leftJoin(players, eq(players.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const roles = row.roles.filter((r): r is Role => r === 'player' || r === 'admin');
  return { sub: userId, username: row.username, playerId: row.playerId, roles, scopes: roles.includes('admin') ? row.scopes : [] };
}

async function accessTokenFor(cfg: SessionConfig, claims: Omit<Claims, 'exp' | 'sid'>, sessionId: string, now: Date) {
  const accessToken = await signAccessToken({ ...claims, sid: sessionId }, { secret: cfg.jwtSecret, ttlSeconds: cfg.accessTtlSeconds });
  return { accessToken, accessTokenExpiresAt: new Date(now.getTime() + cfg.accessTtlSeconds * 1000).toISOString() };
}

async function insertRefreshToken(tx: Db, cfg: SessionConfig, sessionId: string, sessionExpiresAt: Date, now: Date) {
  const refreshToken = newRefreshToken();
  const expiresAt = new Date(Math.min(now.getTime() + cfg.refreshTtlSeconds * 1000, sessionExpiresAt.getTime()));
  await tx.insert(authRefreshTokens).values({ sessionId, tokenHash: hashRefreshToken(refreshToken), issuedAt: now, expiresAt });
  return { refreshToken, refreshTokenExpiresAt: expiresAt.toISOString() };
}

/**
 * Opens a session for a user on a device inside `tx` and returns its token pair. A live session of the same user
 * on the same device is replaced (revoked, reason `replaced`); its id is returned so the caller can announce it.
 */
export async function openSession(
  tx: Tx,
  cfg: SessionConfig,
  input: { userId: string; deviceId: string; deviceLabel: string | null },
  now: Date,
): Promise<{ pair: TokenPair; replaced: string[] } | null> {
  const replaced = await tx
    .update(authSessions)
    .set({ revokedAt: now, revokedReason: 'replaced' })
    .where(and(eq(authSessions.userId, input.userId), eq(authSessions.deviceId, input.deviceId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  const expiresAt = new Date(now.getTime() + cfg.sessionMaxSeconds * 1000);
  const [session] = await tx
    .insert(authSessions)
    .values({ userId: input.userId, deviceId: input.deviceId, deviceLabel: input.deviceLabel, createdAt: now, lastUsedAt: now, expiresAt })
    .returning({ id: authSessions.id });
  const claims = await currentClaims(tx, input.userId);
  if (!claims || !session) return null;
  const refresh = await insertRefreshToken(tx, cfg, session.id, expiresAt, now);
  const access = await accessTokenFor(cfg, claims, session.id, now);
  return { pair: { ...access, ...refresh, sessionId: session.id }, replaced: replaced.map((r) => r.id) };
}

export type RefreshOutcome =
  | { kind: 'ok'; pair: TokenPair; userId: string }
  | { kind: 'invalid' }
  /** The token had already been rotated: the session was revoked (announce `sessionId`). */
  | { kind: 'reused'; sessionId: string; userId: string };

/** One row of the single-statement rotation below (raw SQL: drizzle cannot express a writable CTE chain). */
interface RotatedRow extends Record<string, unknown> {
  session_id: string;
  user_id: string;
  refresh_expires_at: Date | string;
  username: string;
  roles: string[];
  player_id: string | null;
  scopes: string[];
}

/**
 * Rotates a refresh token. The common case is ONE statement (one round trip, one commit): stamp the token as used —
 * only if it is unused, unexpired and its session live — touch the session and insert the next token, returning the
 * claims. Two concurrent uses of one token are serialized by the row lock of that UPDATE: the second finds the token
 * already stamped and falls to the slow path, which tells a reuse (the session is revoked) from an invalid token.
 */
export async function rotateRefreshToken(deps: AccountsDeps, token: string): Promise<RefreshOutcome> {
  const now = deps.now?.() ?? new Date();
  const cfg = deps.sessions;
  const next = newRefreshToken();
  // ISO strings, cast in SQL: drizzle's postgres-js client does not serialize Date parameters of raw SQL.
  const at = now.toISOString();
  const refreshUntil = new Date(now.getTime() + cfg.refreshTtlSeconds * 1000).toISOString();
  const rows = await deps.db.execute<RotatedRow>(sql`
    WITH used AS (
      UPDATE ${authRefreshTokens} t SET rotated_at = ${at}::timestamptz
      FROM ${authSessions} s
      WHERE t.token_hash = ${hashRefreshToken(token)} AND t.rotated_at IS NULL AND t.expires_at > ${at}::timestamptz
        AND s.id = t.session_id AND s.revoked_at IS NULL AND s.expires_at > ${at}::timestamptz
      RETURNING t.session_id, s.user_id, s.expires_at AS session_expires_at
    ), touched AS (
      UPDATE ${authSessions} SET last_used_at = ${at}::timestamptz WHERE id IN (SELECT session_id FROM used)
    ), fresh AS (
      INSERT INTO ${authRefreshTokens} (session_id, token_hash, issued_at, expires_at)
      SELECT session_id, ${hashRefreshToken(next)}, ${at}::timestamptz, LEAST(${refreshUntil}::timestamptz, session_expires_at) FROM used
      RETURNING expires_at
    )
    SELECT used.session_id, used.user_id, fresh.expires_at AS refresh_expires_at, u.username, u.roles, p.id AS player_id,
           coalesce((SELECT array_agg(sc.scope ORDER BY sc.scope) FROM ${userAdminScopes} sc WHERE sc.user_id = u.id), '{}') AS scopes
    FROM used CROSS JOIN fresh JOIN ${users} u ON u.id = used.user_id LEFT JOIN ${players} p ON p.user_id = u.id`);
  const row = rows[0];
  if (row) {
    const roles = row.roles.filter((r): r is Role => r === 'player' || r === 'admin');
    const claims = { sub: row.user_id, username: row.username, playerId: row.player_id, roles, scopes: roles.includes('admin') ? row.scopes : [] };
    const access = await accessTokenFor(cfg, claims, row.session_id, now);
    const refreshTokenExpiresAt = new Date(row.refresh_expires_at).toISOString();
    return { kind: 'ok', userId: row.user_id, pair: { ...access, refreshToken: next, refreshTokenExpiresAt, sessionId: row.session_id } };
  }
  const outcome = await deps.db.transaction(async (tx): Promise<RefreshOutcome> => {
    const [known] = await tx
      .select({ rotatedAt: authRefreshTokens.rotatedAt, sessionId: authSessions.id, userId: authSessions.userId, revokedAt: authSessions.revokedAt })
      .from(authRefreshTokens)
      .innerJoin(authSessions, eq(authSessions.id, authRefreshTokens.sessionId))
      .where(eq(authRefreshTokens.tokenHash, hashRefreshToken(token)))
      .for('update', { of: authRefreshTokens });
    if (!known || known.revokedAt !== null || known.rotatedAt === null) return { kind: 'invalid' };
    await tx
      .update(authSessions)
      .set({ revokedAt: now, revokedReason: 'reuse_detected' })
      .where(and(eq(authSessions.id, known.sessionId), isNull(authSessions.revokedAt)));
    return { kind: 'reused', sessionId: known.sessionId, userId: known.userId };
  });
  if (outcome.kind === 'reused') {
    await deps.onSessionsRevoked?.({ userId: outcome.userId, sessionIds: [outcome.sessionId], reason: 'reuse_detected' });
  }
  return outcome;
}

/**
 * Ends the session a refresh token belongs to (sign out on this device). Idempotent: an unknown or already ended
 * session answers `{ ended: false }` without an error, so a client can always sign out.
 */
export async function endSessionByRefreshToken(deps: AccountsDeps, token: string): Promise<{ ended: boolean; sessionId: string | null }> {
  const [row] = await deps.db
    .select({ sessionId: authRefreshTokens.sessionId })
    .from(authRefreshTokens)
    .where(eq(authRefreshTokens.tokenHash, hashRefreshToken(token)))
    .limit(1);
  if (!row) return { ended: false, sessionId: null };
  return endSession(deps, row.sessionId, 'logout');
}

/** Ends one session by id (logout with an access token, or an admin revoking it). Idempotent. */
export async function endSession(
  deps: AccountsDeps,
  sessionId: string,
  reason: 'logout' | 'admin',
): Promise<{ ended: boolean; sessionId: string | null }> {
  const now = deps.now?.() ?? new Date();
  const [ended] = await deps.db
    .update(authSessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id, userId: authSessions.userId });
  if (!ended) return { ended: false, sessionId };
  await deps.onSessionsRevoked?.({ userId: ended.userId, sessionIds: [ended.id], reason });
  return { ended: true, sessionId: ended.id };
}

/** Ends every live session of a user (sign out everywhere). Returns how many ended. */
export async function endAllSessions(deps: AccountsDeps, userId: string): Promise<{ ended: number }> {
  const now = deps.now?.() ?? new Date();
  const ended = await deps.db
    .update(authSessions)
    .set({ revokedAt: now, revokedReason: 'logout_all' })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  if (ended.length > 0) await deps.onSessionsRevoked?.({ userId, sessionIds: ended.map((s) => s.id), reason: 'logout_all' });
  return { ended: ended.length };
}

export interface SessionView {
  id: string;
  deviceId: string;
  deviceLabel: string | null;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
}

/** The user's live sessions, most recently used first. */
export async function listLiveSessions(db: HubDb, userId: string, now: Date = new Date()): Promise<SessionView[]> {
  const rows = await db
    .select()
    .from(authSessions)
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)))
    .orderBy(sql`${authSessions.lastUsedAt} DESC`);
  return rows.map((r) => ({
    id: r.id,
    deviceId: r.deviceId,
    deviceLabel: r.deviceLabel,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}

/** Sessions revoked after `since` (a gateway loads these at startup so tokens issued before still die). */
export async function sessionsRevokedSince(db: HubDb, since: Date): Promise<string[]> {
  const rows = await db.select({ id: authSessions.id }).from(authSessions).where(gt(authSessions.revokedAt, since));
  return rows.map((r) => r.id);
}

/** True when the session is live (used by the gateway to double-check an unknown sid, e.g. after a restart). */
export async function isSessionLive(db: HubDb, sessionId: string, now: Date = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)))
    .limit(1);
  return row !== undefined;
}
