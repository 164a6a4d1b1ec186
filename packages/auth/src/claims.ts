import { DomainError } from '@sw/domain';

/** A platform role; `admin` implies every player permission plus the admin console. */
export type Role = 'player' | 'admin';

/** Every role a token may carry; anything else makes the token invalid. */
export const ROLES: readonly Role[] = ['player', 'admin'];

/**
 * Verified identity of a caller. Produced by verifyAccessToken (gateway) and decodeForwardedClaims
 * (subgraphs); `exp` is the access token's expiry in seconds since the epoch and bounds both.
 */
export interface Claims {
  /** users.id */
  sub: string;
  username: string;
  /** players.id of the user's single player, null before one exists. */
  playerId: string | null;
  roles: Role[];
  /** Admin scopes (ADMIN_SCOPES, docs/decisions/auth.md); empty for players. */
  scopes: string[];
  exp: number;
  /** auth_sessions.id of a signed-in session; absent for dev-login and service tokens. Revoking it ends the token. */
  sid?: string;
}

/** True when the caller holds the admin role; anonymous callers (null) never are. */
export function isAdmin(c: Claims | null): boolean {
  return c !== null && c.roles.includes('admin');
}

/** True when the caller is an admin holding `scope` (e.g. 'galaxy:manage'). */
export function hasScope(c: Claims | null, scope: string): boolean {
  return isAdmin(c) && c!.scopes.includes(scope);
}

/** Seconds since the epoch, the unit of `exp`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function invalid(message: string): DomainError {
  return new DomainError('ERR_INVALID_TOKEN', message);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Checks that an untrusted decoded object has the exact Claims shape and returns a clean, frozen copy
 * (unknown fields dropped). Throws DomainError ERR_INVALID_TOKEN on any mismatch.
 */
export function parseClaims(raw: unknown): Claims {
  if (raw === null || typeof raw !== 'object') throw invalid('claims are not an object');
  const o = raw as Record<string, unknown>;
  if (typeof o.sub !== 'string' || o.sub === '') throw invalid('claims.sub must be a non-empty string');
  if (typeof o.username !== 'string') throw invalid('claims.username must be a string');
  if (o.playerId !== null && typeof o.playerId !== 'string') throw invalid('claims.playerId must be a string or null');
  if (!isStringArray(o.roles) || !o.roles.every((r) => (ROLES as readonly string[]).includes(r))) {
    throw invalid('claims.roles must be a list of known roles');
  }
  if (!isStringArray(o.scopes)) throw invalid('claims.scopes must be a list of strings');
  if (typeof o.exp !== 'number' || !Number.isFinite(o.exp)) throw invalid('claims.exp must be a number');
  if (o.sid !== undefined && o.sid !== null && (typeof o.sid !== 'string' || o.sid === '')) {
    throw invalid('claims.sid must be a non-empty string when present');
  }
  return Object.freeze({
    sub: o.sub,
    username: o.username,
    playerId: o.playerId as string | null,
    roles: Object.freeze([...(o.roles as Role[])]) as Role[],
    scopes: Object.freeze([...o.scopes]) as string[],
    exp: o.exp,
    ...(typeof o.sid === 'string' ? { sid: o.sid } : {}),
  });
}

/** Throws ERR_INVALID_TOKEN when `exp` is not in the future. */
export function assertNotExpired(c: Claims, now: number = nowSeconds()): void {
  if (c.exp <= now) throw invalid('token expired');
}
