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

/** One Nexus cluster row as the clusters table and the galaxy map show it. */
export const ClusterRowFragment = graphql(`
  fragment ClusterRow on Cluster {
    clusterNumber
    name
    clusterType
    gridX
    gridY
    sectorCount
    firstSectorNumber
    lastSectorNumber
    portsCount
    planetsCount
    avgSecurityLevel
    avgDevelopmentLevel
    economicValue
  }
`);

/** Nexus manager: status card, stats and the clusters table in one round trip. */
export const NexusManagerQuery = graphql(`
  query NexusManager {
    nexusStatus {
      exists
      status
      totalSectors
      totalPorts
      totalPlanets
      capitalSectorNumber
      generationSeed
      galaxyHash
      createdAt
      region {
        id
        name
        counts {
          presentPlayers
        }
      }
    }
    clusters {
      ...ClusterRow
    }
  }
`);

/** Warp gates exist only once the Nexus does (nexusStats errors with ERR_NEXUS_NOT_GENERATED otherwise). */
export const NexusWarpGatesQuery = graphql(`
  query NexusWarpGates {
    nexusStats {
      totalWarpGates
    }
  }
`);

/** Cluster detail page: the cluster and its sample sectors, stations and planets. */
export const ClusterDetailQuery = graphql(`
  query ClusterDetail($clusterNumber: Int!) {
    cluster(clusterNumber: $clusterNumber) {
      ...ClusterRow
      warpStability
      isDiscovered
      sampleSectors {
        sectorNumber
        sectorType
        isCapital
        isNexusProtected
        securityLevel
        developmentLevel
        warpsTo
      }
      sampleStations {
        id
        name
        sectorNumber
        stationType
        stationClass
        isStarportPrime
        securityTier
      }
      samplePlanets {
        id
        name
        sectorNumber
        planetType
        habitability
      }
    }
  }
`);

export const GenerationJobFieldsFragment = graphql(`
  fragment GenerationJobFields on GenerationJob {
    id
    kind
    status
    stage
    percent
    seed
    clusterNumber
    errorCode
    errorMessage
    createdAt
    finishedAt
  }
`);

export const GenerateNexusMutation = graphql(`
  mutation GenerateNexus($seed: String, $force: Boolean) {
    generateNexus(seed: $seed, force: $force) {
      ...GenerationJobFields
    }
  }
`);

export const RegenerateClusterMutation = graphql(`
  mutation RegenerateCluster($clusterNumber: Int!, $seed: String) {
    regenerateCluster(clusterNumber: $clusterNumber, seed: $seed) {
      ...GenerationJobFields
    }
  }
`);

/** Snapshot of a running job, read again when the progress stream had a gap. */
export const GenerationJobQuery = graphql(`
  query GenerationJob($jobId: ID!) {
    generationJob(jobId: $jobId) {
      ...GenerationJobFields
    }
  }
`);

export const GenerationProgressSubscription = graphql(`
  subscription GenerationProgress($jobId: ID!) {
    generationProgress(jobId: $jobId) {
      jobId
      seq
      status
      stage
      percent
      errorCode
    }
  }
`);
