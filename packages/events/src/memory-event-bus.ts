import { BufferedSubscription } from './buffered-subscription.ts';
import { DEFAULT_SUBSCRIPTION_BUFFER } from './event-bus.ts';
import type { EventBus, Subscription } from './event-bus.ts';

/**
 * An in-process EventBus for unit tests and single-process tools. Same semantics as the Redis bus
 * (JSON copies, ordering, bounded buffers), but events never leave this bus instance.
 */
export function createMemoryEventBus(): EventBus {
  const subscribers = new Map<string, Set<BufferedSubscription<unknown>>>();
  let closed = false;

  return {
    async publish(channel, payload) {
      if (closed) throw new Error('event bus is closed');
      // Serialize like Redis does so tests catch non-JSON payloads and shared mutable objects.
      const json = JSON.stringify(payload ?? null);
      const subs = subscribers.get(channel);
      if (subs === undefined || subs.size === 0) return;
      const copy: unknown = JSON.parse(json);
      for (const s of subs) s.push(copy);
    },

    subscribe<T>(channel: string, opts: { bufferSize?: number } = {}): Subscription<T> {
      if (closed) throw new Error('event bus is closed');
      let subs = subscribers.get(channel);
      if (subs === undefined) {
        subs = new Set();
        subscribers.set(channel, subs);
      }
      const set = subs;
      const sub: BufferedSubscription<unknown> = new BufferedSubscription<unknown>(
        opts.bufferSize ?? DEFAULT_SUBSCRIPTION_BUFFER,
        Promise.resolve(),
        () => {
          set.delete(sub);
          if (set.size === 0 && subscribers.get(channel) === set) subscribers.delete(channel);
        },
      );
      set.add(sub);
      return sub as BufferedSubscription<T>;
    },

    async close() {
      closed = true;
      for (const subs of [...subscribers.values()]) for (const s of [...subs]) s.close();
      subscribers.clear();
    },
  };
}
