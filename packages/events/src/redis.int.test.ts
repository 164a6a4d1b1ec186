import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL } from '@sw/config';
import { createRedisEventBus } from './redis-event-bus.ts';
import { eventBusContract, take } from './events.contract.ts';

const url = process.env.REDIS_URL || DEFAULT_REDIS_URL;
let prefix = '';

eventBusContract(
  'redis',
  () => { prefix = `test:${randomUUID()}:`; return createRedisEventBus({ url, prefix }); },
  () => createRedisEventBus({ url, prefix }),
);

describe('createRedisEventBus', () => {
  const admin = new Redis(url);
  afterAll(async () => { await admin.quit(); });

  async function numsub(channel: string): Promise<number> {
    const r = (await admin.pubsub('NUMSUB', channel)) as [string, number];
    return Number(r[1]);
  }

  it('subscribes a Redis channel once per bus and unsubscribes with the last local subscriber', async () => {
    const p = `test:${randomUUID()}:`;
    const bus = createRedisEventBus({ url, prefix: p });
    const a = bus.subscribe<number>('ref');
    const b = bus.subscribe<number>('ref');
    await Promise.all([a.ready, b.ready]);
    expect(await numsub(`${p}ref`)).toBe(1);
    a.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(await numsub(`${p}ref`)).toBe(1);
    await bus.publish('ref', 7);
    expect(await take(b, 1)).toEqual([7]);
    b.close();
    const deadline = Date.now() + 2000;
    while ((await numsub(`${p}ref`)) !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await numsub(`${p}ref`)).toBe(0);
    await bus.close();
  });

  it('prefixes channels so buses with different prefixes do not see each other', async () => {
    const one = createRedisEventBus({ url, prefix: `test:${randomUUID()}:` });
    const two = createRedisEventBus({ url, prefix: `test:${randomUUID()}:` });
    const sub = two.subscribe<number>('same');
    await sub.ready;
    await one.publish('same', 1);
    await two.publish('same', 2);
    expect(await take(sub, 1)).toEqual([2]);
    await Promise.all([one.close(), two.close()]);
  });

  it('ignores non-JSON messages published by someone else on the channel', async () => {
    const p = `test:${randomUUID()}:`;
    const bus = createRedisEventBus({ url, prefix: p });
    const sub = bus.subscribe<string>('raw');
    await sub.ready;
    await admin.publish(`${p}raw`, '{not json');
    await bus.publish('raw', 'ok');
    expect(await take(sub, 1)).toEqual(['ok']);
    await bus.close();
  });

  it('closes cleanly even when it never connected', async () => {
    const bus = createRedisEventBus({ url, prefix: 'unused:' });
    await bus.close();
  });
});
