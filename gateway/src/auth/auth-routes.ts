import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import {
  endAllSessions,
  endSession,
  endSessionByRefreshToken,
  listLiveSessions,
  looksLikeRefreshToken,
  registerAccount,
  rotateRefreshToken,
  signIn,
  signInKey,
  type AccountsDeps,
  type TokenPair,
} from '@sw/accounts';
import { httpStatusOf, type ErrorCode, type ValidationIssue } from '@sw/domain';
import type { GatewayLimiters } from '../rate-limits.ts';
import type { AuthOutcome, VerifiedAuth } from '../request-auth.ts';
import {
  DEVICE_COOKIE,
  REFRESH_COOKIE,
  clearRefreshCookie,
  readCookie,
  setDeviceCookie,
  setRefreshCookie,
  type CookiePolicy,
} from './auth-cookies.ts';

/**
 * Sign-up, sign-in and session endpoints under /api/v1/auth (docs/decisions/auth.md). JSON in, JSON out; errors
 * are `{ error: { code, message, details? } }` with the code's HTTP status. Two ways to hold a session:
 *  - API clients get `refreshToken` in the body and send it back in the body of /refresh and /logout;
 *  - web clients send `"useCookie": true`: the refresh token is set as an httpOnly SameSite=Strict cookie and
 *    never appears in a body.
 * Every endpoint requires `content-type: application/json`, so a cross-site form cannot trigger one (browsers
 * preflight JSON requests, and only listed origins pass CORS).
 */
export interface AuthRouteDeps {
  accounts: AccountsDeps;
  limiters: GatewayLimiters;
  authenticate: (authorization: string | undefined) => Promise<AuthOutcome>;
  cookies: CookiePolicy;
  logger: Logger;
}

const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

type Body = Record<string, unknown>;

class HttpFailure extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, retryAfterSeconds?: number) {
    super(message);
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function sendFailure(res: Response, f: HttpFailure): void {
  if (f.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(f.retryAfterSeconds));
  res.status(httpStatusOf(f.code)).json({ error: { code: f.code, message: f.message, ...(f.details ? { details: f.details } : {}) } });
}

function bodyOf(req: Request): Body {
  const b = req.body as unknown;
  return b !== null && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {};
}

function stringField(body: Body, name: string, max = 200): string | null {
  const v = body[name];
  return typeof v === 'string' && v.length <= max ? v : null;
}

/** The device id from the body, else the browser's device cookie, else a new one. */
function deviceOf(req: Request, body: Body): { deviceId: string; deviceLabel: string | null } {
  const given = stringField(body, 'deviceId', 64);
  const cookie = readCookie(req, DEVICE_COOKIE);
  const deviceId = given && DEVICE_ID.test(given) ? given : cookie && DEVICE_ID.test(cookie) ? cookie : randomUUID();
  const label = stringField(body, 'deviceLabel', 200) ?? (typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 200) : null);
  return { deviceId, deviceLabel: label };
}

function addressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

function rateLimited(retryAfterSeconds: number, what: string): HttpFailure {
  return new HttpFailure('ERR_RATE_LIMITED', `${what}; retry in ${retryAfterSeconds} s`, { retryAfterSeconds }, retryAfterSeconds);
}

function validation(code: ErrorCode, issues: ValidationIssue[]): HttpFailure {
  return new HttpFailure(code, issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}

/** The token part of a response; in cookie mode the refresh token goes into the cookie instead of the body. */
function deliverTokens(res: Response, pair: TokenPair, cookieMode: boolean, deviceId: string | null, policy: CookiePolicy) {
  if (!cookieMode) return { ...pair };
  setRefreshCookie(res, pair.refreshToken, pair.refreshTokenExpiresAt, policy);
  if (deviceId) setDeviceCookie(res, deviceId, policy);
  const { refreshToken: _hidden, ...rest } = pair;
  return rest;
}

async function requireSignedIn(deps: AuthRouteDeps, req: Request): Promise<VerifiedAuth> {
  const outcome = await deps.authenticate(req.headers.authorization);
  if (!outcome.ok) throw new HttpFailure(outcome.code, outcome.message);
  if (!outcome.auth) throw new HttpFailure('ERR_UNAUTHENTICATED', 'send Authorization: Bearer <access token>');
  return outcome.auth;
}

/** Mounts the endpoints; `app` must not have a JSON parser on /api/v1/auth yet (one is installed here). */
export function mountAuthRoutes(app: Express, deps: AuthRouteDeps): void {
  const router = express.Router();
  const ROUTES = ['/register', '/login', '/refresh', '/logout', '/logout-all'];
  router.post(ROUTES, (req: Request, _res: Response, next: NextFunction) => {
    if (!req.is('application/json')) next(new HttpFailure('ERR_BAD_REQUEST', 'send a JSON body (content-type: application/json)'));
    else next();
  });
  router.post(ROUTES, express.json({ limit: '16kb' }));
  const handle =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      fn(req, res).catch(next);
    };

  router.post(
    '/register',
    handle(async (req, res) => {
      const body = bodyOf(req);
      const address = addressOf(req);
      const gate = await deps.limiters.registration(address);
      if (!gate.ok) throw rateLimited(gate.retryAfterSeconds, 'too many sign-ups from this address');
      const device = deviceOf(req, body);
      const outcome = await registerAccount(deps.accounts, {
        username: body.username,
        email: body.email,
        password: body.password,
        inviteCode: body.inviteCode,
        ...device,
        address,
      });
      switch (outcome.kind) {
        case 'invalid':
          throw validation('ERR_VALIDATION', outcome.issues);
        case 'weak_password':
          throw validation('ERR_WEAK_PASSWORD', outcome.issues);
        case 'username_taken':
          throw new HttpFailure('ERR_USERNAME_TAKEN', 'that username is taken');
        case 'email_taken':
          throw new HttpFailure('ERR_EMAIL_TAKEN', 'an account with that e-mail address exists');
        case 'no_starting_region':
          throw new HttpFailure('ERR_REGION_NOT_READY', 'Terran Space is not set up yet; sign-up is closed');
        case 'ok':
          res.status(201).json({
            user: { id: outcome.userId, username: outcome.username, playerId: outcome.playerId },
            placement: outcome.placement,
            citizenOf: outcome.citizenOf,
            inviteNotice: outcome.inviteNotice,
            ...deliverTokens(res, outcome.tokens, body.useCookie === true, device.deviceId, deps.cookies),
          });
      }
    }),
  );

  router.post(
    '/login',
    handle(async (req, res) => {
      const body = bodyOf(req);
      const login = stringField(body, 'login', 320) ?? stringField(body, 'username', 320) ?? stringField(body, 'email', 320) ?? '';
      const account = await signInKey(deps.accounts.db, login);
      const address = addressOf(req);
      const gate = await deps.limiters.signInAllowed(account, address);
      if (!gate.ok) throw rateLimited(gate.retryAfterSeconds, 'too many failed sign-ins');
      const device = deviceOf(req, body);
      const outcome = await signIn(deps.accounts, { login, password: body.password, ...device });
      if (outcome.kind === 'invalid_credentials') {
        await deps.limiters.signInFailed(account, address);
        throw new HttpFailure('ERR_INVALID_CREDENTIALS', 'wrong username, e-mail or password');
      }
      await deps.limiters.signInSucceeded(account);
      res.status(200).json({
        user: { id: outcome.userId, username: outcome.username },
        ...deliverTokens(res, outcome.tokens, body.useCookie === true, device.deviceId, deps.cookies),
      });
    }),
  );

  router.post(
    '/refresh',
    handle(async (req, res) => {
      const body = bodyOf(req);
      const fromBody = stringField(body, 'refreshToken', 100);
      const fromCookie = readCookie(req, REFRESH_COOKIE);
      const token = fromBody ?? fromCookie;
      if (!looksLikeRefreshToken(token)) {
        if (fromCookie !== undefined) clearRefreshCookie(res, deps.cookies);
        throw new HttpFailure('ERR_INVALID_REFRESH_TOKEN', 'refresh token missing or malformed');
      }
      const outcome = await rotateRefreshToken(deps.accounts, token);
      if (outcome.kind !== 'ok') {
        if (fromBody === null) clearRefreshCookie(res, deps.cookies);
        if (outcome.kind === 'reused') {
          throw new HttpFailure('ERR_REFRESH_TOKEN_REUSED', 'this refresh token was already used; the session was signed out for safety');
        }
        throw new HttpFailure('ERR_INVALID_REFRESH_TOKEN', 'refresh token unknown, expired or signed out');
      }
      res.status(200).json(deliverTokens(res, outcome.pair, fromBody === null, null, deps.cookies));
    }),
  );

  router.post(
    '/logout',
    handle(async (req, res) => {
      const body = bodyOf(req);
      const token = stringField(body, 'refreshToken', 100) ?? readCookie(req, REFRESH_COOKIE);
      clearRefreshCookie(res, deps.cookies);
      if (looksLikeRefreshToken(token)) {
        res.json(await endSessionByRefreshToken(deps.accounts, token));
        return;
      }
      const auth = await requireSignedIn(deps, req);
      if (!auth.claims.sid) throw new HttpFailure('ERR_BAD_REQUEST', 'this token belongs to no session (dev login); nothing to sign out');
      res.json(await endSession(deps.accounts, auth.claims.sid, 'logout'));
    }),
  );

  router.post(
    '/logout-all',
    handle(async (req, res) => {
      const auth = await requireSignedIn(deps, req);
      clearRefreshCookie(res, deps.cookies);
      res.json(await endAllSessions(deps.accounts, auth.claims.sub));
    }),
  );

  router.get(
    '/sessions',
    handle(async (req, res) => {
      const auth = await requireSignedIn(deps, req);
      const sessions = await listLiveSessions(deps.accounts.db, auth.claims.sub);
      res.json({ sessions: sessions.map((s) => ({ ...s, current: s.id === auth.claims.sid })) });
    }),
  );

  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpFailure) return sendFailure(res, err);
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed' || type === 'entity.too.large') return sendFailure(res, new HttpFailure('ERR_BAD_REQUEST', 'malformed or too large JSON body'));
    deps.logger.error({ err }, 'auth endpoint failed');
    return sendFailure(res, new HttpFailure('ERR_INTERNAL', 'internal error'));
  });

  app.use('/api/v1/auth', router);
}
