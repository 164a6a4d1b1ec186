import { graphql } from '../generated';

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
      id
      policyType
      title
      status
      votesFor
      votesAgainst
      approvalPercentage
      votingClosesAt
    }
    elections {
      id
      position
      status
      votingOpensAt
      votingClosesAt
      totalWeight
      winner {
        id
        name
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
    treaties {
      id
      treatyType
      status
      proposedAt
      acceptedAt
      expiresAt
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
