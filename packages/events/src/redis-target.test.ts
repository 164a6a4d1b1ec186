import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sw/config';
import { parseClusterNodes, resolveRedisTarget } from './redis-target.ts';

describe('resolveRedisTarget', () => {
  it('is the standalone REDIS_URL (or the local default) unless cluster nodes are given', () => {
    expect(resolveRedisTarget({}, {})).toEqual({ kind: 'standalone', url: 'redis://127.0.0.1:6379' });
    expect(resolveRedisTarget({}, { REDIS_URL: 'redis://:pw@r:6379' })).toEqual({ kind: 'standalone', url: 'redis://:pw@r:6379' });
    expect(resolveRedisTarget({ url: 'redis://x:1' }, { REDIS_URL: 'redis://r:6379' })).toEqual({ kind: 'standalone', url: 'redis://x:1' });
    expect(resolveRedisTarget({ clusterNodes: ' ' }, { REDIS_CLUSTER_NODES: 'a:1' })).toEqual({ kind: 'standalone', url: 'redis://127.0.0.1:6379' });
  });

  it('uses REDIS_CLUSTER_NODES when set, whatever the URL says', () => {
    expect(resolveRedisTarget({ url: 'redis://x:1' }, { REDIS_CLUSTER_NODES: 'a:7000,b:7001' })).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }],
    });
  });
});

describe('parseClusterNodes', () => {
  it('takes host:port and redis:// entries; the password of one entry applies to all', () => {
    expect(parseClusterNodes('redis://:s3cret@redis-1:6379, redis-2:6379,redis://:s3cret@redis-3:6379')).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'redis-1', port: 6379 }, { host: 'redis-2', port: 6379 }, { host: 'redis-3', port: 6379 }],
      password: 's3cret',
    });
    expect(parseClusterNodes('redis://app:p%40ss@10.0.0.1:7000')).toMatchObject({ username: 'app', password: 'p@ss' });
  });

  it('refuses empty lists, missing ports, other schemes and disagreeing passwords', () => {
    expect(() => parseClusterNodes(' , ')).toThrow(ConfigError);
    expect(() => parseClusterNodes('redis-1')).toThrow(/needs a host and a port/);
    expect(() => parseClusterNodes('rediss://redis-1:6380')).toThrow(/redis:\/\//);
    expect(() => parseClusterNodes('redis://:a@r1:1,redis://:b@r2:2')).toThrow(/different credentials/);
  });
});
