import { join } from 'node:path';
import { PORTS, isProduction, type ServiceName } from '@sw/config';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

export interface ServiceSpec {
  name: ServiceName;
  /** Command run with the workspace's Node 24 (process.execPath) unless `bin` says otherwise. */
  args: string[];
  cwd: string;
  port: number;
  healthPath: string;
  /** Extra environment for this service only. */
  env?: Record<string, string>;
}

/**
 * Every service of the embedded platform, in start order (subgraphs before the gateway that composes them).
 * The local PayPal emulator (`paypal`, port PAYPAL_EMULATOR_PORT / 8089) starts before the orchestrator and
 * delivers its signed webhooks to the orchestrator's /api/v1/paypal/webhooks (a delivery the orchestrator
 * misses is redelivered); the orchestrator's PayPal client defaults to it. It is left out when
 * NODE_ENV=production (the emulator refuses to run there; production talks to PayPal).
 */
export function platformServices(): ServiceSpec[] {
  const port = (name: ServiceName) =>
    Number((name === 'paypal' ? process.env.PAYPAL_EMULATOR_PORT : undefined) ?? process.env[`${name.toUpperCase()}_PORT`] ?? PORTS[name]);
  const paypal: ServiceSpec = {
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
  return [
    ...(isProduction() ? [] : [paypal]),
    { name: 'nexus', args: ['subgraphs/nexus/src/main.ts'], cwd: REPO_ROOT, port: port('nexus'), healthPath: '/health' },
    { name: 'region', args: ['subgraphs/region/src/main.ts'], cwd: REPO_ROOT, port: port('region'), healthPath: '/health' },
    { name: 'governance', args: ['subgraphs/governance/src/main.ts'], cwd: REPO_ROOT, port: port('governance'), healthPath: '/health' },
    {
      name: 'orchestrator',
      args: ['orchestrator/src/main.ts'],
      cwd: REPO_ROOT,
      port: port('orchestrator'),
      healthPath: '/health',
      // The PayPal client's default base is the emulator on PAYPAL_EMULATOR_PORT; keep both on the same port.
      env: { PAYPAL_EMULATOR_PORT: String(port('paypal')) },
    },
    {
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
    },
    {
      name: 'web',
      args: ['node_modules/next/dist/bin/next', 'start', '-p', String(port('web')), '-H', '127.0.0.1'],
      cwd: join(REPO_ROOT, 'web'),
      port: port('web'),
      healthPath: '/api/health',
      env: { NEXT_TELEMETRY_DISABLED: '1', GATEWAY_URL: process.env.GATEWAY_URL ?? `http://127.0.0.1:${port('gateway')}/graphql` },
    },
  ];
}
