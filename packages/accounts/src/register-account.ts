import { eq, or } from 'drizzle-orm';
import { hub } from '@sw/db';
import {
  normalizeEmail,
  normalizeUsername,
  validateRegistration,
  type RedemptionRefusal,
  type ValidationIssue,
} from '@sw/domain';
import type { AccountsDeps, TokenPair } from './accounts-deps.ts';
import { redeemInviteInTx, type Placement } from './redeem-invite.ts';
import { openSession } from './sessions.ts';

/**
 * registerAccount: username + e-mail + password (+ optional invite code) → a user, its player and a signed-in
 * session (docs/rules/accounts.md). Outcomes: ok (with `inviteNotice` when a given code could not be used) |
 * invalid (username / e-mail shape) | weak_password | username_taken | email_taken | no_starting_region.
 * The password is hashed before the transaction (argon2 is slow; no locks are held meanwhile). The transaction
 * creates the user, the password, the player in Terran Space at its capital with Terran's starting credits,
 * then, inside a savepoint, tries the invite (row locked) — any failure there rolls back to the savepoint and
 * leaves the player in Terran Space with a notice: an invite never fails a sign-up.
 */
export interface RegisterInput {
  username: unknown;
  email: unknown;
  password: unknown;
  inviteCode?: unknown;
  deviceId: string;
  deviceLabel: string | null;
  /** Caller's address, stored only as a hash with an invite redemption. */
  address: string | null;
}

export type RegisterOutcome =
  | {
      kind: 'ok';
      userId: string;
      playerId: string;
      username: string;
      placement: Placement;
      tokens: TokenPair;
      citizenOf: string | null;
      inviteNotice: RedemptionRefusal | null;
    }
  | { kind: 'invalid'; issues: ValidationIssue[] }
  | { kind: 'weak_password'; issues: ValidationIssue[] }
  | { kind: 'username_taken' }
  | { kind: 'email_taken' }
  | { kind: 'no_starting_region' };

const { users, players, regions, userCredentials } = hub;

function uniqueViolation(err: unknown): string | null {
  let e = err as { code?: string; constraint_name?: string; cause?: unknown } | undefined;
  while (e && e.code === undefined && e.cause) e = e.cause as typeof e;
  return e?.code === '23505' ? (e.constraint_name ?? 'unknown') : null;
}

/** Thrown inside the invite savepoint so it rolls back; carries the notice for the response. */
class InviteRefused extends Error {
  readonly notice: RedemptionRefusal;
  constructor(notice: RedemptionRefusal) {
    super(notice.message);
    this.notice = notice;
  }
}

class Taken extends Error {
  readonly which: 'username_taken' | 'email_taken';
  constructor(which: 'username_taken' | 'email_taken') {
    super(which);
    this.which = which;
  }
}

export async function registerAccount(deps: AccountsDeps, input: RegisterInput): Promise<RegisterOutcome> {
  const { shape, password } = validateRegistration(input);
  if (shape.length > 0) return { kind: 'invalid', issues: shape };
  if (password.length > 0) return { kind: 'weak_password', issues: password };
  const displayName = (input.username as string).trim();
  const username = normalizeUsername(displayName);
  const email = normalizeEmail(input.email as string);
  const inviteCode = typeof input.inviteCode === 'string' && input.inviteCode.trim() !== '' ? input.inviteCode.trim() : null;

  // A fast, clear answer for the common case; the unique indexes still decide under races (mapped below).
  const clash = await deps.db
    .select({ username: users.username, email: users.email })
    .from(users)
    .where(or(eq(users.username, username), eq(users.email, email)))
    .limit(2);
  if (clash.some((c) => c.username === username)) return { kind: 'username_taken' };
  if (clash.some((c) => c.email === email)) return { kind: 'email_taken' };

  const passwordHash = await deps.hasher.hash(input.password as string);
  const now = deps.now?.() ?? new Date();
  try {
    const result = await deps.db.transaction(async (tx) => {
      const [terran] = await tx
        .select({ id: regions.id, name: regions.name, capital: regions.capitalSectorNumber, startingCredits: regions.startingCredits })
        .from(regions)
        .where(eq(regions.regionType, 'terran_space'));
      if (!terran) return null;
      let user: { id: string } | undefined;
      try {
        [user] = await tx.insert(users).values({ username, displayName, email, roles: ['player'], createdAt: now }).returning({ id: users.id });
      } catch (err) {
        const c = uniqueViolation(err);
        if (c === 'uq_users_username') throw new Taken('username_taken');
        if (c === 'uq_users_email') throw new Taken('email_taken');
        throw err;
      }
      await tx.insert(userCredentials).values({ userId: user!.id, passwordHash, updatedAt: now });
      let player: { id: string } | undefined;
      try {
        [player] = await tx
          .insert(players)
          .values({
            userId: user!.id,
            name: displayName,
            credits: terran.startingCredits,
            homeRegionId: terran.id,
            currentRegionId: terran.id,
            currentSectorNumber: terran.capital,
            createdAt: now,
          })
          .returning({ id: players.id });
      } catch (err) {
        if (uniqueViolation(err) === 'uq_players_name') throw new Taken('username_taken');
        throw err;
      }
      let placement: Placement = { regionId: terran.id, regionName: terran.name, sectorNumber: terran.capital, startingCredits: terran.startingCredits };
      let inviteNotice: RedemptionRefusal | null = null;
      let citizenOf: string | null = null;
      if (inviteCode !== null) {
        try {
          // A nested transaction is a SAVEPOINT: a refusal or any database error undoes only the invite part.
          const redeemed = await tx.transaction(async (sp) => {
            const r = await redeemInviteInTx(sp, { code: inviteCode, playerId: player!.id, address: input.address, now });
            if (!r.ok) throw new InviteRefused(r.notice);
            return r;
          });
          if (redeemed.ok) {
            placement = redeemed.placement;
            citizenOf = redeemed.placement.regionId;
          }
        } catch (err) {
          if (!(err instanceof InviteRefused)) deps.logError?.(err, 'invite redemption failed; the player starts in Terran Space');
          inviteNotice = refusalOf(err);
        }
      }
      const session = await openSession(tx, deps.sessions, { userId: user!.id, deviceId: input.deviceId, deviceLabel: input.deviceLabel }, now);
      if (!session) throw new Error('the new account vanished inside its own transaction');
      return { userId: user!.id, playerId: player!.id, placement, inviteNotice, citizenOf, tokens: session.pair };
    });
    if (!result) return { kind: 'no_starting_region' };
    return { kind: 'ok', username, ...result };
  } catch (err) {
    if (err instanceof Taken) return { kind: err.which };
    throw err;
  }
}

/** The notice for an invite part that did not go through (a rule refusal carries its own notice). */
function refusalOf(err: unknown): RedemptionRefusal {
  if (err instanceof InviteRefused) return err.notice;
  return { code: 'ERR_INVITE_INVALID', message: 'the invite could not be used; you start in Terran Space' };
}
