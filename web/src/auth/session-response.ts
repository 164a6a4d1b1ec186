import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { Issue, SignInOutcome } from './identity-provider';
import { sessionUserFromToken } from './session-claims';
import { writeSessionCookies } from './session-cookie';

/** True when the browser reached the web app over https (the cookies are then marked secure). */
export const isSecureRequest = (req: NextRequest) => req.nextUrl.protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';

/** `{ session, notice? }` for the browser: the bearer token and who it belongs to. */
export function sessionResponse(accessToken: string, notice?: string): NextResponse {
  const user = sessionUserFromToken(accessToken);
  return NextResponse.json({ session: user ? { token: accessToken, user } : null, ...(notice ? { notice } : {}) });
}

/** `{ error: { code, message, issues? } }` with the given status. */
export function errorResponse(status: number, code: string, message: string, issues?: Issue[]): NextResponse {
  return NextResponse.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status });
}

function statusOf(code: string): number {
  if (code === 'ERR_VALIDATION' || code === 'ERR_WEAK_PASSWORD' || code === 'ERR_BAD_REQUEST') return 400;
  if (code.endsWith('_TAKEN')) return 409;
  if (code === 'ERR_RATE_LIMITED') return 429;
  if (code === 'ERR_GATEWAY_UNREACHABLE') return 503;
  if (code === 'ERR_NOT_FOUND') return 404;
  if (code === 'ERR_DEV_LOGIN_DISABLED') return 403;
  return 401;
}

/** An identity outcome as the response: the session with its cookies set, or the error with every field problem. */
export function outcomeResponse(req: NextRequest, outcome: SignInOutcome): NextResponse {
  if (!outcome.ok) return errorResponse(statusOf(outcome.code), outcome.code, outcome.message, outcome.issues);
  const res = sessionResponse(outcome.accessToken, outcome.notice);
  writeSessionCookies(res, outcome.accessToken, outcome.refreshToken, isSecureRequest(req));
  return res;
}
