import { describe, expect, it } from 'vitest';
import type { PayPalWebhookEvent } from '@sw/paypal';
import { createWebhookQueue } from './webhook-queue.ts';
import type { ProcessOutcome } from './process-webhook-event.ts';

const ev = (id: string): PayPalWebhookEvent => ({ id, event_type: 'BILLING.SUBSCRIPTION.ACTIVATED', create_time: '', summary: '', resource: {} });

describe('createWebhookQueue', () => {
  it('runs events of one key in order, one at a time, and different keys concurrently', async () => {
    const log: string[] = [];
    let active = 0;
    let maxActive = 0;
    const perKey = new Map<string, number>();
    const q = createWebhookQueue({
      concurrency: 4,
      process: async (e) => {
        const key = e.id.split('-')[0]!;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
        expect(perKey.get(key)).toBe(1); // never two of one key at once
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        log.push(e.id);
        active--;
        perKey.set(key, perKey.get(key)! - 1);
        return { kind: 'applied', eventId: e.id, subscriptionId: key, effects: [] };
      },
    });
    for (const k of ['a', 'b', 'c']) for (let i = 0; i < 3; i++) q.push(ev(`${k}-${i}`), k);
    expect(q.size()).toBe(9);
    await q.drain();
    expect(q.size()).toBe(0);
    for (const k of ['a', 'b', 'c']) expect(log.filter((x) => x.startsWith(k))).toEqual([`${k}-0`, `${k}-1`, `${k}-2`]);
    expect(maxActive).toBeGreaterThan(1);
  });

  it('retries a failing event with backoff and gives up after maxAttempts', async () => {
    let calls = 0;
    const outcomes: ProcessOutcome[] = [];
    const errors: string[] = [];
    const q = createWebhookQueue({
      maxAttempts: 3,
      retryBaseMs: 1,
      onOutcome: (o) => outcomes.push(o),
      log: { info() {}, warn() {}, error: (o) => errors.push(JSON.stringify(o)) },
      process: async (e) => {
        calls++;
        if (e.id === 'flaky' && calls < 2) throw new Error('PayPal down');
        if (e.id === 'broken') throw new Error('always');
        return { kind: 'applied', eventId: e.id, subscriptionId: 's', effects: [] };
      },
    });
    q.push(ev('flaky'), 's1');
    q.push(ev('broken'), 's2');
    await q.drain();
    expect(outcomes.map((o) => o.eventId)).toEqual(['flaky']);
    expect(calls).toBe(2 + 3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('broken');
  });

  it('stop() releases drain() and refuses new work', async () => {
    const q = createWebhookQueue({ retryBaseMs: 10_000, process: async () => { throw new Error('x'); } });
    q.push(ev('e'), 'k');
    await new Promise((r) => setTimeout(r, 10));
    q.stop();
    await q.drain();
    q.push(ev('f'), 'k');
    expect(q.size()).toBe(0);
  });

  it('knows when its oldest waiting event was accepted and reports the lag of each finished event', async () => {
    let clock = 1_000;
    const gates = new Map<string, () => void>();
    const lags: Array<[string, number]> = [];
    const q = createWebhookQueue({
      now: () => clock,
      process: (e) => new Promise<ProcessOutcome>((resolve) => gates.set(e.id, () => resolve({ kind: 'applied', eventId: e.id, subscriptionId: 's', effects: [] }))),
      onFinished: (lag, e) => lags.push([e.id, lag]),
    });
    expect(q.oldestPendingSince()).toBeNull();
    q.push(ev('a-1'), 'a');
    clock = 1_500;
    q.push(ev('a-2'), 'a');
    expect(q.oldestPendingSince()).toBe(1_000);
    clock = 4_000;
    gates.get('a-1')!();
    await new Promise((r) => setTimeout(r, 0));
    expect(lags).toEqual([['a-1', 3_000]]);
    expect(q.oldestPendingSince()).toBe(1_500);
    clock = 5_000;
    await new Promise((r) => setTimeout(r, 0));
    gates.get('a-2')!();
    await q.drain();
    expect(lags).toEqual([['a-1', 3_000], ['a-2', 3_500]]);
    expect(q.oldestPendingSince()).toBeNull();
  });
});
