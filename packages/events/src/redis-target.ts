import { ConfigError, DEFAULT_REDIS_URL, readEnv } from '@sw/config';

/** One Redis node of a cluster's seed list. */
export interface RedisNode {
  host: string;
  port: number;
}

/**
 * Where the event bus connects: one standalone server (REDIS_URL, the default) or a Redis Cluster
 * (REDIS_CLUSTER_NODES, a seed list; the client discovers the other nodes and the slot map itself).
 */
export type RedisTarget =
  | { kind: 'standalone'; url: string }
  | { kind: 'cluster'; nodes: RedisNode[]; username?: string; password?: string };

/**
 * Parses a cluster seed list: comma-separated `host:port` or `redis://[user][:password]@host:port` entries.
 * Every node of one cluster shares one password (requirepass + masterauth), so credentials come from the entries that
 * carry them and must agree; entries without credentials use the same ones.
 */
export function parseClusterNodes(value: string, name = 'REDIS_CLUSTER_NODES'): Extract<RedisTarget, { kind: 'cluster' }> {
  const entries = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) throw new ConfigError(`${name} lists no nodes`);
  const nodes: RedisNode[] = [];
  let creds: { username: string; password: string } | undefined;
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry.includes('://') ? entry : `redis://${entry}`);
    } catch {
      throw new ConfigError(`${name}: "${entry}" is neither host:port nor a redis:// URL`);
    }
    if (url.protocol !== 'redis:') throw new ConfigError(`${name}: "${entry}" must use redis:// (TLS clusters are not supported yet)`);
    const port = Number(url.port);
    if (url.hostname === '' || !Number.isInteger(port) || port <= 0) throw new ConfigError(`${name}: "${entry}" needs a host and a port`);
    nodes.push({ host: url.hostname.replace(/^\[|\]$/g, ''), port });
    if (url.username !== '' || url.password !== '') {
      const these = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
      if (creds && (creds.username !== these.username || creds.password !== these.password)) {
        throw new ConfigError(`${name}: the nodes carry different credentials; one cluster has one password`);
      }
      creds = these;
    }
  }
  return {
    kind: 'cluster',
    nodes,
    ...(creds?.username ? { username: creds.username } : {}),
    ...(creds?.password ? { password: creds.password } : {}),
  };
}

/**
 * The bus's target: `clusterNodes` (or REDIS_CLUSTER_NODES) when non-empty, else the standalone `url` (or REDIS_URL,
 * default redis://127.0.0.1:6379).
 */
export function resolveRedisTarget(opts: { url?: string; clusterNodes?: string } = {}, env: NodeJS.ProcessEnv = process.env): RedisTarget {
  const nodes = opts.clusterNodes ?? readEnv('REDIS_CLUSTER_NODES', '', env);
  if (nodes.trim() !== '') return parseClusterNodes(nodes);
  return { kind: 'standalone', url: opts.url ?? readEnv('REDIS_URL', DEFAULT_REDIS_URL, env) };
}
