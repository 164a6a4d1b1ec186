import { join } from 'node:path';
import { PORTS, type ServiceName } from '@sw/config';

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

/** Every service of the embedded platform, in start order (subgraphs before the gateway that composes them). */
export function platformServices(): ServiceSpec[] {
  const port = (name: ServiceName) => Number(process.env[`${name.toUpperCase()}_PORT`] ?? PORTS[name]);
  return [
    { name: 'nexus', args: ['subgraphs/nexus/src/main.ts'], cwd: REPO_ROOT, port: port('nexus'), healthPath: '/health' },
    { name: 'region', args: ['subgraphs/region/src/main.ts'], cwd: REPO_ROOT, port: port('region'), healthPath: '/health' },
    { name: 'governance', args: ['subgraphs/governance/src/main.ts'], cwd: REPO_ROOT, port: port('governance'), healthPath: '/health' },
    { name: 'orchestrator', args: ['orchestrator/src/main.ts'], cwd: REPO_ROOT, port: port('orchestrator'), healthPath: '/health' },
    { name: 'gateway', args: ['gateway/src/server.ts'], cwd: REPO_ROOT, port: port('gateway'), healthPath: '/health' },
    {
      name: 'web',
      args: ['node_modules/next/dist/bin/next', 'start', '-p', String(port('web')), '-H', '127.0.0.1'],
      cwd: join(REPO_ROOT, 'web'),
      port: port('web'),
      healthPath: '/api/health',
      env: { NEXT_TELEMETRY_DISABLED: '1' },
    },
  ];
}
