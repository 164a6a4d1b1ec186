/** @sw/launcher — the embedded platform's service table and process helpers (the launcher itself is start.ts). */
export { gatewayServices, platformServices, REPO_ROOT } from './service-table.ts';
export type { GatewayReplicaOptions, ServiceSpec } from './service-table.ts';
export { AFFINITY_QUERY_ARG, renderGatewayNginxConf } from './gateway-nginx.ts';
export type { GatewayNginxConfig } from './gateway-nginx.ts';
export { spawnService } from './spawn-service.ts';
export { waitForHealthy } from './wait-healthy.ts';
