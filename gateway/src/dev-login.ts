import type { Express, Request, Response } from 'express';
import { signAccessToken } from '@sw/auth';
import type { Role } from '@sw/auth';
import { httpStatusOf } from '@sw/domain';

/** A seeded account as the dev login needs it. */
export interface DevLoginUser {
  id: string;
  username: string;
  roles: Role[];
  playerId: string | null;
  /** Admin scopes (table user_admin_scopes); the seeded admin holds all of them. */
  scopes?: string[];
}

/** Looks a user up by (lower-case) username; null when no such user exists. */
export type DevLoginLookup = (username: string) => Promise<DevLoginUser | null>;

export type DevLoginOutcome =
  | { ok: true; token: string; user: DevLoginUser }
  | { ok: false; code: 'ERR_BAD_REQUEST' | 'ERR_UNKNOWN_USER' | 'ERR_DEV_LOGIN_DISABLED'; message: string };

/** The 200 body of POST /api/v1/auth/dev-login. */
export interface DevLoginResponse {
  token: string;
  user: DevLoginUser;
}

const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,49}$/;

/**
 * Issues an access token for a seeded user without a password — embedded/dev default only. Refused when `enabled` is
 * false (NODE_ENV=production or DEV_LOGIN=false). Bad input changes nothing and gets a stable code.
 */
export async function devLogin(
  body: unknown,
  deps: { enabled: boolean; lookup: DevLoginLookup; jwtSecret?: string; ttlSeconds?: number },
): Promise<DevLoginOutcome> {
  if (!deps.enabled) {
    return { ok: false, code: 'ERR_DEV_LOGIN_DISABLED', message: 'Dev login is disabled on this deployment' };
  }
  const raw = body !== null && typeof body === 'object' ? (body as { username?: unknown }).username : undefined;
  if (typeof raw !== 'string' || !USERNAME.test(raw.trim().toLowerCase())) {
    return { ok: false, code: 'ERR_BAD_REQUEST', message: 'Body must be JSON {"username": "<seeded username>"}' };
  }
  const user = await deps.lookup(raw.trim().toLowerCase());
  if (!user) return { ok: false, code: 'ERR_UNKNOWN_USER', message: `No seeded user named "${raw.trim()}"` };
  const token = await signAccessToken(
    { sub: user.id, username: user.username, playerId: user.playerId, roles: user.roles, scopes: user.roles.includes('admin') ? (user.scopes ?? []) : [] },
    { ...(deps.jwtSecret !== undefined ? { secret: deps.jwtSecret } : {}), ...(deps.ttlSeconds ? { ttlSeconds: deps.ttlSeconds } : {}) },
  );
  return { ok: true, token, user };
}

/** Minimal view of a postgres.js `sql` tag used by the lookup. */
type SqlTag = (strings: TemplateStringsArray, ...values: unknown[]) => Promise<Record<string, unknown>[]>;

/** Reads a user and their (single) player from the hub DB `users` / `players` tables. */
export function hubUserLookup(sql: SqlTag): DevLoginLookup {
  return async (username) => {
    const rows = await sql`
      select u.id::text as id, u.username, u.roles, p.id::text as player_id,
             coalesce((select array_agg(s.scope order by s.scope) from user_admin_scopes s where s.user_id = u.id), '{}') as scopes
      from users u left join players p on p.user_id = u.id
      where u.username = ${username}
      limit 1`;
    const row = rows[0];
    if (!row) return null;
    const roles = (Array.isArray(row.roles) ? row.roles : []).filter((r): r is Role => r === 'player' || r === 'admin');
    const scopes = Array.isArray(row.scopes) ? row.scopes.filter((s): s is string => typeof s === 'string') : [];
    return { id: String(row.id), username: String(row.username), roles, playerId: row.player_id == null ? null : String(row.player_id), ...(scopes.length ? { scopes } : {}) };
  };
}

/** Mounts POST /api/v1/auth/dev-login. Errors answer `{ error: { code, message } }` with the code's HTTP status. */
export function mountDevLogin(
  app: Express,
  deps: { enabled: boolean; lookup: () => Promise<DevLoginLookup>; jwtSecret?: string; onError?: (err: unknown) => void },
): void {
  app.post('/api/v1/auth/dev-login', async (req: Request, res: Response) => {
    try {
      const outcome = await devLogin(req.body, {
        enabled: deps.enabled,
        lookup: async (u) => (await deps.lookup())(u),
        ...(deps.jwtSecret !== undefined ? { jwtSecret: deps.jwtSecret } : {}),
      });
      if (outcome.ok) {
        const body: DevLoginResponse = { token: outcome.token, user: outcome.user };
        res.status(200).json(body);
      } else {
        res.status(httpStatusOf(outcome.code)).json({ error: { code: outcome.code, message: outcome.message } });
      }
    } catch (err) {
      deps.onError?.(err);
      res.status(500).json({ error: { code: 'ERR_INTERNAL', message: 'Dev login failed' } });
    }
  });
}
