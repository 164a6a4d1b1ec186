import { expect, it } from 'vitest';
import type { EventBus } from './event-bus.ts';
import { take } from './events.contract.ts';

/**
 * A subscribe issued while a lazily created subscriber connection is still in its handshake (TCP up, ready check not
 * yet run) must work. ioredis sends SUBSCRIBE at once in that state (it is allowed while the server loads), so the
 * connection enters subscriber mode and its own ready check (INFO) then fails with "Connection in subscriber mode".
 * Seen as a rare ERR_INTERNAL on a gateway subscription under load; here forced by subscribing many fresh buses at once.
 * Run for every transport: a standalone Redis and a cluster's sharded subscribers.
 */
export function subscribeDuringHandshakeContract(makeBus: (onError: (err: Error) => void) => EventBus, buses = 40): void {
  it('every fresh bus subscribes at once, then receives what is published', async () => {
    const errors: Error[] = [];
    const all = Array.from({ length: buses }, () => makeBus((err) => { errors.push(err); }));
    try {
      // Two channels per bus subscribed in the tick the connection is created; a third after 0..2n event-loop turns, so
      // some land between TCP connect and the end of the handshake.
      const subs = all.flatMap((bus) => [bus.subscribe<number>('a'), bus.subscribe<number>('b')]);
      const turns = async (n: number) => { for (let k = 0; k < n; k++) await new Promise((r) => setImmediate(r)); };
      const late = await Promise.all(all.map(async (bus, i) => { await turns(i * 2); return bus.subscribe<number>('c'); }));
      await Promise.all([...subs, ...late].map((s) => s.ready));
      await Promise.all(all.map(async (bus) => { await bus.publish('a', 1); await bus.publish('b', 2); await bus.publish('c', 3); }));
      for (let i = 0; i < all.length; i++) {
        expect(await take(subs[2 * i]!, 1)).toEqual([1]);
        expect(await take(subs[2 * i + 1]!, 1)).toEqual([2]);
        expect(await take(late[i]!, 1)).toEqual([3]);
      }
      expect(errors.map((e) => e.message)).toEqual([]);
    } finally {
      await Promise.all(all.map((bus) => bus.close()));
    }
  }, 60_000);
}
