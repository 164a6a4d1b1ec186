import { graphql } from '../generated';

/** Region browser: the discovery search (filters, sort, cursor paging). */
export const SearchRegionsQuery = graphql(`
  query SearchRegions($filter: RegionSearchFilter, $sort: RegionSort, $first: Int, $after: String) {
    searchRegions(filter: $filter, sort: $sort, first: $first, after: $after) {
      nodes {
        population
        effectiveTariff
        cursor
        region {
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
          economy {
            specialization
          }
          immigration {
            policy
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Region profile: culture and theme, motto, governance summary, public treaties, and the route from where I am. */
export const RegionPublicProfileQuery = graphql(`
  query RegionPublicProfile($name: String!) {
    regionProfile(name: $name) {
      motto
      population
      region {
        id
        name
        displayName
        regionType
        status
        totalSectors
        capitalSectorNumber
        owner {
          id
          name
        }
        world {
          sectors
          ports
          planets
          playersOnline
        }
        counts {
          citizens
          residents
          visitors
        }
        economy {
          specialization
          taxRate
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
      }
      culture {
        theme {
          preset
          primaryColor
          secondaryColor
          accentColor
        }
        language {
          variant
          greeting
        }
        traditionList {
          name
          description
        }
      }
      governance {
        governanceType
        policyDecider
        summary
        votingThreshold
        governor {
          id
          name
        }
      }
      immigration {
        policy
        maxVisitors
        visitorEntryFee
      }
      tariff {
        effectiveRate
        cap
      }
      route {
        landingSectorNumber
        requiresGalacticCitizen
        fee
        blockedBy
        needsApproval
        legs {
          kind
          from {
            sectorNumber
            region {
              id
              displayName
            }
          }
          to {
            sectorNumber
            region {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);
