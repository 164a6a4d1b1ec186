import { NextResponse, type NextRequest } from 'next/server';
import { refreshSession, signIn, signOut } from '../../../auth/identity-provider';
import { isExpiring, sessionUserFromToken } from '../../../auth/session-claims';
import { clearSessionCookies, readRefreshToken, readSession, writeSessionCookies } from '../../../auth/session-cookie';

/**
 * The browser's session endpoint (same origin, so the httpOnly cookies never leave the web app):
 * GET returns the current session (refreshing it when the token is about to expire; `{ session: null }` when there is
 * none, which is a normal answer, not an error), POST signs in, DELETE signs out. Failures answer
 * `{ error: { code, message, issues? } }`.
 */
export const dynamic = 'force-dynamic';

const isSecure = (req: NextRequest) => req.nextUrl.protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';

function sessionResponse(accessToken: string) {
  const user = sessionUserFromToken(accessToken);
  return NextResponse.json({ session: user ? { token: accessToken, user } : null });
}

function errorResponse(status: number, code: string, message: string, issues?: Array<{ path: string; message: string }>) {
  return NextResponse.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status });
}

export async function GET(req: NextRequest) {
  const current = await readSession();
  if (current && !isExpiring(current.user)) return sessionResponse(current.token);
  const refreshed = await refreshSession(await readRefreshToken());
  if (!refreshed.ok) {
    const res = NextResponse.json({ session: null, ended: { code: refreshed.code, message: refreshed.message } });
    clearSessionCookies(res);
    return res;
  }
  const res = sessionResponse(refreshed.accessToken);
  writeSessionCookies(res, refreshed.accessToken, refreshed.refreshToken, isSecure(req));
  return res;
}

export async function POST(req: NextRequest) {
  const body = (await req.json().catch(() => null)) as { username?: unknown; password?: unknown } | null;
  const username = typeof body?.username === 'string' ? body.username.trim() : '';
  if (username === '') return errorResponse(400, 'ERR_VALIDATION', 'Enter your username.', [{ path: 'username', message: 'Enter your username.' }]);
  const outcome = await signIn({ username, ...(typeof body?.password === 'string' ? { password: body.password } : {}) });
  if (!outcome.ok) {
    const status = outcome.code === 'ERR_VALIDATION' ? 400 : outcome.code === 'ERR_GATEWAY_UNREACHABLE' ? 503 : 401;
    return errorResponse(status, outcome.code, outcome.message, outcome.issues);
  }
  const res = sessionResponse(outcome.accessToken);
  writeSessionCookies(res, outcome.accessToken, outcome.refreshToken, isSecure(req));
  return res;
}

export async function DELETE() {
  await signOut(await readRefreshToken());
  const res = NextResponse.json({ session: null });
  clearSessionCookies(res);
  return res;
}
