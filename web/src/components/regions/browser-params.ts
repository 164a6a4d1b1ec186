import type { GovernanceType, ImmigrationPolicy, RegionSort, RegionType } from '../../graphql/generated/graphql';

export const PAGE_SIZE = 20;
export const SORTS: RegionSort[] = ['NAME_ASC', 'NAME_DESC', 'POPULATION_DESC', 'POPULATION_ASC', 'TARIFF_ASC', 'TARIFF_DESC', 'NEWEST', 'GOVERNANCE_TYPE'];
export const TYPE_OPTIONS: RegionType[] = ['PLAYER_OWNED', 'TERRAN_SPACE', 'CENTRAL_NEXUS'];
export const GOVERNANCE_OPTIONS: GovernanceType[] = ['AUTOCRACY', 'DEMOCRACY', 'COUNCIL'];
export const IMMIGRATION_OPTIONS: ImmigrationPolicy[] = ['OPEN', 'APPROVAL', 'CLOSED'];

/** The browser's state as the URL carries it; anything unknown falls back to the default. */
export interface BrowserParams {
  q: string;
  type: RegionType | null;
  governance: GovernanceType | null;
  immigration: ImmigrationPolicy | null;
  sort: RegionSort;
  /** The cursor of the last row of the previous page (discovery pages by cursor). */
  after: string | null;
}

const pick = <T extends string>(options: readonly T[], value: string | undefined): T | null => options.find((o) => o === value) ?? null;

export function parseBrowserParams(raw: Record<string, string | undefined>): BrowserParams {
  const after = raw.after && /^[A-Za-z0-9_=-]{1,200}$/.test(raw.after) ? raw.after : null;
  return {
    q: (raw.q ?? '').trim().slice(0, 60),
    type: pick(TYPE_OPTIONS, raw.type),
    governance: pick(GOVERNANCE_OPTIONS, raw.governance),
    immigration: pick(IMMIGRATION_OPTIONS, raw.immigration),
    sort: pick(SORTS, raw.sort) ?? 'NAME_ASC',
    after,
  };
}

/** The URL of the browser with some parameters changed (defaults are left out, so links stay short). */
export function browserHref(params: BrowserParams, patch: Partial<BrowserParams>): string {
  const next = { ...params, ...patch };
  const q = new URLSearchParams();
  if (next.q) q.set('q', next.q);
  if (next.type) q.set('type', next.type);
  if (next.governance) q.set('governance', next.governance);
  if (next.immigration) q.set('immigration', next.immigration);
  if (next.sort !== 'NAME_ASC') q.set('sort', next.sort);
  if (next.after) q.set('after', next.after);
  const s = q.toString();
  return s ? `/regions?${s}` : '/regions';
}

/** The discovery filter for these parameters (only what was chosen). */
export function searchFilterOf(p: BrowserParams) {
  return {
    ...(p.q ? { text: p.q } : {}),
    ...(p.type ? { regionTypes: [p.type] } : {}),
    ...(p.governance ? { governanceTypes: [p.governance] } : {}),
    ...(p.immigration ? { immigrationPolicies: [p.immigration] } : {}),
  };
}
