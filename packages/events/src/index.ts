/** Cross-process events: Redis pub/sub in services, an in-memory twin for unit tests. */
export { channels, DEFAULT_SUBSCRIPTION_BUFFER } from './event-bus.ts';
export type { EventBus, Subscription } from './event-bus.ts';
export { createMemoryEventBus } from './memory-event-bus.ts';
export { createRedisEventBus, DEFAULT_EVENTS_PREFIX } from './redis-event-bus.ts';
export { closingStream } from './closing-stream.ts';
