import 'server-only';
import { cookies } from 'next/headers';
import type { NextResponse } from 'next/server';
import { sessionUserFromToken, type ClientSession } from './session-claims';

/** httpOnly cookies on the web origin: the access token (for server rendering) and, when the provider has one, the refresh token. */
export const ACCESS_COOKIE = 'sw_access';
export const REFRESH_COOKIE = 'sw_refresh';
const REFRESH_MAX_AGE_S = 30 * 24 * 3600;

/** The signed-in session of the current request, or null (no cookie, malformed or expired token). */
export async function readSession(): Promise<ClientSession | null> {
  const jar = await cookies();
  const token = jar.get(ACCESS_COOKIE)?.value;
  if (!token) return null;
  const user = sessionUserFromToken(token);
  if (!user || user.expiresAt <= Date.now()) return null;
  return { token, user };
}

/** The refresh token of the current request, if any. */
export async function readRefreshToken(): Promise<string | null> {
  return (await cookies()).get(REFRESH_COOKIE)?.value ?? null;
}

/** Stores a new session on the response; the access cookie lives exactly as long as its token. */
export function writeSessionCookies(res: NextResponse, accessToken: string, refreshToken: string | null, secure: boolean): void {
  const user = sessionUserFromToken(accessToken);
  const maxAge = user ? Math.max(1, Math.floor((user.expiresAt - Date.now()) / 1000)) : 0;
  const base = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  res.cookies.set(ACCESS_COOKIE, accessToken, { ...base, maxAge });
  if (refreshToken) res.cookies.set(REFRESH_COOKIE, refreshToken, { ...base, maxAge: REFRESH_MAX_AGE_S });
}

/** Removes both session cookies (sign-out, or a refresh that failed). */
export function clearSessionCookies(res: NextResponse): void {
  res.cookies.delete(ACCESS_COOKIE);
  res.cookies.delete(REFRESH_COOKIE);
}
