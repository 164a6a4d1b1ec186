import type { HubDb } from '@sw/db';
import type { RequestContext } from '@sw/service-kit';
import type { RegionLoaders } from './loaders.ts';
import type { WorldStatsCache } from './world-stats-cache.ts';

/** Resolver context of the Region subgraph: the kit's base context plus the hub db and per-request loaders. */
export interface RegionContext extends RequestContext {
  db: HubDb;
  loaders: RegionLoaders;
  /** Region.world through the process-wide, briefly cached region-server calls. */
  worldStats: WorldStatsCache;
}
