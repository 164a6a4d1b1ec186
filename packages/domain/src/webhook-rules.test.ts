import { describe, expect, it } from 'vitest';
import { decideWebhookRetry, isHandledWebhookEvent, isStaleEvent, isWithinReplayWindow, subscriptionIdOfEvent } from './webhook-rules.ts';

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

describe('decideWebhookRetry (inbox backoff)', () => {
  const policy = { baseMs: 100, capMs: 1_000, maxAttempts: 6 };
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1_000],
  ])('after attempt %i waits %i ms', (attempts, delayMs) => {
    expect(decideWebhookRetry(attempts, policy)).toEqual({ kind: 'retry', delayMs });
  });
  it('gives up after maxAttempts', () => {
    expect(decideWebhookRetry(6, policy)).toEqual({ kind: 'give_up' });
    expect(decideWebhookRetry(9, policy)).toEqual({ kind: 'give_up' });
  });
  it('treats a nonsense count as the first failure', () => {
    expect(decideWebhookRetry(0, policy)).toEqual({ kind: 'retry', delayMs: 100 });
    expect(decideWebhookRetry(Number.NaN, policy)).toEqual({ kind: 'retry', delayMs: 100 });
  });
  it('defaults: 1 s doubling, capped at 10 min, 10 attempts', () => {
    expect(decideWebhookRetry(1)).toEqual({ kind: 'retry', delayMs: 1_000 });
    expect(decideWebhookRetry(9)).toEqual({ kind: 'retry', delayMs: 256_000 });
    expect(decideWebhookRetry(10)).toEqual({ kind: 'give_up' });
  });
});
