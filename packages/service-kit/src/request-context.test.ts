import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Claims } from '@sw/auth';
import { createRequestContext, requestIdFrom, requireAdmin, requireAuth } from './request-context.ts';

const player: Claims = { sub: 'u', username: 'bob', playerId: 'p', roles: ['player'], scopes: [], exp: 9e9 };
const admin: Claims = { ...player, roles: ['player', 'admin'] };

function codeOf(fn: () => unknown): string | undefined {
  try { fn(); } catch (e) { return (e as { code?: string }).code; }
  return undefined;
}

describe('requireAuth / requireAdmin', () => {
  it('rejects anonymous callers with ERR_UNAUTHENTICATED', () => {
    expect(codeOf(() => requireAuth({ claims: null }))).toBe('ERR_UNAUTHENTICATED');
    expect(codeOf(() => requireAdmin({ claims: null }))).toBe('ERR_UNAUTHENTICATED');
  });
  it('rejects non-admins with ERR_ADMIN_REQUIRED and returns the claims otherwise', () => {
    expect(requireAuth({ claims: player })).toBe(player);
    expect(codeOf(() => requireAdmin({ claims: player }))).toBe('ERR_ADMIN_REQUIRED');
    expect(requireAdmin({ claims: admin })).toBe(admin);
  });
});

describe('requestIdFrom', () => {
  it('keeps safe caller ids and replaces missing or unsafe ones with a UUID', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom('x\n{"level":"fatal"}')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom('a'.repeat(200))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('createRequestContext', () => {
  it('creates the child logger lazily, once, carrying the request id, and survives object spread', () => {
    const root = pino({ level: 'silent' });
    let children = 0;
    const original = root.child.bind(root);
    root.child = ((b: Record<string, unknown>) => { children++; return original(b); }) as typeof root.child;
    const ctx = createRequestContext(player, 'r-1', root);
    expect(children).toBe(0);
    expect(ctx.log.bindings()).toMatchObject({ requestId: 'r-1' });
    expect(ctx.log).toBe(ctx.log);
    expect(children).toBe(1);
    const extended = { ...ctx, extra: true };
    expect(extended.log.bindings()).toMatchObject({ requestId: 'r-1' });
    expect(extended.claims).toBe(player);
  });
});
