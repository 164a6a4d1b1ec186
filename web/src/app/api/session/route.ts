import { NextResponse, type NextRequest } from 'next/server';
import { refreshSession, signIn, signOut } from '../../../auth/identity-provider';
import { isExpiring } from '../../../auth/session-claims';
import { clearSessionCookies, readRefreshToken, readSession } from '../../../auth/session-cookie';
import { errorResponse, outcomeResponse, sessionResponse } from '../../../auth/session-response';

/**
 * The browser's session endpoint (same origin, so the httpOnly cookies never leave the web app):
 * GET returns the current session, refreshing it with the refresh token when the access token is about to expire
 * (`{ session: null }` when there is none: a normal answer, not an error); POST signs in; DELETE signs out.
 * Failures answer `{ error: { code, message, issues? } }`.
 */
export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest) {
  const current = await readSession();
  if (current && !isExpiring(current.user)) return sessionResponse(current.token);
  const refreshed = await refreshSession(await readRefreshToken());
  if (!refreshed.ok) {
    const res = NextResponse.json({ session: null, ended: { code: refreshed.code, message: refreshed.message } });
    clearSessionCookies(res);
    return res;
  }
  return outcomeResponse(req, refreshed);
}

export async function POST(req: NextRequest) {
  const body = (await req.json().catch(() => null)) as { username?: unknown; password?: unknown } | null;
  const username = typeof body?.username === 'string' ? body.username.trim() : '';
  if (username === '') return errorResponse(400, 'ERR_VALIDATION', 'Enter your username.', [{ path: 'username', message: 'Enter your username or e-mail address.' }]);
  const password = typeof body?.password === 'string' && body.password !== '' ? body.password : undefined;
  return outcomeResponse(req, await signIn({ username, password }));
}

export async function DELETE() {
  await signOut(await readRefreshToken());
  const res = NextResponse.json({ session: null });
  clearSessionCookies(res);
  return res;
}
