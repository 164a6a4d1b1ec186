import { randomUUID } from 'node:crypto';
import type { Claims } from '@sw/auth';
import { hasScope, isAdmin } from '@sw/auth';
import { DomainError } from '@sw/domain';
import type { Logger } from './create-logger.ts';

/** What every resolver and REST handler of a subgraph receives about the current request. */
export interface RequestContext {
  /** Identity forwarded (and signed) by the gateway; null for anonymous callers. */
  claims: Claims | null;
  /** Child logger carrying `requestId`; created on first use so unlogged requests pay nothing. */
  log: Logger;
  /** x-request-id from the caller (gateway) or a fresh UUID. */
  requestId: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it is a short safe token (no log injection), else a new UUID. */
export function requestIdFrom(value: unknown): string {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : randomUUID();
}

/** Builds the base context; the child logger is created lazily on first access of `log`. */
export function createRequestContext(claims: Claims | null, requestId: string, logger: Logger): RequestContext {
  let log: Logger | undefined;
  return {
    claims,
    requestId,
    get log(): Logger {
      return (log ??= logger.child({ requestId }));
    },
  };
}

/** Returns the caller's claims; throws DomainError ERR_UNAUTHENTICATED for anonymous requests. */
export function requireAuth(ctx: Pick<RequestContext, 'claims'>): Claims {
  if (ctx.claims === null) throw new DomainError('ERR_UNAUTHENTICATED', 'sign in required');
  return ctx.claims;
}

/** Returns the caller's claims when they hold the admin role; ERR_UNAUTHENTICATED / ERR_ADMIN_REQUIRED otherwise. */
export function requireAdmin(ctx: Pick<RequestContext, 'claims'>): Claims {
  const claims = requireAuth(ctx);
  if (!isAdmin(claims)) throw new DomainError('ERR_ADMIN_REQUIRED', 'admin role required');
  return claims;
}

/**
 * Returns the caller's claims when they are an admin holding `scope` (docs/decisions/auth.md "Admin scopes");
 * ERR_UNAUTHENTICATED / ERR_ADMIN_REQUIRED / ERR_SCOPE_REQUIRED (details.scope) otherwise.
 */
export function requireAdminScope(ctx: Pick<RequestContext, 'claims'>, scope: string): Claims {
  const claims = requireAdmin(ctx);
  if (!hasScope(claims, scope)) throw new DomainError('ERR_SCOPE_REQUIRED', `admin scope ${scope} required`, { scope });
  return claims;
}
