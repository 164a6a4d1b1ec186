import { readEnv } from '@sw/config';
import { BufferedSubscription } from './buffered-subscription.ts';
import { DEFAULT_SUBSCRIPTION_BUFFER } from './event-bus.ts';
import type { EventBus, Subscription } from './event-bus.ts';
import { resolveRedisTarget } from './redis-target.ts';
import { createPubSubTransport } from './redis-transport.ts';

/** Prefix of every Redis channel name unless EVENTS_PREFIX or `opts.prefix` says otherwise. */
export const DEFAULT_EVENTS_PREFIX = 'sw:';

interface ChannelEntry {
  subs: Set<BufferedSubscription<unknown>>;
  ready: Promise<void>;
  /** False until Redis confirmed the subscription; messages still in flight from an earlier one are ignored. */
  active: boolean;
}

export interface RedisEventBusOptions {
  /** Standalone server (default REDIS_URL, else redis://127.0.0.1:6379); a password goes in the URL. */
  url?: string;
  /**
   * Redis Cluster seed nodes, comma-separated `host:port` or `redis://:password@host:port` (default REDIS_CLUSTER_NODES).
   * When non-empty the bus uses the cluster with sharded pub/sub and ignores `url`.
   */
  clusterNodes?: string;
  prefix?: string;
  onError?: (err: Error) => void;
}

/**
 * An EventBus over Redis pub/sub so every replica of every service sees every event: classic PUBLISH/SUBSCRIBE on a
 * standalone server, sharded SPUBLISH/SSUBSCRIBE on a Redis Cluster (redis-transport.ts). Each Redis channel is
 * subscribed once per bus however many local subscribers it has and unsubscribed when the last one closes. The client
 * reconnects and re-subscribes by itself; events published while disconnected are lost (pub/sub has no history).
 */
export function createRedisEventBus(opts: RedisEventBusOptions = {}): EventBus {
  const target = resolveRedisTarget({
    ...(opts.url !== undefined ? { url: opts.url } : {}),
    ...(opts.clusterNodes !== undefined ? { clusterNodes: opts.clusterNodes } : {}),
  });
  const prefix = opts.prefix ?? readEnv('EVENTS_PREFIX', DEFAULT_EVENTS_PREFIX);
  const onError = opts.onError ?? (() => {});
  const entries = new Map<string, ChannelEntry>();
  let closed = false;

  const transport = createPubSubTransport(
    target,
    (redisChannel, message) => {
      const entry = entries.get(redisChannel);
      if (entry === undefined || !entry.active) return;
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch {
        return; // not ours: every publisher of this bus sends JSON
      }
      for (const s of entry.subs) s.push(payload);
    },
    onError,
  );

  return {
    async publish(channel, payload) {
      if (closed) throw new Error('event bus is closed');
      await transport.publish(prefix + channel, JSON.stringify(payload ?? null));
    },

    subscribe<T>(channel: string, subOpts: { bufferSize?: number } = {}): Subscription<T> {
      if (closed) throw new Error('event bus is closed');
      const redisChannel = prefix + channel;
      let entry = entries.get(redisChannel);
      if (entry === undefined) {
        const created: ChannelEntry = { subs: new Set(), ready: Promise.resolve(), active: false };
        created.ready = transport.subscribe(redisChannel).then(() => {
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
          // Commands for one channel go over one connection in order, so a later re-subscribe still wins.
          if (!closed) transport.unsubscribe(redisChannel).catch(onError);
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
      await transport.close();
    },
  };
}
