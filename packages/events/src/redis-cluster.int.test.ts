/**
 * The event bus on a real 3-master Redis Cluster (Debian's redis-server 7, started on loopback by the test, with
 * requirepass): the whole EventBus contract over sharded pub/sub, then proof that a publish is handled by the one shard
 * owning the channel's slot and never crosses the cluster bus, where classic PUBLISH is broadcast to every node.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { startRedisCluster, type TestRedisCluster } from '@sw/testing';
import { createRedisEventBus } from './redis-event-bus.ts';
import { eventBusContract, take } from './events.contract.ts';
import { subscribeDuringHandshakeContract } from './subscribe-race.contract.ts';

const password = randomBytes(24).toString('hex');
let cluster: TestRedisCluster;
let prefix = '';

beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, password });
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
});

eventBusContract(
  'redis cluster (sharded pub/sub, password)',
  () => {
    prefix = `test:${randomUUID()}:`;
    return createRedisEventBus({ clusterNodes: cluster.nodesEnv, prefix });
  },
  () => createRedisEventBus({ clusterNodes: cluster.nodesEnv, prefix }),
);

/** One number out of INFO / CLUSTER INFO text (0 when the field is absent, e.g. a command never called). */
function field(text: string, name: string): number {
  const m = new RegExp(`(?:^|\\n)${name}[:=](\\d+)`).exec(text);
  return m ? Number(m[1]) : 0;
}

interface NodeCounters {
  spublishCalls: number;
  publishCalls: number;
  /** Pub/sub messages this node sent to / received from other nodes over the cluster bus. */
  busPublishSent: number;
  busPublishReceived: number;
  busShardSent: number;
  busShardReceived: number;
}

async function counters(conn: Redis): Promise<NodeCounters> {
  const stats = await conn.info('commandstats');
  const bus = await conn.cluster('INFO');
  const calls = (cmd: string) => {
    const m = new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(stats);
    return m ? Number(m[1]) : 0;
  };
  return {
    spublishCalls: calls('spublish'),
    publishCalls: calls('publish'),
    busPublishSent: field(bus, 'cluster_stats_messages_publish_sent'),
    busPublishReceived: field(bus, 'cluster_stats_messages_publish_received'),
    busShardSent: field(bus, 'cluster_stats_messages_publishshard_sent'),
    busShardReceived: field(bus, 'cluster_stats_messages_publishshard_received'),
  };
}

async function shardNumSub(conn: Redis, channel: string): Promise<number> {
  const r = (await conn.call('PUBSUB', 'SHARDNUMSUB', channel)) as [string, number];
  return Number(r[1]);
}

describe('event bus on Redis Cluster', () => {
  const conns = new Map<string, Redis>();
  beforeAll(async () => {
    for (const n of cluster.nodes) {
      const c = cluster.connect(n);
      await c.connect();
      conns.set(n, c);
    }
  });
  afterAll(() => {
    for (const c of conns.values()) c.disconnect();
  });

  it('publishes to the one shard that owns the channel: no other node handles or relays the message', async () => {
    const p = `test:${randomUUID()}:`;
    const bus = createRedisEventBus({ clusterNodes: cluster.nodesEnv, prefix: p });
    try {
      const sub = bus.subscribe<number>('sharded');
      await sub.ready;
      const owner = await cluster.ownerOf(`${p}sharded`);
      // The subscription lives on the owner only.
      for (const [node, c] of conns) expect(await shardNumSub(c, `${p}sharded`), node).toBe(node === owner ? 1 : 0);
      const before = new Map(await Promise.all([...conns].map(async ([n, c]) => [n, await counters(c)] as const)));
      const N = 25;
      for (let i = 0; i < N; i++) await bus.publish('sharded', i);
      expect(await take(sub, N)).toEqual(Array.from({ length: N }, (_, i) => i));
      for (const [node, c] of conns) {
        const a = await counters(c);
        const b = before.get(node)!;
        expect(a.spublishCalls - b.spublishCalls, `SPUBLISH calls on ${node}`).toBe(node === owner ? N : 0);
        expect(a.publishCalls - b.publishCalls, `PUBLISH calls on ${node}`).toBe(0);
        // Nothing crossed the cluster bus (a shard message only goes to the shard's replicas, and there are none).
        expect(a.busPublishSent - b.busPublishSent, node).toBe(0);
        expect(a.busPublishReceived - b.busPublishReceived, node).toBe(0);
        expect(a.busShardSent - b.busShardSent, node).toBe(0);
        expect(a.busShardReceived - b.busShardReceived, node).toBe(0);
      }
    } finally {
      await bus.close();
    }
  });

  it('for contrast, one classic PUBLISH is relayed over the cluster bus to every other node', async () => {
    const [first, ...others] = cluster.nodes;
    const before = new Map(await Promise.all([...conns].map(async ([n, c]) => [n, await counters(c)] as const)));
    await conns.get(first!)!.publish(`test:${randomUUID()}:classic`, 'x');
    for (const node of others) {
      const c = conns.get(node)!;
      // The relay is asynchronous (cluster bus): wait until it arrived.
      const deadline = Date.now() + 5000;
      while ((await counters(c)).busPublishReceived === before.get(node)!.busPublishReceived && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await counters(c)).busPublishReceived - before.get(node)!.busPublishReceived, node).toBe(1);
    }
    expect((await counters(conns.get(first!)!)).busPublishSent - before.get(first!)!.busPublishSent).toBe(others.length);
  });

  it('spreads channels over the shards by hash slot, each subscribed exactly once per bus', async () => {
    const p = `test:${randomUUID()}:`;
    const bus = createRedisEventBus({ clusterNodes: cluster.nodesEnv, prefix: p });
    try {
      const names = Array.from({ length: 24 }, (_, i) => `region.runtime.${i}`);
      const subs = names.flatMap((n) => [bus.subscribe<string>(n), bus.subscribe<string>(n)]);
      await Promise.all(subs.map((s) => s.ready));
      const perNode = new Map<string, number>();
      for (const n of names) {
        const owner = await cluster.ownerOf(p + n);
        expect(await shardNumSub(conns.get(owner)!, p + n), n).toBe(1);
        perNode.set(owner, (perNode.get(owner) ?? 0) + 1);
      }
      expect([...perNode.keys()].sort()).toEqual([...cluster.nodes].sort());
      await Promise.all(names.map((n) => bus.publish(n, n)));
      for (let i = 0; i < names.length; i++) {
        expect(await take(subs[2 * i]!, 1)).toEqual([names[i]]);
        expect(await take(subs[2 * i + 1]!, 1)).toEqual([names[i]]);
      }
    } finally {
      await bus.close();
    }
  });

  it('refuses a node connection without the cluster password (NOAUTH)', async () => {
    const { Redis: RedisClient } = await import('ioredis');
    for (const node of cluster.nodes) {
      const [host, port] = node.split(':');
      const anonymous = new RedisClient({ host: host!, port: Number(port), lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
      anonymous.on('error', () => {});
      try {
        await anonymous.connect();
        await expect(anonymous.call('PUBSUB', 'SHARDNUMSUB', 'x'), node).rejects.toThrow(/NOAUTH/);
      } finally {
        anonymous.disconnect();
      }
    }
  });
});

describe('subscribing during the sharded subscriber connections\' handshake (cluster)', () => {
  subscribeDuringHandshakeContract((onError) => createRedisEventBus({ clusterNodes: cluster.nodesEnv, prefix: `test:${randomUUID()}:`, onError }), 20);
});
