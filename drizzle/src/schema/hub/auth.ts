import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { ADMIN_SCOPES } from '@sw/domain';
import { createdAt, inList, tstz, uuidPk } from '../sql-helpers.ts';
import { users } from './identity.ts';

/**
 * Sign-in and access control (docs/decisions/auth.md): password hashes, sessions (one refresh-token family per
 * device), the hashed refresh tokens of each family, admin scopes, and the audit log of admin and owner actions.
 */

/** Why a session ended. */
export const SESSION_REVOKE_REASONS = ['logout', 'logout_all', 'reuse_detected', 'replaced', 'admin', 'expired'] as const;
export type SessionRevokeReason = (typeof SESSION_REVOKE_REASONS)[number];

/** Outcome recorded for an audited action. */
export const AUDIT_RESULTS = ['ok', 'denied', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** The password of an account (argon2id PHC string). Accounts without a row cannot sign in with a password. */
export const userCredentials = pgTable(
  'user_credentials',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** PHC string `$argon2id$v=19$m=...,t=...,p=...$salt$hash`; the parameters travel with the hash. */
    passwordHash: text('password_hash').notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  () => [check('user_credentials_argon2id', sql`password_hash LIKE '$argon2id$%'`)],
);

/**
 * A signed-in device: one refresh-token family. At most one live session per (user, device); signing in again on
 * the same device replaces the old family. Access tokens carry the session id (`sid`), so revoking the row ends
 * the session's HTTP requests and WebSockets at once.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuidPk(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Client-chosen device id (web: a random id kept in a cookie); random when the client sends none. */
    deviceId: varchar('device_id', { length: 64 }).notNull(),
    deviceLabel: varchar('device_label', { length: 200 }),
    createdAt: createdAt(),
    lastUsedAt: tstz('last_used_at').notNull().defaultNow(),
    /** Absolute end of the session; refreshing never extends it. */
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    revokedReason: varchar('revoked_reason', { length: 30 }),
  },
  (t) => [
    uniqueIndex('uq_auth_sessions_live_device').on(t.userId, t.deviceId).where(sql`revoked_at IS NULL`),
    index('idx_auth_sessions_user').on(t.userId),
    index('idx_auth_sessions_revoked_at').on(t.revokedAt),
    check('auth_sessions_expiry_after_creation', sql`expires_at > created_at`),
    check(
      'auth_sessions_revocation_complete',
      sql`(revoked_at IS NULL AND revoked_reason IS NULL) OR (revoked_at IS NOT NULL AND ${inList('revoked_reason', SESSION_REVOKE_REASONS)})`,
    ),
  ],
);

/** Refresh tokens of a session, stored as SHA-256 hashes. A token is usable once: rotating stamps `rotated_at`. */
export const authRefreshTokens = pgTable(
  'auth_refresh_tokens',
  {
    id: uuidPk(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => authSessions.id, { onDelete: 'cascade' }),
    /** hex SHA-256 of the token (the token itself is 256 random bits and never stored). */
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    issuedAt: tstz('issued_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    rotatedAt: tstz('rotated_at'),
  },
  (t) => [
    uniqueIndex('uq_auth_refresh_tokens_hash').on(t.tokenHash),
    index('idx_auth_refresh_tokens_session').on(t.sessionId),
    check('auth_refresh_tokens_hash_hex', sql`token_hash ~ '^[0-9a-f]{64}$'`),
    check('auth_refresh_tokens_expiry_after_issue', sql`expires_at > issued_at`),
  ],
);

/** Scopes of an admin account (the account also holds the `admin` role). */
export const userAdminScopes = pgTable(
  'user_admin_scopes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: varchar('scope', { length: 50 }).notNull(),
    grantedAt: createdAt('granted_at'),
    /** Who granted it (users.id), null when granted by the CLI or the seed. Kept without FK. */
    grantedBy: uuid('granted_by'),
  },
  (t) => [primaryKey({ name: 'pk_user_admin_scopes', columns: [t.userId, t.scope] }), check('valid_admin_scope', inList('scope', ADMIN_SCOPES))],
);

/**
 * Every admin and owner action (who, what, target, when, result). Actor and region are snapshots without
 * foreign keys, so the trail survives deleted accounts and hard-deleted regions; a trigger (custom migration)
 * makes the table append-only.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuidPk(),
    at: tstz('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorUsername: varchar('actor_username', { length: 50 }),
    actorRoles: text('actor_roles').array().notNull().default(sql`'{}'::text[]`),
    /** `<subgraph or area>.<operation>`, e.g. `orchestrator.scaleRegion`, `governance.mintInvite`. */
    action: varchar('action', { length: 100 }).notNull(),
    targetType: varchar('target_type', { length: 50 }),
    targetId: text('target_id'),
    regionId: uuid('region_id'),
    result: varchar('result', { length: 20 }).notNull(),
    /** The error code for denied / failed results. */
    errorCode: varchar('error_code', { length: 64 }),
    details: jsonb('details').notNull().default({}),
    requestId: varchar('request_id', { length: 128 }),
  },
  (t) => [
    index('idx_audit_log_at').on(t.at.desc()),
    index('idx_audit_log_actor_at').on(t.actorUserId, t.at.desc()),
    index('idx_audit_log_region_at').on(t.regionId, t.at.desc()),
    index('idx_audit_log_action_at').on(t.action, t.at.desc()),
    check('valid_audit_result', inList('result', AUDIT_RESULTS)),
    check('audit_log_action_shape', sql`action ~ '^[a-z][a-zA-Z0-9]*\\.[a-zA-Z][a-zA-Z0-9]*$'`),
  ],
);
