import 'server-only';
import { serverEnv } from '../env';

/**
 * The ONE place that knows how the platform signs people in. Everything else (route handler, pages, the browser's
 * session context) sees only these outcomes, so moving from the dev login to the accounts service's password login
 * and refresh tokens changes this file and nothing else.
 */
export type SignInOutcome =
  | { ok: true; accessToken: string; refreshToken: string | null }
  | { ok: false; code: string; message: string; issues?: Array<{ path: string; message: string }> };

/** Credentials the sign-in form sends; `password` is ignored by the dev login. */
export interface SignInCredentials {
  username: string;
  password?: string;
}

interface RestError {
  error?: { code?: string; message?: string };
}

async function postJson(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const { GATEWAY_ORIGIN, GATEWAY_TIMEOUT_MS } = serverEnv();
  const res = await fetch(`${GATEWAY_ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
    signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
  });
  const json: unknown = await res.json().catch(() => null);
  return { status: res.status, json };
}

function failure(json: unknown, fallback: string): SignInOutcome {
  const err = (json as RestError | null)?.error;
  return { ok: false, code: err?.code ?? 'ERR_INTERNAL', message: err?.message ?? fallback };
}

/**
 * Signs a user in when the sign-in form is submitted. Today: the gateway's dev login (seeded users, no password),
 * which issues an access token only; there is no refresh token, so the session ends when that token expires.
 */
export async function signIn(credentials: SignInCredentials): Promise<SignInOutcome> {
  try {
    const { status, json } = await postJson('/api/v1/auth/dev-login', { username: credentials.username });
    if (status !== 200) return failure(json, 'Sign-in failed');
    const token = (json as { token?: unknown }).token;
    if (typeof token !== 'string') return { ok: false, code: 'ERR_INTERNAL', message: 'The sign-in answer had no token' };
    return { ok: true, accessToken: token, refreshToken: null };
  } catch (err) {
    return { ok: false, code: 'ERR_GATEWAY_UNREACHABLE', message: `The gateway is not reachable (${err instanceof Error ? err.message : String(err)})` };
  }
}

/**
 * Trades a refresh token for a new access token when the browser's token is about to expire. The dev login has no
 * refresh tokens, so this reports the session as ended and the browser asks the user to sign in again.
 */
export async function refreshSession(refreshToken: string | null): Promise<SignInOutcome> {
  if (!refreshToken) return { ok: false, code: 'ERR_UNAUTHENTICATED', message: 'The session has ended; sign in again.' };
  return Promise.resolve({ ok: false, code: 'ERR_UNAUTHENTICATED', message: 'The session has ended; sign in again.' });
}

/** Ends the session at the identity service when the user signs out (the dev login keeps no server-side session). */
export async function signOut(_refreshToken: string | null): Promise<void> {
  return Promise.resolve();
}
