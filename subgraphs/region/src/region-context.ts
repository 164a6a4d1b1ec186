import type { HubDb } from '@sw/db';
import type { RequestContext } from '@sw/service-kit';
import type { RegionLoaders } from './loaders.ts';

/** Resolver context of the Region subgraph: the kit's base context plus the hub db and per-request loaders. */
export interface RegionContext extends RequestContext {
  db: HubDb;
  loaders: RegionLoaders;
  /** Timeout of one region-server `/world/stats` call. */
  worldStatsTimeoutMs: number;
}
