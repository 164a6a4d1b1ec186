import { describe, expect, it } from 'vitest';
import type { PolicyRow } from './governance-queries.ts';
import { mapElection, mapPolicy } from './map-governance.ts';

const at = new Date('2102-05-01T00:00:00.000Z');
const policy = (votesFor: number, votesAgainst: number): PolicyRow =>
  ({
    id: 'p1',
    regionId: 'r1',
    policyType: 'tax_rate',
    title: 'Lower taxes',
    description: null,
    proposedChanges: {},
    proposedBy: 'pl1',
    proposedAt: at,
    votingClosesAt: at,
    votesFor,
    votesAgainst,
    status: 'voting',
    outcomeReason: null,
    decidedAt: null,
    implementedAt: null,
    decisionKind: 'referendum',
    constitutional: false,
    eligibleCount: null,
    quorum: null,
    requiredApproval: null,
    signatureDeadlineAt: null,
    signedAt: null,
    signedBy: null,
    appliedChanges: null,
    ballotRoot: null,
  }) as PolicyRow;

describe('mapPolicy', () => {
  it('computes the approval percentage from decimal tallies', () => {
    const p = mapPolicy(policy(1.5, 0.5));
    expect(p.approvalPercentage).toBeCloseTo(75);
    expect(p.status).toBe('VOTING');
    expect(p.region).toEqual({ __typename: 'Region', id: 'r1' });
    expect(p.proposedBy).toEqual({ __typename: 'Player', id: 'pl1' });
  });
  it('has no approval percentage without votes', () => {
    expect(mapPolicy(policy(0, 0)).approvalPercentage).toBeNull();
  });
});

describe('mapElection', () => {
  it('maps status and winner references', () => {
    const e = mapElection({
      id: 'e1',
      regionId: 'r1',
      position: 'governor',
      candidates: ['a'],
      votingOpensAt: at,
      votingClosesAt: at,
      results: null,
      winnerId: null,
      status: 'completed',
      createdAt: at,
      seats: null,
      createdBy: null,
      ballotRoot: null,
      cancelReason: null,
      closedAt: null,
    });
    expect(e.status).toBe('COMPLETED');
    expect(e.winner).toBeNull();
    expect(e.votingOpensAt).toBe('2102-05-01T00:00:00.000Z');
  });
});
