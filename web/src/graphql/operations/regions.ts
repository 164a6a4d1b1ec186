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
