import { graphql } from '../generated';

export const PolicyCardFragment = graphql(`
  fragment PolicyCard on Policy {
    id
    title
    description
    policyType
    status
    decisionKind
    constitutional
    votesFor
    votesAgainst
    approvalPercentage
    votingClosesAt
    proposedChanges
    region {
      id
    }
  }
`);

export const PolicyTallySubscription = graphql(`
  subscription PolicyTally($policyId: ID!) {
    policyTallyChanged(policyId: $policyId) {
      status
      ballots
      votesFor
      votesAgainst
      approvalPercentage
      at
    }
  }
`);

export const PolicySnapshotQuery = graphql(`
  query PolicySnapshot($id: ID!) {
    policy(id: $id) {
      ...PolicyCard
    }
  }
`);

export const CastPolicyVoteMutation = graphql(`
  mutation CastPolicyVote($policyId: ID!, $support: Boolean!) {
    castPolicyVote(policyId: $policyId, support: $support) {
      receipt {
        ballotId
        contestId
        contestKind
        choice
        weight
        salt
        receiptHash
      }
      policy {
        ...PolicyCard
      }
    }
  }
`);

export const ElectionCardFragment = graphql(`
  fragment ElectionCard on Election {
    id
    position
    status
    votingOpensAt
    votingClosesAt
    totalWeight
    cancelReason
    region {
      id
    }
    winner {
      id
      name
    }
    results {
      voided
      reason
    }
    candidates {
      weight
      platform
      player {
        id
        name
      }
    }
  }
`);

export const ElectionTallySubscription = graphql(`
  subscription ElectionTally($electionId: ID!) {
    electionTallyChanged(electionId: $electionId) {
      status
      ballots
      totalWeight
      candidates {
        weight
        platform
        player {
          id
          name
        }
      }
    }
  }
`);

export const ElectionSnapshotQuery = graphql(`
  query ElectionSnapshot($id: ID!) {
    election(id: $id) {
      ...ElectionCard
    }
  }
`);

export const CastElectionVoteMutation = graphql(`
  mutation CastElectionVote($electionId: ID!, $candidateId: ID!) {
    castElectionVote(electionId: $electionId, candidateId: $candidateId) {
      receipt {
        ballotId
        contestId
        contestKind
        choice
        weight
        salt
        receiptHash
      }
      election {
        ...ElectionCard
      }
    }
  }
`);

export const RegisterCandidateMutation = graphql(`
  mutation RegisterCandidate($electionId: ID!, $platform: String) {
    registerCandidate(electionId: $electionId, platform: $platform) {
      ...ElectionCard
    }
  }
`);

export const VerifyBallotQuery = graphql(`
  query VerifyBallot($receipt: BallotReceiptInput!) {
    verifyBallot(receipt: $receipt) {
      receiptValid
      recorded
      publishedRoot
      includedInPublishedRoot
    }
  }
`);

/** The governance panel: my memberships and, per region, the policies and elections open to me. */
export const GovernancePanelQuery = graphql(`
  query GovernancePanel {
    me {
      userId
      player {
        id
        name
        memberships {
          membershipType
          votingPower
          reputationScore
          joinedAt
          region {
            id
            name
            displayName
            governance {
              governanceType
            }
            policies(status: VOTING) {
              ...PolicyCard
            }
            elections {
              ...ElectionCard
            }
          }
        }
      }
    }
  }
`);
