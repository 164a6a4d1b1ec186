/**
 * With REDIS_CLUSTER_NODES set, the gateway's rate limits and sign-in lockouts live on the Redis Cluster like the event
 * bus: two gateway replicas (two limiter sets) on a throw-away 3-master cluster with requirepass share one count.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type TestRedisCluster } from '@sw/testing';
import { createGatewayLimiters, rateLimitConfigFromEnv, type GatewayLimiters } from './rate-limits.ts';

let cluster: TestRedisCluster;
const open: GatewayLimiters[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, password: randomBytes(24).toString('hex') });
}, 90_000);

afterAll(async () => {
  await Promise.all(open.map((l) => l.close()));
  await cluster?.stop();
});

function replica(prefix: string): GatewayLimiters {
  const config = {
    ...rateLimitConfigFromEnv({ REDIS_CLUSTER_NODES: cluster.nodesEnv, RATE_LIMIT_PREFIX: prefix }),
    loginFailsPerAccount: 3,
  };
  const l = createGatewayLimiters(config, pino({ level: 'silent' }));
  open.push(l);
  return l;
}

describe('gateway rate limits on Redis Cluster', () => {
  it('locks an account out on every replica after failures counted on another', async () => {
    const prefix = `sw:rl:test-${randomBytes(4).toString('hex')}:`;
    const a = replica(prefix);
    const b = replica(prefix);
    await Promise.all([a.ready, b.ready]);
    expect(await b.signInAllowed('alice', '10.0.0.1')).toEqual({ ok: true });
    for (let i = 0; i < 3; i++) await a.signInFailed('alice', '10.0.0.1');
    const refused = await b.signInAllowed('alice', '10.0.0.2');
    expect(refused.ok).toBe(false);
    // Another account is not affected, and a success on a replica clears the account's failures everywhere.
    expect(await b.signInAllowed('bob', '10.0.0.3')).toEqual({ ok: true });
    await b.signInSucceeded('alice');
    expect(await a.signInAllowed('alice', '10.0.0.4')).toEqual({ ok: true });
  });

  it('never lets two replicas together exceed one caller\'s budget', async () => {
    const prefix = `sw:rl:test-${randomBytes(4).toString('hex')}:`;
    const mk = () => {
      const l = createGatewayLimiters(
        { ...rateLimitConfigFromEnv({ REDIS_CLUSTER_NODES: cluster.nodesEnv, RATE_LIMIT_PREFIX: prefix }), anonymousPerMinute: 20 },
        pino({ level: 'silent' }),
      );
      open.push(l);
      return l;
    };
    const [a, b] = [mk(), mk()];
    await Promise.all([a.ready, b.ready]);
    let allowed = 0;
    for (let i = 0; i < 60; i++) if ((await (i % 2 ? a : b).request(null, '192.0.2.7')).ok) allowed++;
    expect(allowed).toBeGreaterThan(0);
    expect(allowed).toBeLessThanOrEqual(20);
  });
});
