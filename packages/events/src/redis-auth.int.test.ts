/**
 * The compose topology's Redis requires a password (requirepass) and services pass it in REDIS_URL
 * (redis://:<password>@host:port). Against a throw-away redis-server with requirepass: the event bus works with the
 * password in the URL, and a URL without it is refused by the server (NOAUTH), so no unauthenticated client gets in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createRedisEventBus } from './redis-event-bus.ts';
import { take } from './events.contract.ts';

const password = randomBytes(32).toString('hex');
let server: ChildProcess | undefined;
let port = 0;

/** A free TCP port on loopback (bound and released; redis-server takes it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  port = await freePort();
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password], {
    stdio: 'ignore',
  });
  // ioredis retries the connection every 50 ms and queues the PING until the server answers.
  const probe = new Redis({ port, host: '127.0.0.1', password, retryStrategy: () => 50, maxRetriesPerRequest: null });
  probe.on('error', () => {});
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('redis-server with requirepass did not start')), 10_000).unref());
  expect(await Promise.race([probe.ping(), timeout])).toBe('PONG');
  await probe.quit();
});

afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
});

describe('Redis with requirepass', () => {
  it('publishes and receives through the event bus with the password in REDIS_URL', async () => {
    const bus = createRedisEventBus({ url: `redis://:${password}@127.0.0.1:${port}`, prefix: `test:${randomUUID()}:` });
    try {
      const sub = bus.subscribe<number>('auth');
      await sub.ready;
      await bus.publish('auth', 42);
      expect(await take(sub, 1)).toEqual([42]);
      sub.close();
    } finally {
      await bus.close();
    }
  });

  it('refuses a client without the password (NOAUTH)', async () => {
    const anonymous = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    anonymous.on('error', () => {});
    try {
      await anonymous.connect();
      await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
    } finally {
      anonymous.disconnect();
    }
  });
});
