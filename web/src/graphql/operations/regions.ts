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
