import type { RegionStatus, RegionType } from '../../graphql/generated/graphql';

export const PAGE_SIZE = 20;
export const SORTS = ['newest', 'name', 'population', 'size'] as const;
export type BrowserSort = (typeof SORTS)[number];
const TYPES: RegionType[] = ['PLAYER_OWNED', 'TERRAN_SPACE', 'CENTRAL_NEXUS'];
const STATUSES: RegionStatus[] = ['ACTIVE', 'PENDING', 'SUSPENDED', 'GRACE', 'TERMINATED'];

/** The browser's state as the URL carries it; anything unknown falls back to the default. */
export interface BrowserParams {
  q: string;
  type: RegionType | null;
  status: RegionStatus | null;
  sort: BrowserSort;
  page: number;
}

export function parseBrowserParams(raw: Record<string, string | undefined>): BrowserParams {
  const page = Number(raw.page);
  return {
    q: (raw.q ?? '').trim().slice(0, 60),
    type: TYPES.find((t) => t === raw.type) ?? null,
    status: STATUSES.find((s) => s === raw.status) ?? null,
    sort: SORTS.find((s) => s === raw.sort) ?? 'newest',
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/** The URL of the browser with some parameters changed (defaults are left out, so links stay short). */
export function browserHref(params: BrowserParams, patch: Partial<BrowserParams>): string {
  const next = { ...params, ...patch };
  const q = new URLSearchParams();
  if (next.q) q.set('q', next.q);
  if (next.type) q.set('type', next.type);
  if (next.status) q.set('status', next.status);
  if (next.sort !== 'newest') q.set('sort', next.sort);
  if (next.page > 1) q.set('page', String(next.page));
  const s = q.toString();
  return s ? `/regions?${s}` : '/regions';
}

export const TYPE_OPTIONS = TYPES;
export const STATUS_OPTIONS = STATUSES;
