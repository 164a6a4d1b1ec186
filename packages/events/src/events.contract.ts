import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus, Subscription } from './event-bus.ts';

/** Reads `n` events or fails after `timeoutMs` (never hangs a test). */
export async function take<T>(sub: Subscription<T>, n: number, timeoutMs = 3000): Promise<T[]> {
  const out: T[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < n) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out after ${out.length}/${n} events`);
    let timer: NodeJS.Timeout | undefined;
    const r = await Promise.race([
      sub.next(),
      new Promise<'timeout'>((res) => { timer = setTimeout(() => res('timeout'), left); }),
    ]);
    clearTimeout(timer);
    if (r === 'timeout') throw new Error(`timed out after ${out.length}/${n} events`);
    if (r.done) throw new Error(`subscription ended after ${out.length}/${n} events`);
    out.push(r.value);
  }
  return out;
}

/** True when no event arrives within `ms`. */
async function staysQuiet(sub: Subscription<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const r = await Promise.race([sub.next(), new Promise<'quiet'>((res) => { timer = setTimeout(() => res('quiet'), ms); })]);
  clearTimeout(timer);
  return r === 'quiet' || r.done === true;
}

/** Waits (bounded) until `cond` holds; Redis delivers asynchronously. */
async function eventually(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The behaviour every EventBus must have. `makeBus` returns a fresh bus (isolated from other tests);
 * `makePeer`, when given, returns a second bus instance connected to the same broker as the last `makeBus()`.
 */
export function eventBusContract(name: string, makeBus: () => EventBus, makePeer?: () => EventBus): void {
  describe(`EventBus contract: ${name}`, () => {
    const open: EventBus[] = [];
    const bus = () => { const b = makeBus(); open.push(b); return b; };
    afterEach(async () => { await Promise.all(open.splice(0).map((b) => b.close())); });

    it('delivers events in publish order as JSON copies', async () => {
      const b = bus();
      const sub = b.subscribe<{ i: number; at: string }>('order');
      await sub.ready;
      const at = new Date('2102-01-01T00:00:00Z');
      await Promise.all(Array.from({ length: 200 }, (_, i) => b.publish('order', { i, at })));
      const got = await take(sub, 200);
      expect(got.map((e) => e.i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      expect(got[0]!.at).toBe('2102-01-01T00:00:00.000Z');
      sub.close();
    });

    it('fans out each event to every subscriber of the channel and only that channel', async () => {
      const b = bus();
      const s1 = b.subscribe<string>('fan');
      const s2 = b.subscribe<string>('fan');
      const other = b.subscribe<string>('fan.other');
      await Promise.all([s1.ready, s2.ready, other.ready]);
      await b.publish('fan', 'a');
      await b.publish('fan', 'b');
      expect(await take(s1, 2)).toEqual(['a', 'b']);
      expect(await take(s2, 2)).toEqual(['a', 'b']);
      expect(await staysQuiet(other, 100)).toBe(true);
    });

    it('close() ends the iterator and stops delivery while other subscribers keep receiving', async () => {
      const b = bus();
      const gone = b.subscribe<number>('unsub');
      const stays = b.subscribe<number>('unsub');
      await Promise.all([gone.ready, stays.ready]);
      const pending = gone.next();
      gone.close();
      expect(await pending).toEqual({ value: undefined, done: true });
      await b.publish('unsub', 1);
      expect(await take(stays, 1)).toEqual([1]);
      expect(await gone.next()).toEqual({ value: undefined, done: true });
    });

    it('leaving a for-await loop unsubscribes (return())', async () => {
      const b = bus();
      const sub = b.subscribe<number>('loop');
      await sub.ready;
      for (let i = 0; i < 3; i++) await b.publish('loop', i);
      const seen: number[] = [];
      for await (const v of sub) { seen.push(v); if (v === 1) break; }
      expect(seen).toEqual([0, 1]);
      expect(await sub.next()).toEqual({ value: undefined, done: true });
      // re-subscribing to the same channel afterwards works
      const again = b.subscribe<number>('loop');
      await again.ready;
      await b.publish('loop', 9);
      expect(await take(again, 1)).toEqual([9]);
    });

    it('bounds the buffer: a slow consumer loses the oldest events and sees dropped grow', async () => {
      const b = bus();
      const sub = b.subscribe<number>('bounded', { bufferSize: 3 });
      await sub.ready;
      for (let i = 1; i <= 5; i++) await b.publish('bounded', i);
      await eventually(() => sub.dropped === 2);
      expect(await take(sub, 3)).toEqual([3, 4, 5]);
      expect(sub.dropped).toBe(2);
    });

    it('close() of the bus ends subscriptions and refuses further publishes', async () => {
      const b = makeBus();
      const sub = b.subscribe<number>('closing');
      await sub.ready;
      await b.close();
      expect(await sub.next()).toEqual({ value: undefined, done: true });
      await expect(b.publish('closing', 1)).rejects.toThrow(/closed/);
    });

    if (makePeer) {
      it('two bus instances on the same broker see each other\'s events (cross-process)', async () => {
        const a = bus();
        const peer = makePeer();
        open.push(peer);
        const onPeer = peer.subscribe<{ from: string }>('cross');
        const onA = a.subscribe<{ from: string }>('cross');
        await Promise.all([onPeer.ready, onA.ready]);
        await a.publish('cross', { from: 'a' });
        await peer.publish('cross', { from: 'peer' });
        expect(await take(onPeer, 2)).toEqual([{ from: 'a' }, { from: 'peer' }]);
        expect(await take(onA, 2)).toEqual([{ from: 'a' }, { from: 'peer' }]);
      });
    }
  });
}
