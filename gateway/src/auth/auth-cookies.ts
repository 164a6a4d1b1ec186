import type { Request, Response } from 'express';

/**
 * Cookies of web sessions (docs/decisions/auth.md "Web sessions"): the refresh token lives in an httpOnly,
 * SameSite=Strict cookie scoped to /api/v1/auth, so page scripts never see it and other sites never send it; the
 * access token stays in memory. A second cookie keeps the browser's device id, so signing in again on the same
 * browser replaces that device's session instead of adding one.
 */
export const REFRESH_COOKIE = 'sw_refresh';
export const DEVICE_COOKIE = 'sw_device';
export const AUTH_COOKIE_PATH = '/api/v1/auth';

/** Reads one cookie from the request (no cookie-parser middleware is installed). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookiePolicy {
  /** Secure attribute (AUTH_COOKIE_SECURE; default on in production). */
  secure: boolean;
}

export function setRefreshCookie(res: Response, token: string, expiresAt: string, policy: CookiePolicy): void {
  res.cookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: policy.secure,
    path: AUTH_COOKIE_PATH,
    expires: new Date(expiresAt),
  });
}

export function clearRefreshCookie(res: Response, policy: CookiePolicy): void {
  res.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', secure: policy.secure, path: AUTH_COOKIE_PATH });
}

export function setDeviceCookie(res: Response, deviceId: string, policy: CookiePolicy): void {
  res.cookie(DEVICE_COOKIE, deviceId, {
    httpOnly: true,
    sameSite: 'strict',
    secure: policy.secure,
    path: AUTH_COOKIE_PATH,
    maxAge: 400 * 86_400_000,
  });
}
