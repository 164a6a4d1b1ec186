import type { HubDb } from '@sw/db';
import type { EventBus } from '@sw/events';
import type { RequestContext } from '@sw/service-kit';
import type { RegionLoaders } from './loaders.ts';
import type { JourneyRunner } from './travel/journey-runner.ts';
import type { WorldStatsCache } from './world-stats-cache.ts';

/** What commands and resolvers of the Region subgraph share for the life of the process. */
export interface RegionDeps {
  db: HubDb;
  /** Publishes travel feed and journey events after commit; null in tests that do not need live events. */
  bus: EventBus | null;
  travel: JourneyRunner;
  /** Timeout of one region-server call (world stats, presence, holdings). */
  worldStatsTimeoutMs: number;
  /** Region.world through the process-wide, briefly cached region-server calls. */
  worldStats: WorldStatsCache;
}

/** Resolver context of the Region subgraph: the kit's base context plus the shared deps and per-request loaders. */
export interface RegionContext extends RequestContext, RegionDeps {
  loaders: RegionLoaders;
}
