import { describe, expect, it } from 'vitest';
import { isHandledWebhookEvent, isStaleEvent, isWithinReplayWindow, subscriptionIdOfEvent } from './webhook-rules.ts';

const now = new Date('2026-03-01T12:00:00.000Z');

describe('isWithinReplayWindow (±5 min)', () => {
  it.each([
    ['2026-03-01T12:00:00Z', true],
    ['2026-03-01T11:55:00Z', true],
    ['2026-03-01T11:54:59Z', false],
    ['2026-03-01T12:05:00Z', true],
    ['2026-03-01T12:05:01Z', false],
    ['not a date', false],
    [null, false],
  ])('%s -> %s', (t, ok) => {
    expect(isWithinReplayWindow(t, now)).toBe(ok);
  });

  it('takes a custom window', () => {
    expect(isWithinReplayWindow(new Date(now.getTime() - 3 * 86_400_000), now, 4 * 86_400_000)).toBe(true);
  });
});

describe('isStaleEvent', () => {
  it.each([
    ['2026-03-01T11:00:00Z', '2026-03-01T12:00:00Z', true],
    ['2026-03-01T12:00:00Z', '2026-03-01T12:00:00Z', false],
    ['2026-03-01T13:00:00Z', '2026-03-01T12:00:00Z', false],
    [null, '2026-03-01T12:00:00Z', false],
    ['2026-03-01T11:00:00Z', null, false],
    ['garbage', '2026-03-01T12:00:00Z', false],
  ])('event %s vs stored %s -> stale=%s', (e, s, stale) => {
    expect(isStaleEvent(e, s)).toBe(stale);
  });
});

describe('event helpers', () => {
  it.each([
    ['BILLING.SUBSCRIPTION.ACTIVATED', { id: 'I-1' }, 'I-1'],
    ['PAYMENT.SALE.COMPLETED', { id: 'SALE-1', billing_agreement_id: 'I-2' }, 'I-2'],
    ['PAYMENT.SALE.REFUNDED', { id: 'SALE-1' }, null],
    ['BILLING.SUBSCRIPTION.CANCELLED', { id: 7 }, null],
  ])('%s -> %s', (type, resource, id) => {
    expect(subscriptionIdOfEvent(type, resource)).toBe(id);
  });

  it.each([
    ['BILLING.SUBSCRIPTION.EXPIRED', true],
    ['PAYMENT.SALE.REVERSED', true],
    ['CHECKOUT.ORDER.APPROVED', false],
    [42, false],
  ])('%s handled=%s', (t, ok) => expect(isHandledWebhookEvent(t)).toBe(ok));
});
