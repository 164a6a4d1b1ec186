/**
 * JSON bodies of the region-manager REST API (rest-routes.ts), named once so the routes, region-cli and the
 * tests agree on them. Type-only imports: region-cli loads this file without pulling in the server.
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

/** Every failed request: `{ error: { code, message, details? } }` (service-kit's restError). */
export interface RestErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** The `error` of a REST error body, or undefined when `body` is anything else (a success body, HTML, null). */
export function restErrorOf(body: unknown): RestErrorBody['error'] | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const { error } = body;
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string') return undefined;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  const details = 'details' in error && typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : undefined;
  return { code: error.code, message, ...(details !== undefined ? { details } : {}) };
}
