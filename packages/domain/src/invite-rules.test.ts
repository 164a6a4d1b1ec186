import { describe, expect, it } from 'vitest';
import {
  INVITE_MAX_REDEMPTIONS_PER_OWNER,
  canMintAnotherInvite,
  effectiveInviteStatus,
  inviteRedemptionRefusal,
  redemptionWindowStart,
  statusAfterRedemption,
  validateMintInvite,
  type RedemptionFacts,
} from './invite-rules.ts';

const now = new Date('2026-03-01T12:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);

describe('validateMintInvite', () => {
  it('defaults to one use and a 7-day expiry', () => {
    expect(validateMintInvite({}, now)).toEqual({ ok: true, maxUses: 1, expiresAt: inDays(7) });
  });
  it.each([
    { req: { maxUses: 10, expiresAt: inDays(1).toISOString() }, ok: true },
    { req: { maxUses: 0 }, ok: false, paths: ['maxUses'] },
    { req: { maxUses: 11 }, ok: false, paths: ['maxUses'] },
    { req: { maxUses: 2.5 }, ok: false, paths: ['maxUses'] },
    { req: { expiresAt: now.toISOString() }, ok: false, paths: ['expiresAt'] },
    { req: { expiresAt: inDays(-1) }, ok: false, paths: ['expiresAt'] },
    { req: { expiresAt: inDays(31) }, ok: false, paths: ['expiresAt'] },
    { req: { expiresAt: 'tomorrow' }, ok: false, paths: ['expiresAt'] },
    { req: { maxUses: 99, expiresAt: inDays(-1) }, ok: false, paths: ['maxUses', 'expiresAt'] },
  ])('$req -> ok $ok', ({ req, ok, paths }) => {
    const r = validateMintInvite(req, now);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(paths);
  });
});

describe('canMintAnotherInvite', () => {
  it.each([[0, true], [9, true], [10, false], [11, false]])('%i active -> %s', (n, ok) => expect(canMintAnotherInvite(n)).toBe(ok));
});

describe('effectiveInviteStatus', () => {
  const base = { status: 'active' as const, uses: 0, maxUses: 2, expiresAt: inDays(1) };
  it.each([
    [base, 'active'],
    [{ ...base, uses: 2 }, 'exhausted'],
    [{ ...base, expiresAt: now }, 'expired'],
    [{ ...base, status: 'revoked' as const }, 'revoked'],
  ])('%o -> %s', (invite, status) => expect(effectiveInviteStatus(invite, now)).toBe(status));
});

describe('inviteRedemptionRefusal', () => {
  const ok: RedemptionFacts = {
    invite: { status: 'active', uses: 0, maxUses: 1, expiresAt: inDays(1), createdBy: 'owner' },
    region: { ownerId: 'owner', status: 'active', capitalSectorNumber: 1 },
    ownerRedemptionsInWindow: 0,
    now,
  };
  it.each([
    ['redeemable', ok, null],
    ['unknown code', { ...ok, invite: null }, 'ERR_INVITE_INVALID'],
    ['revoked', { ...ok, invite: { ...ok.invite!, status: 'revoked' as const } }, 'ERR_INVITE_REVOKED'],
    ['used up', { ...ok, invite: { ...ok.invite!, uses: 1 } }, 'ERR_INVITE_EXHAUSTED'],
    ['expired', { ...ok, invite: { ...ok.invite!, expiresAt: inDays(-1) } }, 'ERR_INVITE_EXPIRED'],
    ['region gone', { ...ok, region: null }, 'ERR_INVITE_REGION_UNAVAILABLE'],
    ['owner changed', { ...ok, region: { ...ok.region!, ownerId: 'someone-else' } }, 'ERR_INVITE_REGION_UNAVAILABLE'],
    ['minter deleted', { ...ok, invite: { ...ok.invite!, createdBy: null } }, 'ERR_INVITE_REGION_UNAVAILABLE'],
    ['region suspended', { ...ok, region: { ...ok.region!, status: 'suspended' } }, 'ERR_INVITE_REGION_UNAVAILABLE'],
    ['no capital yet', { ...ok, region: { ...ok.region!, capitalSectorNumber: null } }, 'ERR_INVITE_REGION_UNAVAILABLE'],
    ['weekly limit', { ...ok, ownerRedemptionsInWindow: INVITE_MAX_REDEMPTIONS_PER_OWNER }, 'ERR_INVITE_REDEMPTION_LIMIT'],
    ['one below the limit', { ...ok, ownerRedemptionsInWindow: INVITE_MAX_REDEMPTIONS_PER_OWNER - 1 }, null],
  ])('%s', (_name, facts, code) => {
    expect(inviteRedemptionRefusal(facts)?.code ?? null).toBe(code);
  });
});

describe('redemption bookkeeping', () => {
  it('counts a rolling 7-day window', () => expect(redemptionWindowStart(now)).toEqual(inDays(-7)));
  it('marks the last use exhausted', () => {
    expect(statusAfterRedemption({ uses: 0, maxUses: 1 })).toBe('exhausted');
    expect(statusAfterRedemption({ uses: 0, maxUses: 2 })).toBe('active');
  });
});
