/**
 * What the web app knows about the signed-in user, read from the access token's payload. The web app never verifies
 * the signature: the gateway does that on every request; this is for display and for deciding when to refresh.
 */
export interface SessionUser {
  userId: string;
  username: string;
  playerId: string | null;
  roles: string[];
  /** Token expiry, epoch milliseconds. */
  expiresAt: number;
}

/** The session as the browser holds it: the bearer token plus who it belongs to. */
export interface ClientSession {
  token: string;
  user: SessionUser;
}

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(b64);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Decodes a JWT's payload into a SessionUser; null for anything that is not a well-formed token with sub and exp. */
export function sessionUserFromToken(token: string): SessionUser | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(base64UrlDecode(parts[1]));
  } catch {
    return null;
  }
  if (payload === null || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.sub !== 'string' || typeof p.exp !== 'number') return null;
  return {
    userId: p.sub,
    username: typeof p.username === 'string' ? p.username : p.sub,
    playerId: typeof p.playerId === 'string' ? p.playerId : null,
    roles: Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === 'string') : [],
    expiresAt: p.exp * 1000,
  };
}

/** True when the token expires within `marginMs` (default 30 s): refresh before using it. */
export function isExpiring(user: SessionUser, now: number = Date.now(), marginMs = 30_000): boolean {
  return user.expiresAt - now <= marginMs;
}

/** Admin views (Nexus manager, fleet, any region by id) are shown to this role only; the API enforces it anyway. */
export function isAdminUser(user: SessionUser | null): boolean {
  return user?.roles.includes('admin') ?? false;
}
