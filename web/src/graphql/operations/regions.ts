import { graphql } from '../generated';

/** The columns the region list shows; shared by every region listing so reshape.ts has one input type. */
export const RegionListItemFragment = graphql(`
  fragment RegionListItem on Region {
    id
    name
    displayName
    regionType
    status
    totalSectors
    owner {
      id
      name
    }
    governance {
      governanceType
    }
  }
`);

/** Home page: the newest regions (platform regions included), at most `first`. */
export const HomeRegionsQuery = graphql(`
  query HomeRegions($first: Int!) {
    regions(first: $first) {
      ...RegionListItem
    }
  }
`);

/** Galaxy map: the Nexus clusters (hubs) and every region with where its spoke attaches. */
export const GalaxyMapQuery = graphql(`
  query GalaxyMap {
    clusters {
      clusterNumber
      name
      clusterType
      gridX
      gridY
    }
    regions(first: 200) {
      ...RegionListItem
      nexusWarpSector
      runtime {
        state
      }
    }
  }
`);

/** A region by its slug, with what the dashboard and profile need. */
export const RegionByNameQuery = graphql(`
  query RegionByName($name: String!) {
    regionByName(name: $name) {
      ...RegionListItem
      viewerIsOwner
      capitalSectorNumber
      nexusWarpSector
      sizeTier
      createdAt
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
      runtime {
        state
      }
    }
  }
`);

/** Region browser: one page of regions with the filters the registry supports. */
export const RegionBrowserQuery = graphql(`
  query RegionBrowser($filter: RegionFilter, $first: Int!, $offset: Int!) {
    regions(filter: $filter, first: $first, offset: $offset) {
      ...RegionListItem
      counts {
        members
        presentPlayers
      }
      createdAt
    }
  }
`);

/** Region profile: culture and theme, governance summary, stats, public treaties, how to get there. */
export const RegionProfileQuery = graphql(`
  query RegionProfile($name: String!) {
    regionByName(name: $name) {
      ...RegionListItem
      capitalSectorNumber
      nexusWarpSector
      createdAt
      governor {
        id
        name
      }
      governance {
        governanceType
        votingThreshold
        governanceQuorumPct
        electionFrequencyDays
      }
      economy {
        taxRate
        economicSpecialization
        startingCredits
      }
      culture {
        aestheticTheme
        languagePack
        traditions
      }
      counts {
        members
        citizens
        residents
        visitors
        presentPlayers
      }
      world {
        sectors
        ports
        planets
        playersOnline
      }
      treaties {
        id
        treatyType
        status
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
      policies(status: VOTING) {
        id
      }
      elections(status: ACTIVE) {
        id
      }
    }
  }
`);
