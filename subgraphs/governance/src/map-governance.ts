import { approvalPercentage, toGraphqlEnum } from '@sw/domain';
import type { hub } from '@sw/db';
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
    proposedChanges: row.proposedChanges,
    appliedChanges: row.appliedChanges ?? null,
    decisionKind: toGraphqlEnum(row.decisionKind),
    constitutional: row.constitutional,
    outcomeReason: row.outcomeReason,
    decidedAt: iso(row.decidedAt),
    implementedAt: iso(row.implementedAt),
    eligibleCount: row.eligibleCount,
    quorum: row.quorum,
    requiredApproval: row.requiredApproval === null ? null : Number(row.requiredApproval),
    signatureDeadlineAt: iso(row.signatureDeadlineAt),
    signedAt: iso(row.signedAt),
    ballotRoot: row.ballotRoot,
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
  rawStatus: string;
  seats: number | null;
  cancelReason: string | null;
  ballotRoot: string | null;
  results: ElectionResultsModel | null;
}

export interface ElectionResultsModel {
  voided: boolean;
  reason: string | null;
  winner: EntityRef | null;
  seats: { seatNumber: number; player: EntityRef; weight: number }[];
  totalWeight: number;
  ballots: number;
  talliedAt: string;
}

function mapResults(raw: unknown): ElectionResultsModel | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as { voided?: boolean; reason?: string | null; winner?: string | null; seats?: { playerId: string; weight: number }[]; totalWeight?: number; ballots?: number; talliedAt?: string };
  return {
    voided: r.voided ?? false,
    reason: r.reason ?? null,
    winner: playerRef(r.winner ?? null),
    seats: (r.seats ?? []).map((s, i) => ({ seatNumber: i + 1, player: playerRef(s.playerId)!, weight: s.weight })),
    totalWeight: r.totalWeight ?? 0,
    ballots: r.ballots ?? 0,
    talliedAt: r.talliedAt ?? '',
  };
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
    rawStatus: row.status,
    seats: row.seats,
    cancelReason: row.cancelReason,
    ballotRoot: row.ballotRoot,
    results: mapResults(row.results),
  };
}

/** GraphQL Treaty; `terms` only when the caller may see them (an owner of either party, or an admin). */
export function mapTreaty(row: TreatyRow, canSeeTerms: boolean) {
  return {
    terms: canSeeTerms ? row.terms : null,
    endedAt: iso(row.endedAt),
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

/** GraphQL Member (owner view: voting power and rank included). */
export function mapMember(row: typeof hub.regionalMemberships.$inferSelect) {
  return {
    player: playerRef(row.playerId)!,
    region: regionRef(row.regionId),
    membershipType: row.membershipType,
    reputationScore: row.reputationScore,
    localRank: row.localRank,
    votingPower: Number(row.votingPower),
    joinedAt: row.joinedAt.toISOString(),
    lastVisit: row.lastVisit.toISOString(),
    totalVisits: row.totalVisits,
  };
}
