import 'server-only';
import { serverEnv } from '../env';

/**
 * The ONE place that knows how the platform signs people in. Everything else (the /api/session route, pages, the
 * browser's session context) sees only these outcomes. It speaks the gateway's auth endpoints in token-pair mode:
 * the web server keeps the refresh token in its own httpOnly cookie, so the browser never holds it and server
 * rendering can refresh a session too. A username without a password uses the dev login (seeded users; refused by
 * production deployments).
 */
export type Issue = { path: string; message: string };

export type SignInOutcome =
  | { ok: true; accessToken: string; refreshToken: string | null; notice?: string | undefined }
  | { ok: false; code: string; message: string; issues?: Issue[] };

export interface SignInCredentials {
  username: string;
  password?: string | undefined;
}

export interface RegistrationInput {
  username: string;
  email: string;
  password: string;
  inviteCode?: string | undefined;
}

interface AuthJson {
  accessToken?: unknown;
  refreshToken?: unknown;
  token?: unknown;
  inviteNotice?: unknown;
  error?: { code?: string; message?: string; details?: { issues?: Issue[] } };
}

async function post(path: string, body: unknown): Promise<{ status: number; json: AuthJson }> {
  const { GATEWAY_ORIGIN, GATEWAY_TIMEOUT_MS } = serverEnv();
  const res = await fetch(`${GATEWAY_ORIGIN}/api/v1/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
    signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
  });
  const json = ((await res.json().catch(() => null)) ?? {}) as AuthJson;
  return { status: res.status, json };
}

function failure(status: number, json: AuthJson, fallback: string): SignInOutcome {
  if (status === 404 && !json.error) return { ok: false, code: 'ERR_NOT_FOUND', message: 'This platform does not offer that sign-in method.' };
  const e = json.error;
  return { ok: false, code: e?.code ?? 'ERR_INTERNAL', message: e?.message ?? fallback, ...(e?.details?.issues ? { issues: e.details.issues } : {}) };
}

function tokens(json: AuthJson, notice?: string): SignInOutcome {
  const access = typeof json.accessToken === 'string' ? json.accessToken : typeof json.token === 'string' ? json.token : null;
  if (!access) return { ok: false, code: 'ERR_INTERNAL', message: 'The sign-in answer had no access token' };
  return { ok: true, accessToken: access, refreshToken: typeof json.refreshToken === 'string' ? json.refreshToken : null, notice };
}

async function guarded(run: () => Promise<SignInOutcome>): Promise<SignInOutcome> {
  try {
    return await run();
  } catch (err) {
    return { ok: false, code: 'ERR_GATEWAY_UNREACHABLE', message: `The gateway is not reachable (${err instanceof Error ? err.message : String(err)})` };
  }
}

/** Signs a user in when the sign-in form is submitted: password login, or the dev login without a password. */
export function signIn(c: SignInCredentials): Promise<SignInOutcome> {
  return guarded(async () => {
    if (!c.password) {
      const { status, json } = await post('/dev-login', { username: c.username });
      return status === 200 ? tokens(json) : failure(status, json, 'Sign-in failed');
    }
    const { status, json } = await post('/login', { login: c.username, password: c.password });
    return status === 200 ? tokens(json) : failure(status, json, 'Sign-in failed');
  });
}

/** Creates an account (optionally redeeming a region invite) and signs it in; `notice` says why an invite did not apply. */
export function register(input: RegistrationInput): Promise<SignInOutcome> {
  return guarded(async () => {
    const { username, email, password, inviteCode } = input;
    const { status, json } = await post('/register', { username, email, password, ...(inviteCode ? { inviteCode } : {}) });
    if (status !== 201 && status !== 200) return failure(status, json, 'Sign-up failed');
    const notice = json.inviteNotice && typeof json.inviteNotice === 'object' ? (json.inviteNotice as { message?: unknown }).message : undefined;
    return tokens(json, typeof notice === 'string' ? notice : undefined);
  });
}

/**
 * Trades the refresh token for a new pair when the access token is about to expire (the old refresh token is spent:
 * the caller stores the new one). Without a refresh token (dev login) the session simply ends.
 */
export function refreshSession(refreshToken: string | null): Promise<SignInOutcome> {
  if (!refreshToken) return Promise.resolve({ ok: false, code: 'ERR_UNAUTHENTICATED', message: 'The session has ended; sign in again.' });
  return guarded(async () => {
    const { status, json } = await post('/refresh', { refreshToken });
    return status === 200 ? tokens(json) : failure(status, json, 'The session has ended; sign in again.');
  });
}

/** Ends the session at the gateway when the user signs out (best effort: the cookies are cleared either way). */
export async function signOut(refreshToken: string | null): Promise<void> {
  if (!refreshToken) return;
  await guarded(async () => {
    await post('/logout', { refreshToken });
    return { ok: false, code: 'ERR_NONE', message: '' };
  });
}
