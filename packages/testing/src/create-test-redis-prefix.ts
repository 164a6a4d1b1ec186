import { randomBytes } from 'node:crypto';

/**
 * Returns a unique Redis key/channel prefix (`sw:test:<random>:`) so tests sharing the local Redis never
 * see each other's keys or pub/sub messages.
 */
export function createTestRedisPrefix(label = 'test'): string {
  return `sw:${label}:${randomBytes(6).toString('hex')}:`;
}
