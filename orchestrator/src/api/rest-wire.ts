/**
 * JSON bodies of the region-manager REST API (rest-routes.ts), named once so the routes, region-cli and the
 * tests agree on them. Type-only imports from the server side: region-cli loads this file without the server.
 */
import type { RegionUsage } from './region-usage.ts';
import type { RegionEventView, RuntimeView } from './runtime-view.ts';

/** One entry of GET /regions. */
export type RegionListItem = RuntimeView & { usage: RegionUsage };

/** GET /regions. */
export interface RegionListBody {
  regions: RegionListItem[];
}

/** GET /regions/:name. POST provision / scale / cancel-termination and DELETE answer a bare RuntimeView. */
export type RegionDetailBody = RuntimeView & { usage: RegionUsage; recentEvents: RegionEventView[] };

/** GET /api/v1/region-manager/metrics. */
export interface FleetMetricsBody {
  totalRegions: number;
  activeRegions: number;
  liveRegions: number;
  softTarget: number;
  utilization: number;
  alert: boolean;
  playersOnline: number;
  averageCpuPct: number | null;
  totalMemoryGb: number;
  regions: Array<{ name: string; state: string; cpu: number; memoryGb: number } & RegionUsage>;
}

/** Every failed request answers `{ error: { code, message, details? } }` (service-kit's restError). */
export { restErrorOf, type RestErrorBody } from '@sw/domain';
