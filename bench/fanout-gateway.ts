/**
 * Child process of `pnpm bench:fanout`: ONE gateway process (startGateway with the planner bridge) over the feed + names
 * supergraph. Answers 'stats' over IPC with its own RSS/CPU and the subscription hub counters.
 */
import { FEED_DELIVERY_MODES, feedSupergraph, pino, startGateway } from '../gateway/src/__fixtures__/fanout-bench-kit.ts';

const gw = await startGateway({ rateLimits: { enabled: false },
  port: 0,
  host: '127.0.0.1',
  supergraphSdl: feedSupergraph(process.env.FANOUT_FEED_URL!, process.env.FANOUT_NAMES_URL!),
  jwtSecret: process.env.FANOUT_JWT_SECRET!,
  internalSecret: process.env.FANOUT_INTERNAL_SECRET!,
  logger: pino({ level: 'warn' }, pino.destination(2)),
  // The bench measures fan-out, not the connection cap (GATEWAY_WS_MAX_CONNECTIONS, default 10,000): one socket per
  // subscriber, so the cap follows the subscriber count.
  // Connecting tens of thousands of sockets on a loaded machine can take longer than the 3 s connection_init budget; the
  // bench measures delivery, not connection set-up.
  subscriptions: {
    deliveryModes: FEED_DELIVERY_MODES,
    maxConnections: Number(process.env.FANOUT_SUBSCRIBERS ?? 10_000) + 1000,
    connectionInitWaitTimeoutMs: 30_000,
  },
});
process.send!({ type: 'ready', url: gw.url });
async function onMessage(m: { type: string }): Promise<void> {
  if (m.type === 'stats') {
    if (global.gc) global.gc();
    process.send!({ type: 'stats', rss: process.memoryUsage().rss, cpu: process.cpuUsage(), hub: gw.subscriptions.stats() });
  } else if (m.type === 'stop') {
    await gw.stop();
    process.exit(0);
  }
}
process.on('message', (m: { type: string }) => void onMessage(m));

// The bench process went away (killed): never outlive it.
process.on('disconnect', () => process.exit(0));
