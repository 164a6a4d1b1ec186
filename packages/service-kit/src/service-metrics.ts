import { performance } from 'node:perf_hooks';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** Per-service Prometheus registry (default process metrics + GraphQL timings), served at GET /metrics. */
export interface ServiceMetrics {
  registry: Registry;
  requestDuration: Histogram<'operation_type'>;
  wsConnections: Gauge;
}

/** Creates the registry once per service at startup. Labels every series with `service`. */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL HTTP request to sending its response, by operation type',
    labelNames: ['operation_type'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const wsConnections = new Gauge({
    name: 'graphql_ws_connections',
    help: 'Open graphql-ws (subscription) connections',
    registers: [registry],
  });
  return { registry, requestDuration, wsConnections };
}

/**
 * Apollo plugin: observes each HTTP GraphQL request in the histogram (operation_type = query | mutation |
 * subscription | unknown when the document did not parse/validate) and refuses subscriptions over HTTP
 * with ERR_SUBSCRIPTION_OVER_HTTP (405) — they are served by graphql-ws on the same path.
 */
export function metricsPlugin<C extends BaseContext>(metrics: ServiceMetrics): ApolloServerPlugin<C> {
  const { requestDuration } = metrics;
  return {
    async requestDidStart() {
      const start = performance.now();
      return {
        async didResolveOperation(rc) {
          if (rc.operation?.operation === 'subscription') {
            throw new GraphQLError('subscriptions are served over graphql-ws (WebSocket) on this path', {
              extensions: { code: 'ERR_SUBSCRIPTION_OVER_HTTP', http: { status: 405 } },
            });
          }
        },
        async willSendResponse(rc) {
          requestDuration.observe({ operation_type: rc.operation?.operation ?? 'unknown' }, (performance.now() - start) / 1000);
        },
      };
    },
  };
}
