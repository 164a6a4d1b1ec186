import { graphql } from '../generated';

/** Home page: whether the Central Nexus exists and its headline numbers. The field never errors on an absent Nexus. */
export const HomeNexusStatusQuery = graphql(`
  query HomeNexusStatus {
    nexusStatus {
      exists
      status
      totalSectors
      totalPorts
      totalPlanets
      capitalSectorNumber
    }
  }
`);
