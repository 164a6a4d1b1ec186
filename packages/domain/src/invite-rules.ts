import type { ErrorCode, ValidationIssue } from './errors.ts';
import { INVITE_MAX_USES_LIMIT, type InviteStatus } from './vocabulary.ts';

/**
 * Region invites, the citizenship on-ramp (docs/rules/invites.md). A region's owner mints codes (1-10 uses, a
 * mandatory expiry: 7 days unless given, in the future, at most 30 days ahead); at most 10 active invites per owner
 * per region; at most 20 redemptions of one owner's invites in any rolling 7 days. A code is redeemed only while an
 * account is created, and every refusal becomes a notice, never an error of the sign-up.
 */
export const INVITE_DEFAULT_TTL_DAYS = 7;
/** Our cap on a given expiry (the rule says "mandatory TTL"; an invite valid for years would defeat it). */
export const INVITE_MAX_TTL_DAYS = 30;
export const INVITE_MAX_ACTIVE_PER_OWNER_REGION = 10;
export const INVITE_MAX_REDEMPTIONS_PER_OWNER = 20;
export const INVITE_REDEMPTION_WINDOW_DAYS = 7;
/** Voting power of a citizen who joined by invite (the canon's citizen tier). */
export const INVITE_CITIZEN_VOTING_POWER = 1.5;

const DAY_MS = 86_400_000;

export interface MintInviteRequest {
  maxUses?: number | null;
  /** ISO-8601 instant; absent = now + 7 days. */
  expiresAt?: string | Date | null;
}

export type MintInviteCheck =
  | { ok: true; maxUses: number; expiresAt: Date }
  | { ok: false; issues: ValidationIssue[] };

/** Validates a mint request and fills the defaults; every problem at once. */
export function validateMintInvite(req: MintInviteRequest, now: Date): MintInviteCheck {
  const issues: ValidationIssue[] = [];
  const maxUses = req.maxUses ?? 1;
  if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > INVITE_MAX_USES_LIMIT) {
    issues.push({ path: 'maxUses', message: `must be a whole number from 1 to ${INVITE_MAX_USES_LIMIT}` });
  }
  let expiresAt = new Date(now.getTime() + INVITE_DEFAULT_TTL_DAYS * DAY_MS);
  if (req.expiresAt !== undefined && req.expiresAt !== null) {
    const given = req.expiresAt instanceof Date ? req.expiresAt : new Date(req.expiresAt);
    if (Number.isNaN(given.getTime())) issues.push({ path: 'expiresAt', message: 'must be an ISO-8601 date-time' });
    else if (given.getTime() <= now.getTime()) issues.push({ path: 'expiresAt', message: 'must be in the future' });
    else if (given.getTime() > now.getTime() + INVITE_MAX_TTL_DAYS * DAY_MS) {
      issues.push({ path: 'expiresAt', message: `must be at most ${INVITE_MAX_TTL_DAYS} days ahead` });
    } else expiresAt = given;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, maxUses, expiresAt };
}

/** True while the owner may mint one more invite for the region (counts active ones, effective status). */
export function canMintAnotherInvite(activeInvites: number): boolean {
  return activeInvites < INVITE_MAX_ACTIVE_PER_OWNER_REGION;
}

export interface InviteFacts {
  status: InviteStatus;
  uses: number;
  maxUses: number;
  expiresAt: Date;
}

/** The status a reader should see: a stored `active` invite past its expiry or out of uses reads as such. */
export function effectiveInviteStatus(invite: InviteFacts, now: Date): InviteStatus {
  if (invite.status !== 'active') return invite.status;
  if (invite.uses >= invite.maxUses) return 'exhausted';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** Start of the rolling window in which an owner's redemptions are counted. */
export function redemptionWindowStart(now: Date): Date {
  return new Date(now.getTime() - INVITE_REDEMPTION_WINDOW_DAYS * DAY_MS);
}

export interface RedemptionFacts {
  /** null when no invite has this code. */
  invite: (InviteFacts & { createdBy: string | null }) | null;
  /** The invite's region, null when it no longer exists. */
  region: { ownerId: string | null; status: string; capitalSectorNumber: number | null } | null;
  /** Redemptions of invites minted by the same owner since redemptionWindowStart(now). */
  ownerRedemptionsInWindow: number;
  now: Date;
}

export type RedemptionRefusal = { code: ErrorCode; message: string };

/** Why a code cannot be redeemed now, or null when it can (then: citizen of the region, at its capital). */
export function inviteRedemptionRefusal(f: RedemptionFacts): RedemptionRefusal | null {
  if (f.invite === null) return { code: 'ERR_INVITE_INVALID', message: 'no invite has this code' };
  const status = effectiveInviteStatus(f.invite, f.now);
  if (status === 'revoked') return { code: 'ERR_INVITE_REVOKED', message: 'the invite was revoked' };
  if (status === 'exhausted') return { code: 'ERR_INVITE_EXHAUSTED', message: 'the invite has no uses left' };
  if (status === 'expired') return { code: 'ERR_INVITE_EXPIRED', message: 'the invite has expired' };
  if (f.region === null || f.invite.createdBy === null || f.region.ownerId !== f.invite.createdBy) {
    return { code: 'ERR_INVITE_REGION_UNAVAILABLE', message: 'the region is gone or changed owner since the invite was made' };
  }
  if (f.region.status !== 'active' || f.region.capitalSectorNumber === null) {
    return { code: 'ERR_INVITE_REGION_UNAVAILABLE', message: 'the region is not open to new citizens right now' };
  }
  if (f.ownerRedemptionsInWindow >= INVITE_MAX_REDEMPTIONS_PER_OWNER) {
    return { code: 'ERR_INVITE_REDEMPTION_LIMIT', message: `the region owner's invites were used ${INVITE_MAX_REDEMPTIONS_PER_OWNER} times this week` };
  }
  return null;
}

/** The stored status after one more use. */
export function statusAfterRedemption(invite: Pick<InviteFacts, 'uses' | 'maxUses'>): InviteStatus {
  return invite.uses + 1 >= invite.maxUses ? 'exhausted' : 'active';
}
