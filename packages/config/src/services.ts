import { readEnv, readEnvInt } from './env.ts';

/** `paypal` is the local PayPal emulator of the embedded default (dev / CI only, never in production). */
export type ServiceName = 'gateway' | 'nexus' | 'region' | 'governance' | 'orchestrator' | 'web' | 'paypal';

/** Default listening ports of the embedded platform; each can be overridden by `<NAME>_PORT`. */
export const PORTS: Record<ServiceName, number> = {
  gateway: 4000,
  nexus: 4001,
  region: 4002,
  governance: 4003,
  orchestrator: 8081,
  web: 3000,
  paypal: 8089,
};

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/sectorwars';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** Development-only secrets; services refuse to start with them when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'sectorwars-dev-jwt-secret-change-me-0123456789';
export const DEV_INTERNAL_SECRET = 'sectorwars-dev-internal-claims-secret-0123456789';

/** Base URL (no path) of every service, from `<NAME>_URL` or localhost plus its port. */
export function serviceUrls(env: NodeJS.ProcessEnv = process.env): Record<ServiceName, string> {
  const out = {} as Record<ServiceName, string>;
  for (const name of Object.keys(PORTS) as ServiceName[]) {
    const port = readEnvInt(`${name.toUpperCase()}_PORT`, PORTS[name], env);
    out[name] = readEnv(`${name.toUpperCase()}_URL`, `http://127.0.0.1:${port}`, env);
  }
  return out;
}
