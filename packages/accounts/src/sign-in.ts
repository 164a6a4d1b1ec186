import { eq, or } from 'drizzle-orm';
import { hub } from '@sw/db';
import { normalizeEmail, normalizeUsername, PASSWORD_MAX_LENGTH } from '@sw/domain';
import type { AccountsDeps, TokenPair } from './accounts-deps.ts';
import { openSession } from './sessions.ts';

/**
 * signIn: username or e-mail + password → a session on this device. An unknown account, an account without a
 * password (seeded demo users) and a wrong password give the same outcome after the same work: one argon2
 * verification each (the unknown cases verify against a dummy hash). Brute-force limits are the caller's
 * (gateway/src/auth/brute-force.ts), since they need the caller's address. A hash made with older parameters is
 * upgraded after a successful verification.
 */
export interface SignInInput {
  login: unknown;
  password: unknown;
  deviceId: string;
  deviceLabel: string | null;
}

export type SignInOutcome =
  | { kind: 'ok'; userId: string; username: string; tokens: TokenPair }
  | { kind: 'invalid_credentials' };

const { users, userCredentials } = hub;

/**
 * The key sign-in failures are counted under: the account's id when the login names an account (so its username and
 * its e-mail share one budget), else the normalized login itself.
 */
export async function signInKey(db: AccountsDeps['db'], login: unknown): Promise<string> {
  const raw = typeof login === 'string' ? login : '';
  const normalized = raw.includes('@') ? normalizeEmail(raw) : normalizeUsername(raw);
  if (normalized === '') return 'login:';
  const [account] = await db
    .select({ id: users.id })
    .from(users)
    .where(or(eq(users.username, normalizeUsername(raw)), eq(users.email, normalizeEmail(raw))))
    .limit(1);
  return account ? `user:${account.id}` : `login:${normalized}`;
}

export async function signIn(deps: AccountsDeps, input: SignInInput): Promise<SignInOutcome> {
  const login = typeof input.login === 'string' ? input.login : '';
  const password = typeof input.password === 'string' ? input.password.slice(0, PASSWORD_MAX_LENGTH * 4) : '';
  const [account] =
    login.trim() === ''
      ? []
      : await deps.db
          .select({ id: users.id, username: users.username, hash: userCredentials.passwordHash })
          .from(users)
          .leftJoin(userCredentials, eq(userCredentials.userId, users.id))
          .where(or(eq(users.username, normalizeUsername(login)), eq(users.email, normalizeEmail(login))))
          .limit(1);
  const ok = account?.hash ? await deps.hasher.verify(account.hash, password) : await deps.hasher.verifyDummy(password);
  if (!ok || !account?.hash) return { kind: 'invalid_credentials' };

  const now = deps.now?.() ?? new Date();
  const rehash = deps.hasher.needsRehash(account.hash) ? await deps.hasher.hash(password) : null;
  const session = await deps.db.transaction(async (tx) => {
    if (rehash) await tx.update(userCredentials).set({ passwordHash: rehash, updatedAt: now }).where(eq(userCredentials.userId, account.id));
    return openSession(tx, deps.sessions, { userId: account.id, deviceId: input.deviceId, deviceLabel: input.deviceLabel }, now);
  });
  if (!session) return { kind: 'invalid_credentials' };
  if (session.replaced.length > 0) {
    await deps.onSessionsRevoked?.({ userId: account.id, sessionIds: session.replaced, reason: 'replaced' });
  }
  return { kind: 'ok', userId: account.id, username: account.username, tokens: session.pair };
}
