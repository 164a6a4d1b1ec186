import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL, readEnv } from '@sw/config';
import { BufferedSubscription } from './buffered-subscription.ts';
import { DEFAULT_SUBSCRIPTION_BUFFER } from './event-bus.ts';
import type { EventBus, Subscription } from './event-bus.ts';

/** Prefix of every Redis channel name unless EVENTS_PREFIX or `opts.prefix` says otherwise. */
export const DEFAULT_EVENTS_PREFIX = 'sw:';

interface ChannelEntry {
  subs: Set<BufferedSubscription<unknown>>;
  ready: Promise<void>;
  /** False until Redis confirmed SUBSCRIBE; messages still in flight from an earlier subscription are ignored. */
  active: boolean;
}

async function shutdown(conn: Redis): Promise<void> {
  if (conn.status === 'end') return;
  if (conn.status === 'wait') {
    conn.disconnect();
    return;
  }
  try {
    await conn.quit();
  } catch {
    conn.disconnect();
  }
}

/**
 * An EventBus over Redis pub/sub so every replica of every service sees every event. Uses one publisher
 * connection and (lazily) one subscriber connection per bus; each Redis channel is SUBSCRIBEd once however
 * many local subscribers it has and UNSUBSCRIBEd when the last one closes. ioredis reconnects and
 * re-subscribes by itself; events published while disconnected are lost (pub/sub has no history).
 */
export function createRedisEventBus(
  opts: { url?: string; prefix?: string; onError?: (err: Error) => void } = {},
): EventBus {
  const url = opts.url ?? readEnv('REDIS_URL', DEFAULT_REDIS_URL);
  const prefix = opts.prefix ?? readEnv('EVENTS_PREFIX', DEFAULT_EVENTS_PREFIX);
  const onError = opts.onError ?? (() => {});
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  publisher.on('error', onError);
  let subscriber: Redis | null = null;
  const entries = new Map<string, ChannelEntry>();
  let closed = false;

  function subscriberConnection(): Redis {
    if (subscriber !== null) return subscriber;
    const conn = new Redis(url, { maxRetriesPerRequest: null });
    conn.on('error', onError);
    conn.on('message', (redisChannel: string, message: string) => {
      const entry = entries.get(redisChannel);
      if (entry === undefined || !entry.active) return;
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch {
        return; // not ours: every publisher of this bus sends JSON
      }
      for (const s of entry.subs) s.push(payload);
    });
    subscriber = conn;
    return conn;
  }

  return {
    async publish(channel, payload) {
      if (closed) throw new Error('event bus is closed');
      await publisher.publish(prefix + channel, JSON.stringify(payload ?? null));
    },

    subscribe<T>(channel: string, subOpts: { bufferSize?: number } = {}): Subscription<T> {
      if (closed) throw new Error('event bus is closed');
      const redisChannel = prefix + channel;
      let entry = entries.get(redisChannel);
      if (entry === undefined) {
        const created: ChannelEntry = { subs: new Set(), ready: Promise.resolve(), active: false };
        created.ready = subscriberConnection().subscribe(redisChannel).then(() => {
          created.active = true;
        });
        created.ready.catch(onError);
        entry = created;
        entries.set(redisChannel, entry);
      }
      const current = entry;
      const sub: BufferedSubscription<unknown> = new BufferedSubscription<unknown>(
        subOpts.bufferSize ?? DEFAULT_SUBSCRIPTION_BUFFER,
        current.ready,
        () => {
          current.subs.delete(sub);
          if (current.subs.size > 0 || entries.get(redisChannel) !== current) return;
          entries.delete(redisChannel);
          // Commands on one connection run in order, so a later re-SUBSCRIBE still wins.
          if (!closed) subscriber?.unsubscribe(redisChannel).catch(onError);
        },
      );
      current.subs.add(sub);
      return sub as BufferedSubscription<T>;
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const entry of [...entries.values()]) for (const s of [...entry.subs]) s.close();
      entries.clear();
      await Promise.all([shutdown(publisher), subscriber ? shutdown(subscriber) : Promise.resolve()]);
    },
  };
}
