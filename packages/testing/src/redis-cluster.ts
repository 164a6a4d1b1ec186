/**
 * A throw-away Redis Cluster for integration tests and benches: N masters (no replicas) from the machine's
 * redis-server (Redis 7: sharded pub/sub) on free loopback ports (client and cluster-bus port), persistence off, their
 * node files in one temp dir, joined with `redis-cli --cluster create`. `stop()` ends the servers and removes the dir.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, waitFor } from './free-port.ts';

const run = promisify(execFile);

export interface TestRedisCluster {
  /** `host:port` of every master, in creation order. */
  nodes: string[];
  /** Seed list for REDIS_CLUSTER_NODES / the bus's `clusterNodes` (carries the password when there is one). */
  nodesEnv: string;
  password: string | undefined;
  /** Process ids of the redis-server nodes (CPU accounting in benches). */
  pids: number[];
  /** A direct (non-cluster) connection to one node, for per-node stats; the caller quits it. */
  connect(node: string): Redis;
  /** The node (`host:port`) that owns the hash slot of `key` (a shard channel lives in its name's slot). */
  ownerOf(key: string): Promise<string>;
  /** SIGKILLs one node without cleanup (failure tests). */
  kill(node: string): void;
  stop(): Promise<void>;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts and joins the cluster; resolves once every node reports cluster_state:ok and knows every other node. */
export async function startRedisCluster(opts: { masters?: number; password?: string } = {}): Promise<TestRedisCluster> {
  const masters = opts.masters ?? 3;
  const password = opts.password;
  const dir = mkdtempSync(join(tmpdir(), 'sw-redis-cluster-'));
  const children = new Map<string, ChildProcess>();
  const nodes: string[] = [];
  const auth = password ? ['--requirepass', password, '--masterauth', password] : [];
  const connect = (node: string) => {
    const [host, port] = node.split(':');
    const conn = new Redis({ host: host!, port: Number(port), ...(password ? { password } : {}), lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    conn.on('error', () => {});
    return conn;
  };
  const stop = async () => {
    await Promise.all([...children.values()].map(stopProcess));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      const busPort = await freePort();
      const child = spawn(
        'redis-server',
        [
          '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-port', String(busPort),
          '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--cluster-node-timeout', '5000', '--dir', dir,
          '--save', '', '--appendonly', 'no', ...auth,
        ],
        { stdio: 'ignore' },
      );
      const node = `127.0.0.1:${port}`;
      children.set(node, child);
      nodes.push(node);
    }
    for (const node of nodes) {
      await waitFor(`redis-server ${node} answering`, async () => {
        const c = connect(node);
        try {
          await c.connect();
          return (await c.ping()) === 'PONG';
        } finally {
          c.disconnect();
        }
      });
    }
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], {
      env: { ...process.env, ...(password ? { REDISCLI_AUTH: password } : {}) },
      timeout: 60_000,
    });
    for (const node of nodes) {
      await waitFor(`cluster_state:ok on ${node}`, async () => {
        const c = connect(node);
        try {
          await c.connect();
          const info = await c.cluster('INFO');
          return info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${masters}`) && info.includes('cluster_slots_assigned:16384');
        } finally {
          c.disconnect();
        }
      }, 30_000);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    nodes,
    nodesEnv: nodes.map((n) => (password ? `redis://:${encodeURIComponent(password)}@${n}` : n)).join(','),
    password,
    pids: [...children.values()].map((c) => c.pid!).filter((p) => p !== undefined),
    connect,
    async ownerOf(key) {
      const c = connect(nodes[0]!);
      try {
        await c.connect();
        const slot = await c.cluster('KEYSLOT', key);
        const ranges = await c.cluster('SLOTS');
        const master = ranges.find(([from, to]) => slot >= from && slot <= to)?.[2];
        if (!master) throw new Error(`no owner for slot ${slot}`);
        return `${master[0]}:${master[1]}`;
      } finally {
        c.disconnect();
      }
    },
    kill(node) {
      children.get(node)?.kill('SIGKILL');
    },
    stop,
  };
}
