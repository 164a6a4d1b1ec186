import { and, eq, inArray } from 'drizzle-orm';
import { insertAudit } from '@sw/audit';
import { hub, type HubDb } from '@sw/db';
import {
  ADMIN_SCOPES,
  isAdminScope,
  normalizeEmail,
  normalizeUsername,
  validateEmail,
  validatePassword,
  validateUsername,
  type AdminScope,
  type ValidationIssue,
} from '@sw/domain';
import type { PasswordHasher } from './password-hasher.ts';

/**
 * Admin accounts are made here (the accounts CLI), never by registration: a user with the roles player + admin,
 * the given admin scopes, a password, and a player in Terran Space like everyone else. Each change is written to
 * the audit log with the CLI as the actor.
 */
export type AdminOutcome =
  | { kind: 'ok'; userId: string; username: string; scopes: AdminScope[] }
  | { kind: 'invalid'; issues: ValidationIssue[] }
  | { kind: 'weak_password'; issues: ValidationIssue[] }
  | { kind: 'username_taken' }
  | { kind: 'email_taken' }
  | { kind: 'not_found' };

const { users, players, regions, userCredentials, userAdminScopes } = hub;

/** Checks a scope list; an empty list means every scope. */
export function parseScopes(raw: readonly string[]): { scopes: AdminScope[]; issues: ValidationIssue[] } {
  const unknown = raw.filter((s) => !isAdminScope(s));
  if (unknown.length > 0) return { scopes: [], issues: [{ path: 'scopes', message: `unknown scope(s) ${unknown.join(', ')}; known: ${ADMIN_SCOPES.join(', ')}` }] };
  return { scopes: raw.length === 0 ? [...ADMIN_SCOPES] : [...new Set(raw as AdminScope[])], issues: [] };
}

export async function createAdmin(
  db: HubDb,
  hasher: PasswordHasher,
  input: { username: string; email: string; password: string; scopes: readonly string[] },
): Promise<AdminOutcome> {
  const issues = [...validateUsername(input.username), ...validateEmail(input.email)];
  const { scopes, issues: scopeIssues } = parseScopes(input.scopes);
  if (issues.length + scopeIssues.length > 0) return { kind: 'invalid', issues: [...issues, ...scopeIssues] };
  const weak = validatePassword(input.password, { username: input.username, email: input.email });
  if (weak.length > 0) return { kind: 'weak_password', issues: weak };
  const username = normalizeUsername(input.username);
  const email = normalizeEmail(input.email);
  const [byName] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (byName) return { kind: 'username_taken' };
  const [byEmail] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (byEmail) return { kind: 'email_taken' };
  const passwordHash = await hasher.hash(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ username, displayName: input.username.trim(), email, roles: ['player', 'admin'] })
      .returning({ id: users.id });
    await tx.insert(userCredentials).values({ userId: user!.id, passwordHash });
    const [terran] = await tx.select({ id: regions.id, capital: regions.capitalSectorNumber, credits: regions.startingCredits }).from(regions).where(eq(regions.regionType, 'terran_space'));
    await tx.insert(players).values({
      userId: user!.id,
      name: input.username.trim(),
      ...(terran ? { homeRegionId: terran.id, currentRegionId: terran.id, currentSectorNumber: terran.capital, credits: terran.credits } : {}),
    });
    await tx.insert(userAdminScopes).values(scopes.map((scope) => ({ userId: user!.id, scope })));
    await insertAudit(tx, { actor: null, action: 'accounts.createAdmin', targetType: 'user', targetId: user!.id, result: 'ok', details: { via: 'cli', username, scopes } });
    return { kind: 'ok' as const, userId: user!.id, username, scopes };
  });
}

/** Grants (or with `revoke`, removes) admin scopes of an existing admin account. */
export async function changeAdminScopes(
  db: HubDb,
  input: { username: string; scopes: readonly string[]; revoke?: boolean },
): Promise<AdminOutcome> {
  const { scopes, issues } = parseScopes(input.scopes);
  if (issues.length > 0 || input.scopes.length === 0) return { kind: 'invalid', issues: issues.length ? issues : [{ path: 'scopes', message: 'name at least one scope' }] };
  const [user] = await db.select({ id: users.id, roles: users.roles }).from(users).where(eq(users.username, normalizeUsername(input.username)));
  if (!user || !user.roles.includes('admin')) return { kind: 'not_found' };
  return db.transaction(async (tx) => {
    if (input.revoke) await tx.delete(userAdminScopes).where(and(eq(userAdminScopes.userId, user.id), inArray(userAdminScopes.scope, scopes)));
    else await tx.insert(userAdminScopes).values(scopes.map((scope) => ({ userId: user.id, scope }))).onConflictDoNothing();
    await insertAudit(tx, {
      actor: null,
      action: input.revoke ? 'accounts.revokeAdminScopes' : 'accounts.grantAdminScopes',
      targetType: 'user',
      targetId: user.id,
      result: 'ok',
      details: { via: 'cli', scopes },
    });
    const now = await tx.select({ scope: userAdminScopes.scope }).from(userAdminScopes).where(eq(userAdminScopes.userId, user.id));
    return { kind: 'ok' as const, userId: user.id, username: normalizeUsername(input.username), scopes: now.map((r) => r.scope as AdminScope) };
  });
}

/** Sets (or replaces) the password of an existing account, e.g. to let a seeded demo user sign in with one. */
export async function setPassword(db: HubDb, hasher: PasswordHasher, input: { username: string; password: string }): Promise<AdminOutcome> {
  const [user] = await db.select({ id: users.id, username: users.username, email: users.email }).from(users).where(eq(users.username, normalizeUsername(input.username)));
  if (!user) return { kind: 'not_found' };
  const weak = validatePassword(input.password, { username: user.username, ...(user.email ? { email: user.email } : {}) });
  if (weak.length > 0) return { kind: 'weak_password', issues: weak };
  const passwordHash = await hasher.hash(input.password);
  await db.transaction(async (tx) => {
    await tx.insert(userCredentials).values({ userId: user.id, passwordHash }).onConflictDoUpdate({ target: userCredentials.userId, set: { passwordHash, updatedAt: new Date() } });
    await insertAudit(tx, { actor: null, action: 'accounts.setPassword', targetType: 'user', targetId: user.id, result: 'ok', details: { via: 'cli' } });
  });
  return { kind: 'ok', userId: user.id, username: user.username, scopes: [] };
}
