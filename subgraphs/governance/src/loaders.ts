import DataLoader from 'dataloader';
import type { HubDb } from '@sw/db';
import {
  candidateWeightsByElectionIds,
  electionsByRegionIds,
  policiesByRegionIds,
  regionOwnersByIds,
  treatiesByRegionIds,
  type ElectionRow,
  type PolicyRow,
  type TreatyRow,
} from './governance-queries.ts';

/**
 * Per-request batch loaders of the Governance subgraph. When the gateway resolves `policies` for a page
 * of regions (one `_entities` call), every region's list comes from one query per distinct status.
 */
export interface GovernanceLoaders {
  /** Key `{ regionId, status }` (status in database spelling or null for all). */
  policies: DataLoader<RegionStatusKey, PolicyRow[], string>;
  elections: DataLoader<RegionStatusKey, ElectionRow[], string>;
  treaties: DataLoader<string, TreatyRow[]>;
  /** Candidate id → summed ballot weight, per election id. */
  candidateWeights: DataLoader<string, Map<string, number>>;
  /** Region id → `{ ownerId }` or null when the region does not exist. */
  regionOwner: DataLoader<string, { ownerId: string | null } | null>;
}

export interface RegionStatusKey {
  regionId: string;
  status: string | null;
}

const statusKey = (k: RegionStatusKey) => `${k.regionId}|${k.status ?? ''}`;

/** Runs one query per distinct status among the keys and hands each key the rows of its region. */
function byRegionAndStatus<Row extends { regionId: string }>(
  load: (regionIds: string[], status: string | null) => Promise<Row[]>,
) {
  return async (keys: readonly RegionStatusKey[]): Promise<Row[][]> => {
    const statuses = new Map<string | null, string[]>();
    for (const k of keys) statuses.set(k.status, [...(statuses.get(k.status) ?? []), k.regionId]);
    const results = new Map<string, Row[]>();
    await Promise.all(
      [...statuses].map(async ([status, regionIds]) => {
        for (const row of await load(regionIds, status)) {
          const key = statusKey({ regionId: row.regionId, status });
          results.set(key, [...(results.get(key) ?? []), row]);
        }
      }),
    );
    return keys.map((k) => results.get(statusKey(k)) ?? []);
  };
}

export function createGovernanceLoaders(db: HubDb): GovernanceLoaders {
  return {
    policies: new DataLoader(byRegionAndStatus((ids, status) => policiesByRegionIds(db, ids, status)), {
      cacheKeyFn: statusKey,
    }),
    elections: new DataLoader(byRegionAndStatus((ids, status) => electionsByRegionIds(db, ids, status)), {
      cacheKeyFn: statusKey,
    }),
    treaties: new DataLoader(async (regionIds) => {
      const rows = await treatiesByRegionIds(db, regionIds);
      return regionIds.map((id) => rows.filter((t) => t.regionAId === id || t.regionBId === id));
    }),
    candidateWeights: new DataLoader(async (electionIds) => {
      const byElection = new Map<string, Map<string, number>>();
      for (const r of await candidateWeightsByElectionIds(db, electionIds)) {
        const m = byElection.get(r.electionId) ?? new Map<string, number>();
        m.set(r.candidateId, r.weight);
        byElection.set(r.electionId, m);
      }
      return electionIds.map((id) => byElection.get(id) ?? new Map<string, number>());
    }),
    regionOwner: new DataLoader(async (ids) => {
      const byId = new Map((await regionOwnersByIds(db, ids)).map((r) => [r.id, { ownerId: r.ownerId }]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
