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

/** The galaxy map changed (a region provisioned, live, dormant or gone): the map re-reads GalaxyMap. Public. */
export const GalaxyChangedSubscription = graphql(`
  subscription GalaxyChanged {
    galaxyChanged {
      regionId
      state
    }
  }
`);



