import { join } from 'node:path';
import { ConfigError, PORTS, isProduction, readEnv, readEnvInt, type ServiceName } from '@sw/config';
import { renderGatewayNginxConf } from './gateway-nginx.ts';
import { PROMETHEUS_DEFAULT_PORT, prometheusProcess } from './prometheus.ts';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

export interface ServiceSpec {
  /** Unique per process: the service name, or `gateway-2` for a gateway replica and `nginx` for their front. */
  id: string;
  /** The service it is (SW_SERVICES filters by it); `prometheus` is the monitoring process. */
  name: ServiceName | 'prometheus';
  /** Program to run (default the workspace's Node 24, process.execPath). */
  bin?: string;
  /** Arguments of `bin`. */
  args: string[];
  cwd: string;
  port: number;
  healthPath: string;
  /** Extra environment for this service only. */
  env?: Record<string, string>;
  /** Files (absolute path → content) written before the process starts: generated configuration. */
  files?: Record<string, string>;
}

export interface GatewayReplicaOptions {
  /** Gateway processes (default GATEWAY_REPLICAS, else 1). */
  replicas: number;
  /** Their loopback ports (default GATEWAY_REPLICA_PORT_BASE+1 … +N; the base defaults to the public port + 10). */
  replicaPorts: number[];
  /** nginx's listen address (default GATEWAY_HOST, else 127.0.0.1). */
  listenHost: string;
  /** nginx's directory: config, pid, temp dirs, logs (default var/nginx/<public port>). */
  prefix: string;
}

/**
 * The gateway as one process on its port, or with GATEWAY_REPLICAS=N (N > 1) N gateway processes on loopback ports behind
 * nginx on the gateway's port (docs/decisions/gateway-replicas.md). `gateway` is the single-process spec.
 */
export function gatewayServices(gateway: Omit<ServiceSpec, 'id'>, opts: Partial<GatewayReplicaOptions> = {}): ServiceSpec[] {
  const replicas = opts.replicas ?? readEnvInt('GATEWAY_REPLICAS', 1);
  if (!Number.isInteger(replicas) || replicas < 1) throw new ConfigError(`GATEWAY_REPLICAS must be at least 1, got ${replicas}`);
  if (replicas === 1) return [{ ...gateway, id: 'gateway' }];
  const base = readEnvInt('GATEWAY_REPLICA_PORT_BASE', gateway.port + 10);
  const ports = opts.replicaPorts ?? Array.from({ length: replicas }, (_, i) => base + i + 1);
  if (ports.length !== replicas) throw new ConfigError(`${replicas} gateway replicas need ${replicas} ports, got ${ports.length}`);
  const specs: ServiceSpec[] = ports.map((port, i) => ({
    ...gateway,
    id: `gateway-${i + 1}`,
    port,
    // Replicas listen on loopback only: nginx is their public face.
    env: { ...gateway.env, GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1' },
  }));
  const prefix = opts.prefix ?? join(REPO_ROOT, 'var', 'nginx', String(gateway.port));
  const conf = join(prefix, 'nginx.conf');
  const nginx: ServiceSpec = {
    id: 'nginx',
    name: 'gateway',
    bin: readEnv('NGINX_BIN', 'nginx'),
    args: ['-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')],
    cwd: REPO_ROOT,
    port: gateway.port,
    healthPath: '/health',
    files: {
      [conf]: renderGatewayNginxConf({
        listenHost: opts.listenHost ?? readEnv('GATEWAY_HOST', '127.0.0.1'),
        listenPort: gateway.port,
        gateways: specs.map((s) => ({ host: '127.0.0.1', port: s.port })),
        prefix,
        ...(process.getuid?.() === 0 ? { workerUser: 'nobody nogroup' } : {}),
      }),
    },
  };
  return [...specs, nginx];
}

/**
 * Every service of the embedded platform, in start order (subgraphs before the gateway that composes them).
 * The local PayPal emulator (`paypal`, port PAYPAL_EMULATOR_PORT / 8089) starts before the orchestrator and
 * delivers its signed webhooks to the orchestrator's /api/v1/paypal/webhooks (a delivery the orchestrator
 * misses is redelivered); the orchestrator's PayPal client defaults to it. It is left out when
 * NODE_ENV=production (the emulator refuses to run there; production talks to PayPal).
 */
export function platformServices(only?: readonly string[]): ServiceSpec[] {
  const port = (name: ServiceName) =>
    Number((name === 'paypal' ? process.env.PAYPAL_EMULATOR_PORT : undefined) ?? process.env[`${name.toUpperCase()}_PORT`] ?? PORTS[name]);
  const paypal: ServiceSpec = {
    id: 'paypal',
    name: 'paypal',
    args: ['packages/paypal/src/emulator/main.ts'],
    cwd: REPO_ROOT,
    port: port('paypal'),
    healthPath: '/health',
    env: {
      PAYPAL_EMULATOR_PORT: String(port('paypal')),
      PAYPAL_WEBHOOK_URL: process.env.PAYPAL_WEBHOOK_URL ?? `http://127.0.0.1:${port('orchestrator')}/api/v1/paypal/webhooks`,
    },
  };
  const services: ServiceSpec[] = [
    ...(isProduction() ? [] : [paypal]),
    { id: 'nexus', name: 'nexus', args: ['subgraphs/nexus/src/main.ts'], cwd: REPO_ROOT, port: port('nexus'), healthPath: '/health' },
    { id: 'region', name: 'region', args: ['subgraphs/region/src/main.ts'], cwd: REPO_ROOT, port: port('region'), healthPath: '/health' },
    { id: 'governance', name: 'governance', args: ['subgraphs/governance/src/main.ts'], cwd: REPO_ROOT, port: port('governance'), healthPath: '/health' },
    {
      id: 'orchestrator',
      name: 'orchestrator',
      args: ['orchestrator/src/main.ts'],
      cwd: REPO_ROOT,
      port: port('orchestrator'),
      healthPath: '/health',
      // The PayPal client's default base is the emulator on PAYPAL_EMULATOR_PORT; keep both on the same port.
      env: { PAYPAL_EMULATOR_PORT: String(port('paypal')) },
    },
    ...gatewayServices({
      name: 'gateway',
      args: ['gateway/src/server.ts'],
      cwd: REPO_ROOT,
      port: port('gateway'),
      healthPath: '/health',
      // The supergraph carries the default subgraph URLs; on other ports (<NAME>_PORT) the gateway must be told, or
      // it would talk to whatever listens on the defaults (another platform on the same machine).
      env: Object.fromEntries(
        (['nexus', 'region', 'governance', 'orchestrator'] as const).map((n) => {
          const key = `${n.toUpperCase()}_URL`;
          return [key, process.env[key] ?? `http://127.0.0.1:${port(n)}`];
        }),
      ),
    }),
    {
      id: 'web',
      name: 'web',
      args: ['node_modules/next/dist/bin/next', 'start', '-p', String(port('web')), '-H', '127.0.0.1'],
      cwd: join(REPO_ROOT, 'web'),
      port: port('web'),
      healthPath: '/api/health',
      env: { NEXT_TELEMETRY_DISABLED: '1', GATEWAY_URL: process.env.GATEWAY_URL ?? `http://127.0.0.1:${port('gateway')}/graphql` },
    },
  ];
  const chosen = services.filter((s) => !only || only.includes(s.name));
  return !only || only.includes('prometheus') ? withPrometheus(chosen) : chosen;
}

/**
 * Adds Prometheus (PROMETHEUS_PORT, default 9090; SW_PROMETHEUS=0 leaves it out) scraping every other service of the
 * table through file_sd, and points the orchestrator at the directory where it keeps the region-server targets.
 * `platformServices(only)` adds it when `only` (SW_SERVICES) is unset or names `prometheus`.
 */
export function withPrometheus(services: ServiceSpec[], env: NodeJS.ProcessEnv = process.env): ServiceSpec[] {
  if (readEnv('SW_PROMETHEUS', '1', env) === '0') return services;
  const port = readEnvInt('PROMETHEUS_PORT', PROMETHEUS_DEFAULT_PORT, env);
  const hubTargets = services
    // nginx is not an exporter; web (Next.js) and the PayPal emulator serve no /metrics.
    .filter((s) => s.id !== 'nginx' && s.name !== 'web' && s.name !== 'paypal')
    .map((s) => ({ service: s.id, host: '127.0.0.1', port: s.port }));
  const prom = prometheusProcess({ port, prefix: join(REPO_ROOT, 'var', 'prometheus', String(port)), hubTargets });
  const withSd = services.map((s) => (s.name === 'orchestrator' ? { ...s, env: { ...s.env, PROMETHEUS_SD_DIR: env.PROMETHEUS_SD_DIR ?? prom.sdDir, PROMETHEUS_URL: env.PROMETHEUS_URL ?? `http://127.0.0.1:${port}` } } : s));
  return [...withSd, { id: 'prometheus', name: 'prometheus', bin: prom.bin, args: prom.args, cwd: REPO_ROOT, port, healthPath: '/-/ready', files: prom.files }];
}
