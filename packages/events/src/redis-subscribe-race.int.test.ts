/**
 * A subscribe issued while the lazily created subscriber connection is still in its handshake (TCP up, ready check not
 * yet run) must work. ioredis sends SUBSCRIBE at once in that state (it is allowed while the server loads), so the
 * connection enters subscriber mode and its own ready check (INFO) then fails with "Connection in subscriber mode".
 * Seen as a rare ERR_INTERNAL on a gateway subscription under load; here forced by subscribing many fresh buses at once.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DEFAULT_REDIS_URL } from '@sw/config';
import { createRedisEventBus } from './redis-event-bus.ts';
import { take } from './events.contract.ts';

const url = process.env.REDIS_URL || DEFAULT_REDIS_URL;

describe('subscribing during the subscriber connection handshake', () => {
  it('every fresh bus subscribes at once, then receives what is published', async () => {
    const errors: Error[] = [];
    const buses = Array.from({ length: 40 }, () => createRedisEventBus({ url, prefix: `test:${randomUUID()}:`, onError: (err) => { errors.push(err); } }));
    try {
      // Two channels per bus subscribed in the tick the connection is created; a third after 0..79 event-loop turns, so
      // some land between TCP connect and the end of the handshake.
      const subs = buses.flatMap((bus) => [bus.subscribe<number>('a'), bus.subscribe<number>('b')]);
      const turns = async (n: number) => { for (let k = 0; k < n; k++) await new Promise((r) => setImmediate(r)); };
      const late = await Promise.all(buses.map(async (bus, i) => { await turns(i * 2); return bus.subscribe<number>('c'); }));
      await Promise.all([...subs, ...late].map((s) => s.ready));
      await Promise.all(buses.map(async (bus) => { await bus.publish('a', 1); await bus.publish('b', 2); await bus.publish('c', 3); }));
      for (let i = 0; i < buses.length; i++) {
        expect(await take(subs[2 * i]!, 1)).toEqual([1]);
        expect(await take(subs[2 * i + 1]!, 1)).toEqual([2]);
        expect(await take(late[i]!, 1)).toEqual([3]);
      }
      expect(errors.map((e) => e.message)).toEqual([]);
    } finally {
      await Promise.all(buses.map((bus) => bus.close()));
    }
  });
});
