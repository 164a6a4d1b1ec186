import { describe, expect, it } from 'vitest';
import { closingStream } from './closing-stream.ts';
import { createMemoryEventBus } from './memory-event-bus.ts';

describe('closingStream', () => {
  it('ends a generator parked on an idle subscription at once and closes the subscription', async () => {
    const bus = createMemoryEventBus();
    const sub = bus.subscribe<number>('idle');
    let finalized = false;
    async function* events() {
      try {
        for await (const n of sub) yield n;
      } finally {
        finalized = true;
      }
    }
    const stream = closingStream(events(), () => sub.close());
    const pending = stream.next(); // parks inside `for await` on the idle channel
    await new Promise((r) => setTimeout(r, 10));
    const ended = await Promise.race([
      stream.return(undefined).then(() => 'returned'),
      new Promise((r) => setTimeout(() => r('still parked'), 500)),
    ]);
    expect(ended).toBe('returned');
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(finalized).toBe(true);
    // a later publish reaches nobody
    await bus.publish('idle', 1);
    expect((await stream.next()).done).toBe(true);
    await bus.close();
  });

  it('passes values through until the source ends', async () => {
    const bus = createMemoryEventBus();
    const sub = bus.subscribe<number>('ch');
    async function* firstTwo() {
      let seen = 0;
      for await (const n of sub) {
        yield n;
        if (++seen === 2) return;
      }
    }
    const stream = closingStream(firstTwo(), () => sub.close());
    const got: number[] = [];
    const consumer = (async () => {
      for await (const n of stream) got.push(n);
    })();
    await new Promise((r) => setTimeout(r, 5));
    await bus.publish('ch', 1);
    await bus.publish('ch', 2);
    await consumer;
    expect(got).toEqual([1, 2]);
    await bus.close();
  });
});
