import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The gateway's Prometheus registry: process default metrics plus a request-duration histogram for /graphql.
 * One registry per gateway instance, so several gateways in one process (tests, the benchmark) don't collide.
 */
export function createGatewayMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'sw_gateway_graphql_request_duration_seconds',
    help: 'Duration of /graphql HTTP requests handled by the gateway',
    labelNames: ['method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const fastPath = new Counter({
    name: 'sw_gateway_fast_path_responses_total',
    help: 'GraphQL responses served by the single-fetch fast path (subgraph bytes forwarded as-is)',
    registers: [registry],
  });
  const compiledPlan = new Counter({
    name: 'sw_gateway_compiled_plan_responses_total',
    help: 'GraphQL responses served by the compiled multi-fetch plan executor (plan-executor.ts)',
    registers: [registry],
  });
  return {
    registry,
    fastPathHit(): void {
      fastPath.inc();
    },
    compiledPlanHit(): void {
      compiledPlan.inc();
    },
    observe(method: string, status: number, ms: number): void {
      duration.observe({ method, status: String(status) }, ms / 1000);
    },
    /** Gauges of the graphql-ws bridge (connections, client subscriptions, shared upstreams, backlogged clients). */
    trackSubscriptions(stats: () => { connections: number; subscribers: number; upstreams: number; backlogged: number; eventsReceived: number }): void {
      const gauges: [string, string, (s: ReturnType<typeof stats>) => number][] = [
        ['sw_gateway_ws_connections', 'Open graphql-ws connections', (s) => s.connections],
        ['sw_gateway_ws_subscriptions', 'Active client subscriptions', (s) => s.subscribers],
        ['sw_gateway_ws_upstream_subscriptions', 'Deduplicated upstream subgraph subscriptions', (s) => s.upstreams],
        ['sw_gateway_ws_backlogged_clients', 'Client subscriptions with queued frames (slow clients)', (s) => s.backlogged],
        ['sw_gateway_ws_upstream_events', 'Upstream subscription events received since start', (s) => s.eventsReceived],
      ];
      for (const [name, help, pick] of gauges) {
        new Gauge({ name, help, registers: [registry], collect() { this.set(pick(stats())); } });
      }
    },
  };
}
