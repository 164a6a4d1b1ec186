/**
 * Ownership labels of everything the docker driver creates (reverse-DNS keys, fixed for
 * the object's lifetime). Reconciliation lists by these labels; container ids are never remembered.
 */
export const LABEL = {
  managedBy: 'io.sectorwars.managed-by',
  instance: 'io.sectorwars.instance',
  regionId: 'io.sectorwars.region-id',
  regionName: 'io.sectorwars.region-name',
  role: 'io.sectorwars.role',
  dbName: 'io.sectorwars.db-name',
  generation: 'io.sectorwars.generation',
  subnetIndex: 'io.sectorwars.subnet-index',
} as const;

export const MANAGED_BY = 'sw-orchestrator';

/** Containers of a region stack: the server, its Postgres and its Redis. */
export type StackRole = 'server' | 'db' | 'cache';

/** Label filter values (`key=value`) for docker list calls. */
export function labelFilter(instance: string, extra: Record<string, string> = {}): string[] {
  const f = [`${LABEL.managedBy}=${MANAGED_BY}`, `${LABEL.instance}=${instance}`];
  for (const [k, v] of Object.entries(extra)) f.push(`${k}=${v}`);
  return f;
}

/** Deterministic object names: `swr-[<instance>-]<first 12 hex of the region id>-<role>`. */
export function objectName(instance: string, regionId: string, role: StackRole | 'net' | 'pgdata'): string {
  const short = regionId.replaceAll('-', '').slice(0, 12).toLowerCase();
  const inst = instance === 'default' ? '' : `${instance.toLowerCase().replace(/[^a-z0-9_.-]/g, '-')}-`;
  return `swr-${inst}${short}-${role}`;
}
