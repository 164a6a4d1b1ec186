/**
 * What bench/fanout-*.ts needs from the gateway workspace (resolved from gateway/node_modules, since the bench package
 * does not depend on ws / @sw/events / @sw/auth itself): the feed + names fixture subgraphs, the gateway, a Redis bus,
 * token signing and the ws client; for the cluster mode nginx's config, a throw-away Redis Cluster and port helpers.
 */
export { default as WebSocket } from 'ws';
export { createRedisEventBus } from '@sw/events';
export type { EventBus } from '@sw/events';
export { signAccessToken } from '@sw/auth';
export { startGateway } from '../server.ts';
export { FEED_DELIVERY_MODES, feedSupergraph, pingChannel, startFeedSubgraph, startNamesSubgraph } from './subscription-subgraphs.ts';
export { default as pino } from 'pino';
export { renderGatewayNginxConf } from '@sw/launcher';
export { freePort, startRedisCluster, waitFor } from '@sw/testing';
export type { TestRedisCluster } from '@sw/testing';
