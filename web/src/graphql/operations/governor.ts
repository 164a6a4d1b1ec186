import { graphql } from '../generated';

/** One row of the Policies tab (kept live by policyTallyChanged). */
export const GovernorPolicyRowFragment = graphql(`
  fragment GovernorPolicyRow on Policy {
    id
    policyType
    title
    status
    decisionKind
    constitutional
    votesFor
    votesAgainst
    approvalPercentage
    votingClosesAt
    outcomeReason
  }
`);

/** One election of the Elections tab, with its outcome (voided, inconclusive, cancelled). */
export const GovernorElectionFragment = graphql(`
  fragment GovernorElection on Election {
    id
    position
    status
    votingOpensAt
    votingClosesAt
    totalWeight
    cancelReason
    winner {
      id
      name
    }
    results {
      voided
      reason
      ballots
      seats {
        seatNumber
        player {
          id
          name
        }
      }
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

/** One treaty of the Diplomacy tab. */
export const GovernorTreatyFragment = graphql(`
  fragment GovernorTreaty on Treaty {
    id
    treatyType
    status
    proposedAt
    acceptedAt
    expiresAt
    endedAt
    regionA {
      id
      name
      displayName
    }
    regionB {
      id
      name
      displayName
    }
  }
`);

/** Everything the governor dashboard's eight tabs show, for one region. */
export const GovernorRegionFragment = graphql(`
  fragment GovernorRegion on Region {
    ...RegionConfig
    id
    name
    displayName
    regionType
    status
    totalSectors
    viewerIsOwner
    capitalSectorNumber
    owner {
      id
      name
    }
    governor {
      id
      name
    }
    governance {
      governanceType
      votingThreshold
      governanceQuorumPct
      electionFrequencyDays
      constitutionalText
    }
    economy {
      taxRate
      startingCredits
      startingShip
      economicSpecialization
      treasuryBalance
      totalTradeVolume
      tradeBonuses
    }
    culture {
      aestheticTheme
      languagePack
      traditions
      socialHierarchy
    }
    counts {
      members
      citizens
      residents
      visitors
      homePlayers
      presentPlayers
    }
    world {
      sectors
      clusters
      ports
      planets
      warps
      playersOnline
    }
    policies {
      ...GovernorPolicyRow
    }
    elections {
      ...GovernorElection
    }
    treaties {
      ...GovernorTreaty
    }
  }
`);

export const GovernorByNameQuery = graphql(`
  query GovernorByName($name: String!) {
    regionByName(name: $name) {
      ...GovernorRegion
    }
  }
`);

export const GovernorByIdQuery = graphql(`
  query GovernorById($id: ID!) {
    region(id: $id) {
      ...GovernorRegion
    }
  }
`);

/** What proposePolicy accepts, from the server (the domain's one table of change keys and bounds). */
export const PolicyChangeSchemaQuery = graphql(`
  query PolicyChangeSchema {
    policyChangeSchema {
      votingDaysMin
      votingDaysMax
      votingDaysDefault
      titleMinLength
      titleMaxLength
      descriptionMaxLength
      changes {
        key
        kind
        min
        max
        values
        constitutional
        settingGroup
      }
    }
  }
`);

export const ProposePolicyMutation = graphql(`
  mutation ProposePolicy($input: ProposePolicyInput!) {
    proposePolicy(input: $input) {
      enacted
      policy {
        ...GovernorPolicyRow
      }
    }
  }
`);

export const GovernorPolicyRowQuery = graphql(`
  query GovernorPolicyRowSnapshot($id: ID!) {
    policy(id: $id) {
      ...GovernorPolicyRow
    }
  }
`);

export const GovernorElectionsQuery = graphql(`
  query GovernorElections($id: ID!) {
    region(id: $id) {
      id
      elections {
        ...GovernorElection
      }
    }
  }
`);

/** One election re-read (after a reconnect, or once its tally says it closed: the winner and results come with it). */
export const GovernorElectionQuery = graphql(`
  query GovernorElectionSnapshot($id: ID!) {
    election(id: $id) {
      ...GovernorElection
    }
  }
`);

/** The region's governance events: the Elections tab re-reads its list on every election event (scheduled, opened, closed...). */
export const GovernorEventsSubscription = graphql(`
  subscription GovernorEvents($regionId: ID!) {
    governanceEvents(regionId: $regionId) {
      kind
      at
      election {
        id
      }
    }
  }
`);

export const StartElectionMutation = graphql(`
  mutation StartElection($input: StartElectionInput!) {
    startElection(input: $input) {
      ...GovernorElection
    }
  }
`);

export const GovernorRegisterCandidateMutation = graphql(`
  mutation GovernorRegisterCandidate($electionId: ID!, $platform: String) {
    registerCandidate(electionId: $electionId, platform: $platform) {
      ...GovernorElection
    }
  }
`);

export const CancelElectionMutation = graphql(`
  mutation CancelElection($electionId: ID!) {
    cancelElection(electionId: $electionId) {
      ...GovernorElection
    }
  }
`);

export const GovernorMembersQuery = graphql(`
  query GovernorMembers($id: ID!, $first: Int!, $offset: Int!) {
    region(id: $id) {
      id
      members(first: $first, offset: $offset) {
        total
        offset
        items {
          membershipType
          votingPower
          localRank
          reputationScore
          joinedAt
          player {
            id
            name
          }
        }
      }
    }
  }
`);

export const SetMemberStandingMutation = graphql(`
  mutation SetMemberStanding($input: MemberStandingInput!) {
    setMemberStanding(input: $input) {
      votingPower
      localRank
      player {
        id
      }
    }
  }
`);

export const RegionInviteFieldsFragment = graphql(`
  fragment RegionInviteFields on RegionInvite {
    id
    code
    maxUses
    uses
    status
    expiresAt
    createdAt
  }
`);

export const GovernorInvitesQuery = graphql(`
  query GovernorInvites($id: ID!) {
    region(id: $id) {
      id
      invites(status: ACTIVE) {
        ...RegionInviteFields
      }
    }
  }
`);

export const MintInviteMutation = graphql(`
  mutation MintInvite($regionId: ID!, $maxUses: Int, $expiresAt: String) {
    mintInvite(regionId: $regionId, maxUses: $maxUses, expiresAt: $expiresAt) {
      ...RegionInviteFields
    }
  }
`);

export const RevokeInviteMutation = graphql(`
  mutation RevokeInvite($inviteId: ID!) {
    revokeInvite(inviteId: $inviteId) {
      ...RegionInviteFields
    }
  }
`);

export const GovernorTreatiesQuery = graphql(`
  query GovernorTreaties($id: ID!) {
    region(id: $id) {
      id
      treaties {
        ...GovernorTreaty
      }
    }
  }
`);

export const ProposeTreatyMutation = graphql(`
  mutation ProposeTreaty($input: ProposeTreatyInput!) {
    proposeTreaty(input: $input) {
      ...GovernorTreaty
    }
  }
`);

export const AcceptTreatyMutation = graphql(`
  mutation AcceptTreaty($treatyId: ID!) {
    acceptTreaty(treatyId: $treatyId) {
      ...GovernorTreaty
    }
  }
`);

export const RejectTreatyMutation = graphql(`
  mutation RejectTreaty($treatyId: ID!) {
    rejectTreaty(treatyId: $treatyId) {
      ...GovernorTreaty
    }
  }
`);

export const TerminateTreatyMutation = graphql(`
  mutation TerminateTreaty($treatyId: ID!) {
    terminateTreaty(treatyId: $treatyId) {
      ...GovernorTreaty
    }
  }
`);

/** Regions a treaty can be proposed to (active ones; the dashboard leaves its own region out). */
export const TreatyPartnersQuery = graphql(`
  query TreatyPartners {
    regions(filter: { status: ACTIVE }, first: 200) {
      id
      name
      displayName
      regionType
    }
  }
`);
