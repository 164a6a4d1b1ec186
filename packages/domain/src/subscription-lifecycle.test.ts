import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  canUseEmergencyRelocation,
  decideCitizenship,
  decideLifecycleTimer,
  decideRegionBilling,
  isCitizenshipLapseOver,
  signalForPayPalStatus,
  type BillingSignal,
  type RegionBillingState,
} from './subscription-lifecycle.ts';
import type { RegionStatus } from './vocabulary.ts';

const now = new Date('2026-03-01T00:00:00Z');
const earlier = new Date('2026-02-20T00:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
const region = (o: Partial<RegionBillingState> = {}): RegionBillingState => ({ status: 'active', paymentFailureCount: 0, suspendedAt: null, runtimeState: 'ready', ...o });

describe('decideRegionBilling', () => {
  it.each<[string, Partial<RegionBillingState>, BillingSignal, Partial<ReturnType<typeof decideRegionBilling>>]>([
    ['cancel suspends and stamps', {}, { kind: 'cancelled' }, { status: 'suspended', suspendedAt: now, subscriptionStatus: 'CANCELLED', changed: true }],
    ['PayPal suspend suspends', {}, { kind: 'suspended' }, { status: 'suspended', suspendedAt: now, subscriptionStatus: 'SUSPENDED' }],
    ['expiry suspends', {}, { kind: 'expired' }, { status: 'suspended', suspendedAt: now, subscriptionStatus: 'EXPIRED' }],
    ['pending region is suspended too', { status: 'pending', runtimeState: 'provisioning' }, { kind: 'cancelled' }, { status: 'suspended', suspendedAt: now }],
    ['a second suspension keeps the first stamp', { status: 'suspended', suspendedAt: earlier }, { kind: 'cancelled' }, { status: 'suspended', suspendedAt: earlier }],
    ['grace stays grace and keeps the stamp', { status: 'grace', suspendedAt: earlier }, { kind: 'suspended' }, { status: 'grace', suspendedAt: earlier }],
    ['a suspended row without a stamp gets one (original-defects #4)', { status: 'suspended', suspendedAt: null }, { kind: 'suspended' }, { status: 'suspended', suspendedAt: now, changed: true }],
    ['1st failed payment counts', {}, { kind: 'payment_failed' }, { status: 'active', paymentFailureCount: 1, subscriptionStatus: null }],
    ['2nd failed payment counts', { paymentFailureCount: 1 }, { kind: 'payment_failed' }, { status: 'active', paymentFailureCount: 2 }],
    ['3rd failed payment suspends', { paymentFailureCount: 2 }, { kind: 'payment_failed' }, { status: 'suspended', paymentFailureCount: 3, suspendedAt: now, subscriptionStatus: 'SUSPENDED' }],
    ["PayPal's own count wins", { paymentFailureCount: 0 }, { kind: 'payment_failed', failedPaymentsCount: 3 }, { status: 'suspended', paymentFailureCount: 3 }],
    ['a payment restores a suspended ready region', { status: 'suspended', suspendedAt: earlier, paymentFailureCount: 3 }, { kind: 'payment_completed' }, { status: 'active', suspendedAt: null, paymentFailureCount: 0, subscriptionStatus: 'ACTIVE', reason: 'restored' }],
    ['a payment restores a grace region', { status: 'grace', suspendedAt: ago(10) }, { kind: 'payment_completed' }, { status: 'active', suspendedAt: null }],
    ['restore of a never-ready region goes back to pending', { status: 'suspended', suspendedAt: earlier, runtimeState: 'provisioning' }, { kind: 'activated' }, { status: 'pending', suspendedAt: null }],
    ['restore of a region whose world is corrupt keeps generation_corrupt', { status: 'suspended', suspendedAt: earlier, runtimeState: 'generation_corrupt' }, { kind: 'activated' }, { status: 'generation_corrupt', suspendedAt: null }],
    ['restore of a region waiting for its Nexus link keeps attachment_pending', { status: 'grace', suspendedAt: earlier, runtimeState: 'attachment_pending' }, { kind: 'payment_completed' }, { status: 'attachment_pending', suspendedAt: null }],
    ['a payment resets the failure count', { paymentFailureCount: 2 }, { kind: 'payment_completed' }, { status: 'active', paymentFailureCount: 0, changed: true }],
    ['activation of an active region changes nothing', {}, { kind: 'activated' }, { status: 'active', changed: false }],
    ['terminated is final', { status: 'terminated', suspendedAt: ago(31) }, { kind: 'payment_completed' }, { status: 'terminated', changed: false, reason: 'terminal' }],
  ])('%s', (_name, state, signal, expected) => {
    expect(decideRegionBilling(region(state), signal, now)).toMatchObject(expected);
  });
});

describe('decideLifecycleTimer', () => {
  it.each<[RegionStatus, Date | null, string]>([
    ['active', null, 'none'],
    ['suspended', ago(6.9), 'none'],
    ['suspended', ago(7), 'grace'],
    ['grace', ago(8), 'none'],
    ['grace', ago(29.9), 'none'],
    ['grace', ago(30), 'terminate'],
    ['suspended', ago(45), 'terminate'],
    ['suspended', null, 'stamp'],
    ['terminated', ago(40), 'none'],
    ['pending', ago(40), 'none'],
  ])('%s since %s -> %s', (status, suspendedAt, kind) => {
    const d = decideLifecycleTimer({ status, suspendedAt }, now);
    expect(d.kind).toBe(kind);
    if (d.kind === 'terminate') expect(d.scheduledHardDeleteAt.getTime() - now.getTime()).toBe(7 * DAY_MS);
  });
});

describe('signalForPayPalStatus', () => {
  it.each([
    ['ACTIVE', 'activated'],
    ['SUSPENDED', 'suspended'],
    ['CANCELLED', 'cancelled'],
    ['EXPIRED', 'expired'],
    ['APPROVAL_PENDING', null],
    ['APPROVED', null],
    [undefined, null],
  ])('%s -> %s', (s, kind) => expect(signalForPayPalStatus(s)?.kind ?? null).toBe(kind));
});

describe('Galactic Citizenship', () => {
  const gc = { isGalacticCitizen: true, gcLapsedAt: null, gcRelocationUsedAt: null, paymentFailureCount: 0 };

  it.each<[string, Partial<typeof gc> & Record<string, unknown>, BillingSignal, Record<string, unknown>]>([
    ['activation grants and clears lapse + relocation', { isGalacticCitizen: false, gcLapsedAt: earlier, gcRelocationUsedAt: earlier } as never, { kind: 'activated' }, { isGalacticCitizen: true, gcLapsedAt: null, gcRelocationUsedAt: null, subscriptionStatus: 'ACTIVE' }],
    ['cancellation starts the 7-day lapse, keeps citizenship', {}, { kind: 'cancelled' }, { isGalacticCitizen: true, gcLapsedAt: now, subscriptionStatus: 'CANCELLED' }],
    ['a repeated cancellation keeps the first lapse', { gcLapsedAt: earlier } as never, { kind: 'cancelled' }, { gcLapsedAt: earlier, changed: false }],
    ['renewal clears the lapse', { gcLapsedAt: earlier } as never, { kind: 'payment_completed' }, { gcLapsedAt: null, isGalacticCitizen: true }],
    ['3 failed payments revoke', { paymentFailureCount: 2 }, { kind: 'payment_failed' }, { isGalacticCitizen: false, paymentFailureCount: 3, subscriptionStatus: 'SUSPENDED' }],
    ['1 failed payment only counts', {}, { kind: 'payment_failed' }, { isGalacticCitizen: true, paymentFailureCount: 1 }],
    ['suspension alone changes nothing (original)', {}, { kind: 'suspended' }, { isGalacticCitizen: true, changed: false }],
  ])('%s', (_n, state, signal, expected) => {
    expect(decideCitizenship({ ...gc, ...state }, signal, now)).toMatchObject(expected);
  });

  it.each([
    [ago(6), null, true, false],
    [ago(7), null, false, true],
    [ago(3), ago(1), false, false],
    [null, null, false, false],
  ])('lapse since %s, relocation used %s -> relocation allowed %s, lapse over %s', (lapsed, used, allowed, over) => {
    const s = { isGalacticCitizen: true, gcLapsedAt: lapsed, gcRelocationUsedAt: used };
    expect(canUseEmergencyRelocation(s, now)).toBe(allowed);
    expect(isCitizenshipLapseOver(s, now)).toBe(over);
  });
});
