/** Cross-process events: Redis pub/sub (standalone or sharded on a cluster) in services, an in-memory twin for unit tests. */
export { channels, DEFAULT_SUBSCRIPTION_BUFFER } from './event-bus.ts';
export type { EventBus, Subscription } from './event-bus.ts';
export { createMemoryEventBus } from './memory-event-bus.ts';
export { createRedisEventBus, DEFAULT_EVENTS_PREFIX } from './redis-event-bus.ts';
export type { RedisEventBusOptions } from './redis-event-bus.ts';
export { parseClusterNodes, resolveRedisTarget } from './redis-target.ts';
export type { RedisNode, RedisTarget } from './redis-target.ts';
export { closingStream } from './closing-stream.ts';
export { FifoResync } from './fifo-resync.ts';
export type { FifoResyncOptions, FifoResyncStats, Sequenced } from './fifo-resync.ts';
