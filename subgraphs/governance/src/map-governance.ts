import { approvalPercentage, toGraphqlEnum } from '@sw/domain';
import type { ElectionRow, PolicyRow, TreasuryEntryRow, TreatyRow } from './governance-queries.ts';

/**
 * Row → GraphQL object mappers of the Governance subgraph. Region and Player are entities owned by the
 * Region subgraph, so they are returned as references (`{ __typename, id }`) that the gateway resolves.
 */

export interface EntityRef {
  __typename: 'Region' | 'Player';
  id: string;
}

export function regionRef(id: string): EntityRef {
  return { __typename: 'Region', id };
}

export function playerRef(id: string | null): EntityRef | null {
  return id ? { __typename: 'Player', id } : null;
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

/** GraphQL Policy: decimal tallies as numbers, approval null while nobody voted. */
export function mapPolicy(row: PolicyRow) {
  const votesFor = Number(row.votesFor);
  const votesAgainst = Number(row.votesAgainst);
  return {
    id: row.id,
    region: regionRef(row.regionId),
    policyType: row.policyType,
    title: row.title,
    description: row.description,
    proposedBy: playerRef(row.proposedBy),
    proposedAt: row.proposedAt.toISOString(),
    votingClosesAt: row.votingClosesAt.toISOString(),
    votesFor,
    votesAgainst,
    approvalPercentage: approvalPercentage(votesFor, votesAgainst),
    status: toGraphqlEnum(row.status),
  };
}

/** GraphQL Election parent; `candidates` and `totalWeight` are resolved from the ballots by loaders. */
export interface ElectionModel {
  id: string;
  region: EntityRef;
  position: string;
  status: string | null;
  votingOpensAt: string;
  votingClosesAt: string;
  winner: EntityRef | null;
  rawCandidates: unknown;
}

export function mapElection(row: ElectionRow): ElectionModel {
  return {
    id: row.id,
    region: regionRef(row.regionId),
    position: row.position,
    status: toGraphqlEnum(row.status),
    votingOpensAt: row.votingOpensAt.toISOString(),
    votingClosesAt: row.votingClosesAt.toISOString(),
    winner: playerRef(row.winnerId),
    rawCandidates: row.candidates,
  };
}

export function mapTreaty(row: TreatyRow) {
  return {
    id: row.id,
    regionA: regionRef(row.regionAId),
    regionB: regionRef(row.regionBId),
    treatyType: row.treatyType,
    status: row.status,
    proposedAt: row.proposedAt.toISOString(),
    acceptedAt: iso(row.acceptedAt),
    expiresAt: iso(row.expiresAt),
  };
}

export function mapTreasuryEntry(row: TreasuryEntryRow) {
  return {
    id: row.id,
    delta: Number(row.delta),
    beforeBalance: Number(row.beforeBalance),
    afterBalance: Number(row.afterBalance),
    causeType: row.causeType,
    reason: row.reason,
    at: row.at.toISOString(),
  };
}
