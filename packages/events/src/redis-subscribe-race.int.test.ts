/** The subscribe-during-handshake race (subscribe-race.contract.ts) on a standalone Redis. */
import { describe } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DEFAULT_REDIS_URL } from '@sw/config';
import { createRedisEventBus } from './redis-event-bus.ts';
import { subscribeDuringHandshakeContract } from './subscribe-race.contract.ts';

const url = process.env.REDIS_URL || DEFAULT_REDIS_URL;

describe('subscribing during the subscriber connection handshake', () => {
  subscribeDuringHandshakeContract((onError) => createRedisEventBus({ url, prefix: `test:${randomUUID()}:`, onError }));
});
