import { Cluster, Redis } from 'ioredis';
import type { RedisTarget } from './redis-target.ts';

/**
 * The broker half of the Redis event bus: raw channel names and string messages. One implementation per deployment
 * shape, so the bus's own bookkeeping (one broker subscription per channel, JSON, buffers) exists once.
 */
export interface PubSubTransport {
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the broker confirmed the subscription. */
  subscribe(channel: string): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  close(): Promise<void>;
}

export type MessageHandler = (channel: string, message: string) => void;

async function shutdown(conn: Redis | Cluster): Promise<void> {
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
 * Resolves once `conn` has finished its handshake. ioredis writes SUBSCRIBE at once while a connection is between TCP
 * connect and ready (the command is allowed while a server loads); the connection then enters subscriber mode and its
 * own ready check (INFO) fails with "Connection in subscriber mode". Waiting for `ready` closes that window, on the first
 * connect and on every reconnect (ioredis re-subscribes the old channels itself after ready).
 */
async function whenReady(conn: Redis): Promise<void> {
  if (conn.status === 'ready') return;
  // connect() moves the status off 'wait' synchronously, so only the first caller starts it.
  if (conn.status === 'wait') return conn.connect();
  if (conn.status === 'end') throw new Error('Redis subscriber connection is closed');
  await new Promise<void>((resolve, reject) => {
    const onReady = () => { conn.off('end', onEnd); resolve(); };
    const onEnd = () => { conn.off('ready', onReady); reject(new Error('Redis subscriber connection closed before it was ready')); };
    conn.once('ready', onReady);
    conn.once('end', onEnd);
  });
}

/**
 * Classic pub/sub on one server: one publisher connection and (lazily) one subscriber connection. ioredis reconnects and
 * re-subscribes by itself.
 */
function standaloneTransport(url: string, onMessage: MessageHandler, onError: (err: Error) => void): PubSubTransport {
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  publisher.on('error', onError);
  let subscriber: Redis | null = null;
  const subscriberConnection = (): Redis => {
    if (subscriber !== null) return subscriber;
    const conn = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
    conn.on('error', onError);
    conn.on('message', onMessage);
    subscriber = conn;
    return conn;
  };
  return {
    async publish(channel, message) {
      await publisher.publish(channel, message);
    },
    async subscribe(channel) {
      const conn = subscriberConnection();
      await whenReady(conn);
      await conn.subscribe(channel);
    },
    async unsubscribe(channel) {
      await subscriber?.unsubscribe(channel);
    },
    async close() {
      await Promise.all([shutdown(publisher), subscriber ? shutdown(subscriber) : Promise.resolve()]);
    },
  };
}

/**
 * Sharded pub/sub on a Redis Cluster (Redis 7: SPUBLISH / SSUBSCRIBE). A shard channel lives in the hash slot of its
 * name: SPUBLISH goes to the master owning that slot and is delivered to that shard's subscribers only, where classic
 * PUBLISH in a cluster is broadcast over the cluster bus to every node. ioredis keeps one subscriber connection per
 * master (`shardedSubscribers`), routes each SSUBSCRIBE to the owner of the channel's slot and re-subscribes after a
 * slot move or failover; events published during such a move are lost, as with any pub/sub.
 */
function clusterTransport(
  target: Extract<RedisTarget, { kind: 'cluster' }>,
  onMessage: MessageHandler,
  onError: (err: Error) => void,
): PubSubTransport {
  const cluster = new Cluster(target.nodes, {
    lazyConnect: true,
    shardedSubscribers: true,
    // CLUSTER SLOTS on a busy machine can take longer than the 1 s default; a timeout would leave the slot map empty.
    slotsRefreshTimeout: 5_000,
    redisOptions: {
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      maxRetriesPerRequest: 3,
    },
  });
  cluster.on('error', onError);
  cluster.on('smessage', onMessage);
  return {
    async publish(channel, message) {
      await cluster.spublish(channel, message);
    },
    async subscribe(channel) {
      await cluster.ssubscribe(channel);
    },
    async unsubscribe(channel) {
      await cluster.sunsubscribe(channel);
    },
    async close() {
      await shutdown(cluster);
    },
  };
}

/** The transport for `target`; no connection is opened before the first publish or subscribe. */
export function createPubSubTransport(target: RedisTarget, onMessage: MessageHandler, onError: (err: Error) => void): PubSubTransport {
  return target.kind === 'cluster' ? clusterTransport(target, onMessage, onError) : standaloneTransport(target.url, onMessage, onError);
}
