/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Plans {\n    plans {\n      plan\n      name\n      amount\n      priceCents\n      currency\n      description\n    }\n  }\n": typeof types.PlansDocument,
    "\n  query RegionNameAvailability($name: String!) {\n    regionNameAvailability(name: $name) {\n      name\n      slug\n      available\n      reason\n      issues {\n        path\n        message\n      }\n    }\n  }\n": typeof types.RegionNameAvailabilityDocument,
    "\n  mutation CreateSubscription($input: CreateSubscriptionInput!) {\n    createSubscription(input: $input) {\n      approvalUrl\n      subscription {\n        id\n        paypalSubscriptionId\n        plan\n        status\n        regionName\n      }\n    }\n  }\n": typeof types.CreateSubscriptionDocument,
    "\n  query SubscriptionProgress($id: ID!) {\n    subscription(id: $id) {\n      id\n      paypalSubscriptionId\n      plan\n      status\n      regionName\n      amount\n      region {\n        id\n        name\n        displayName\n      }\n    }\n  }\n": typeof types.SubscriptionProgressDocument,
    "\n  query MySubscriptions {\n    mySubscriptions {\n      id\n      plan\n      status\n      amount\n      regionName\n      createdAt\n      nextBillingAt\n    }\n  }\n": typeof types.MySubscriptionsDocument,
    "\n  query HomeNexusStatus {\n    nexusStatus {\n      exists\n      status\n      totalSectors\n      totalPorts\n      totalPlanets\n      capitalSectorNumber\n    }\n  }\n": typeof types.HomeNexusStatusDocument,
    "\n  fragment ClusterRow on Cluster {\n    clusterNumber\n    name\n    clusterType\n    gridX\n    gridY\n    sectorCount\n    firstSectorNumber\n    lastSectorNumber\n    portsCount\n    planetsCount\n    avgSecurityLevel\n    avgDevelopmentLevel\n    economicValue\n  }\n": typeof types.ClusterRowFragmentDoc,
    "\n  query NexusManager {\n    nexusStatus {\n      exists\n      status\n      totalSectors\n      totalPorts\n      totalPlanets\n      capitalSectorNumber\n      generationSeed\n      galaxyHash\n      createdAt\n      region {\n        id\n        name\n        counts {\n          presentPlayers\n        }\n      }\n    }\n    clusters {\n      ...ClusterRow\n    }\n  }\n": typeof types.NexusManagerDocument,
    "\n  query NexusWarpGates {\n    nexusStats {\n      totalWarpGates\n    }\n  }\n": typeof types.NexusWarpGatesDocument,
    "\n  query ClusterDetail($clusterNumber: Int!) {\n    cluster(clusterNumber: $clusterNumber) {\n      ...ClusterRow\n      warpStability\n      isDiscovered\n      sampleSectors {\n        sectorNumber\n        sectorType\n        isCapital\n        isNexusProtected\n        securityLevel\n        developmentLevel\n        warpsTo\n      }\n      sampleStations {\n        id\n        name\n        sectorNumber\n        stationType\n        stationClass\n        isStarportPrime\n        securityTier\n      }\n      samplePlanets {\n        id\n        name\n        sectorNumber\n        planetType\n        habitability\n      }\n    }\n  }\n": typeof types.ClusterDetailDocument,
    "\n  fragment GenerationJobFields on GenerationJob {\n    id\n    kind\n    status\n    stage\n    percent\n    seed\n    clusterNumber\n    errorCode\n    errorMessage\n    createdAt\n    finishedAt\n  }\n": typeof types.GenerationJobFieldsFragmentDoc,
    "\n  mutation GenerateNexus($seed: String, $force: Boolean) {\n    generateNexus(seed: $seed, force: $force) {\n      ...GenerationJobFields\n    }\n  }\n": typeof types.GenerateNexusDocument,
    "\n  mutation RegenerateCluster($clusterNumber: Int!, $seed: String) {\n    regenerateCluster(clusterNumber: $clusterNumber, seed: $seed) {\n      ...GenerationJobFields\n    }\n  }\n": typeof types.RegenerateClusterDocument,
    "\n  query GenerationJob($jobId: ID!) {\n    generationJob(jobId: $jobId) {\n      ...GenerationJobFields\n    }\n  }\n": typeof types.GenerationJobDocument,
    "\n  subscription GenerationProgress($jobId: ID!) {\n    generationProgress(jobId: $jobId) {\n      jobId\n      seq\n      status\n      stage\n      percent\n      errorCode\n    }\n  }\n": typeof types.GenerationProgressDocument,
    "\n  fragment RegionListItem on Region {\n    id\n    name\n    displayName\n    regionType\n    status\n    totalSectors\n    owner {\n      id\n      name\n    }\n    governance {\n      governanceType\n    }\n  }\n": typeof types.RegionListItemFragmentDoc,
    "\n  query HomeRegions($first: Int!) {\n    regions(first: $first) {\n      ...RegionListItem\n    }\n  }\n": typeof types.HomeRegionsDocument,
    "\n  query GalaxyMap {\n    clusters {\n      clusterNumber\n      name\n      clusterType\n      gridX\n      gridY\n    }\n    regions(first: 200) {\n      ...RegionListItem\n      nexusWarpSector\n      runtime {\n        state\n      }\n    }\n  }\n": typeof types.GalaxyMapDocument,
    "\n  query RegionByName($name: String!) {\n    regionByName(name: $name) {\n      ...RegionListItem\n      viewerIsOwner\n      capitalSectorNumber\n      nexusWarpSector\n      sizeTier\n      createdAt\n      governance {\n        governanceType\n        votingThreshold\n        governanceQuorumPct\n        electionFrequencyDays\n        constitutionalText\n      }\n      economy {\n        taxRate\n        startingCredits\n        startingShip\n        economicSpecialization\n        treasuryBalance\n        totalTradeVolume\n        tradeBonuses\n      }\n      culture {\n        aestheticTheme\n        languagePack\n        traditions\n      }\n      counts {\n        members\n        citizens\n        residents\n        visitors\n        homePlayers\n        presentPlayers\n      }\n      world {\n        sectors\n        clusters\n        ports\n        planets\n        warps\n        playersOnline\n      }\n      runtime {\n        state\n      }\n    }\n  }\n": typeof types.RegionByNameDocument,
    "\n  fragment RuntimeFields on RegionRuntime {\n    regionId\n    desiredState\n    state\n    driver\n    spec {\n      cpu\n      memoryGb\n      storageGb\n      maxPlayers\n    }\n    conditions {\n      type\n      status\n      reason\n      message\n      attempts\n      lastTransitionAt\n    }\n    recentEvents(limit: 20) {\n      type\n      reason\n      message\n      at\n    }\n    lastHeartbeatAt\n    healthReason\n    restartCount\n    evacuationDeadlineAt\n    specGeneration\n    observedGeneration\n    region {\n      id\n      name\n      displayName\n      status\n      world {\n        playersOnline\n      }\n    }\n  }\n": typeof types.RuntimeFieldsFragmentDoc,
    "\n  query RegionRuntime($regionId: ID!) {\n    regionRuntime(regionId: $regionId) {\n      ...RuntimeFields\n    }\n  }\n": typeof types.RegionRuntimeDocument,
    "\n  subscription RegionRuntimeChanged($regionId: ID!) {\n    regionRuntimeChanged(regionId: $regionId) {\n      regionId\n      seq\n      runtime {\n        ...RuntimeFields\n      }\n      event {\n        type\n        reason\n        message\n        at\n      }\n    }\n  }\n": typeof types.RegionRuntimeChangedDocument,
    "\n  query Fleet {\n    fleet {\n      totalRegions\n      liveRegions\n      softTarget\n      utilization\n      alert\n      regions {\n        regionId\n        state\n        desiredState\n        spec {\n          cpu\n          memoryGb\n          storageGb\n          maxPlayers\n        }\n        restartCount\n        lastHeartbeatAt\n        evacuationDeadlineAt\n        region {\n          id\n          name\n          displayName\n          world {\n            playersOnline\n          }\n        }\n      }\n    }\n  }\n": typeof types.FleetDocument,
    "\n  mutation ScaleRegion($regionId: ID!, $input: ScaleRegionInput!) {\n    scaleRegion(regionId: $regionId, input: $input) {\n      ...RuntimeFields\n    }\n  }\n": typeof types.ScaleRegionDocument,
    "\n  mutation TerminateRegion($regionId: ID!, $immediate: Boolean) {\n    terminateRegion(regionId: $regionId, immediate: $immediate) {\n      ...RuntimeFields\n    }\n  }\n": typeof types.TerminateRegionDocument,
    "\n  mutation CancelTermination($regionId: ID!) {\n    cancelTermination(regionId: $regionId) {\n      ...RuntimeFields\n    }\n  }\n": typeof types.CancelTerminationDocument,
};
const documents: Documents = {
    "\n  query Plans {\n    plans {\n      plan\n      name\n      amount\n      priceCents\n      currency\n      description\n    }\n  }\n": types.PlansDocument,
    "\n  query RegionNameAvailability($name: String!) {\n    regionNameAvailability(name: $name) {\n      name\n      slug\n      available\n      reason\n      issues {\n        path\n        message\n      }\n    }\n  }\n": types.RegionNameAvailabilityDocument,
    "\n  mutation CreateSubscription($input: CreateSubscriptionInput!) {\n    createSubscription(input: $input) {\n      approvalUrl\n      subscription {\n        id\n        paypalSubscriptionId\n        plan\n        status\n        regionName\n      }\n    }\n  }\n": types.CreateSubscriptionDocument,
    "\n  query SubscriptionProgress($id: ID!) {\n    subscription(id: $id) {\n      id\n      paypalSubscriptionId\n      plan\n      status\n      regionName\n      amount\n      region {\n        id\n        name\n        displayName\n      }\n    }\n  }\n": types.SubscriptionProgressDocument,
    "\n  query MySubscriptions {\n    mySubscriptions {\n      id\n      plan\n      status\n      amount\n      regionName\n      createdAt\n      nextBillingAt\n    }\n  }\n": types.MySubscriptionsDocument,
    "\n  query HomeNexusStatus {\n    nexusStatus {\n      exists\n      status\n      totalSectors\n      totalPorts\n      totalPlanets\n      capitalSectorNumber\n    }\n  }\n": types.HomeNexusStatusDocument,
    "\n  fragment ClusterRow on Cluster {\n    clusterNumber\n    name\n    clusterType\n    gridX\n    gridY\n    sectorCount\n    firstSectorNumber\n    lastSectorNumber\n    portsCount\n    planetsCount\n    avgSecurityLevel\n    avgDevelopmentLevel\n    economicValue\n  }\n": types.ClusterRowFragmentDoc,
    "\n  query NexusManager {\n    nexusStatus {\n      exists\n      status\n      totalSectors\n      totalPorts\n      totalPlanets\n      capitalSectorNumber\n      generationSeed\n      galaxyHash\n      createdAt\n      region {\n        id\n        name\n        counts {\n          presentPlayers\n        }\n      }\n    }\n    clusters {\n      ...ClusterRow\n    }\n  }\n": types.NexusManagerDocument,
    "\n  query NexusWarpGates {\n    nexusStats {\n      totalWarpGates\n    }\n  }\n": types.NexusWarpGatesDocument,
    "\n  query ClusterDetail($clusterNumber: Int!) {\n    cluster(clusterNumber: $clusterNumber) {\n      ...ClusterRow\n      warpStability\n      isDiscovered\n      sampleSectors {\n        sectorNumber\n        sectorType\n        isCapital\n        isNexusProtected\n        securityLevel\n        developmentLevel\n        warpsTo\n      }\n      sampleStations {\n        id\n        name\n        sectorNumber\n        stationType\n        stationClass\n        isStarportPrime\n        securityTier\n      }\n      samplePlanets {\n        id\n        name\n        sectorNumber\n        planetType\n        habitability\n      }\n    }\n  }\n": types.ClusterDetailDocument,
    "\n  fragment GenerationJobFields on GenerationJob {\n    id\n    kind\n    status\n    stage\n    percent\n    seed\n    clusterNumber\n    errorCode\n    errorMessage\n    createdAt\n    finishedAt\n  }\n": types.GenerationJobFieldsFragmentDoc,
    "\n  mutation GenerateNexus($seed: String, $force: Boolean) {\n    generateNexus(seed: $seed, force: $force) {\n      ...GenerationJobFields\n    }\n  }\n": types.GenerateNexusDocument,
    "\n  mutation RegenerateCluster($clusterNumber: Int!, $seed: String) {\n    regenerateCluster(clusterNumber: $clusterNumber, seed: $seed) {\n      ...GenerationJobFields\n    }\n  }\n": types.RegenerateClusterDocument,
    "\n  query GenerationJob($jobId: ID!) {\n    generationJob(jobId: $jobId) {\n      ...GenerationJobFields\n    }\n  }\n": types.GenerationJobDocument,
    "\n  subscription GenerationProgress($jobId: ID!) {\n    generationProgress(jobId: $jobId) {\n      jobId\n      seq\n      status\n      stage\n      percent\n      errorCode\n    }\n  }\n": types.GenerationProgressDocument,
    "\n  fragment RegionListItem on Region {\n    id\n    name\n    displayName\n    regionType\n    status\n    totalSectors\n    owner {\n      id\n      name\n    }\n    governance {\n      governanceType\n    }\n  }\n": types.RegionListItemFragmentDoc,
    "\n  query HomeRegions($first: Int!) {\n    regions(first: $first) {\n      ...RegionListItem\n    }\n  }\n": types.HomeRegionsDocument,
    "\n  query GalaxyMap {\n    clusters {\n      clusterNumber\n      name\n      clusterType\n      gridX\n      gridY\n    }\n    regions(first: 200) {\n      ...RegionListItem\n      nexusWarpSector\n      runtime {\n        state\n      }\n    }\n  }\n": types.GalaxyMapDocument,
    "\n  query RegionByName($name: String!) {\n    regionByName(name: $name) {\n      ...RegionListItem\n      viewerIsOwner\n      capitalSectorNumber\n      nexusWarpSector\n      sizeTier\n      createdAt\n      governance {\n        governanceType\n        votingThreshold\n        governanceQuorumPct\n        electionFrequencyDays\n        constitutionalText\n      }\n      economy {\n        taxRate\n        startingCredits\n        startingShip\n        economicSpecialization\n        treasuryBalance\n        totalTradeVolume\n        tradeBonuses\n      }\n      culture {\n        aestheticTheme\n        languagePack\n        traditions\n      }\n      counts {\n        members\n        citizens\n        residents\n        visitors\n        homePlayers\n        presentPlayers\n      }\n      world {\n        sectors\n        clusters\n        ports\n        planets\n        warps\n        playersOnline\n      }\n      runtime {\n        state\n      }\n    }\n  }\n": types.RegionByNameDocument,
    "\n  fragment RuntimeFields on RegionRuntime {\n    regionId\n    desiredState\n    state\n    driver\n    spec {\n      cpu\n      memoryGb\n      storageGb\n      maxPlayers\n    }\n    conditions {\n      type\n      status\n      reason\n      message\n      attempts\n      lastTransitionAt\n    }\n    recentEvents(limit: 20) {\n      type\n      reason\n      message\n      at\n    }\n    lastHeartbeatAt\n    healthReason\n    restartCount\n    evacuationDeadlineAt\n    specGeneration\n    observedGeneration\n    region {\n      id\n      name\n      displayName\n      status\n      world {\n        playersOnline\n      }\n    }\n  }\n": types.RuntimeFieldsFragmentDoc,
    "\n  query RegionRuntime($regionId: ID!) {\n    regionRuntime(regionId: $regionId) {\n      ...RuntimeFields\n    }\n  }\n": types.RegionRuntimeDocument,
    "\n  subscription RegionRuntimeChanged($regionId: ID!) {\n    regionRuntimeChanged(regionId: $regionId) {\n      regionId\n      seq\n      runtime {\n        ...RuntimeFields\n      }\n      event {\n        type\n        reason\n        message\n        at\n      }\n    }\n  }\n": types.RegionRuntimeChangedDocument,
    "\n  query Fleet {\n    fleet {\n      totalRegions\n      liveRegions\n      softTarget\n      utilization\n      alert\n      regions {\n        regionId\n        state\n        desiredState\n        spec {\n          cpu\n          memoryGb\n          storageGb\n          maxPlayers\n        }\n        restartCount\n        lastHeartbeatAt\n        evacuationDeadlineAt\n        region {\n          id\n          name\n          displayName\n          world {\n            playersOnline\n          }\n        }\n      }\n    }\n  }\n": types.FleetDocument,
    "\n  mutation ScaleRegion($regionId: ID!, $input: ScaleRegionInput!) {\n    scaleRegion(regionId: $regionId, input: $input) {\n      ...RuntimeFields\n    }\n  }\n": types.ScaleRegionDocument,
    "\n  mutation TerminateRegion($regionId: ID!, $immediate: Boolean) {\n    terminateRegion(regionId: $regionId, immediate: $immediate) {\n      ...RuntimeFields\n    }\n  }\n": types.TerminateRegionDocument,
    "\n  mutation CancelTermination($regionId: ID!) {\n    cancelTermination(regionId: $regionId) {\n      ...RuntimeFields\n    }\n  }\n": types.CancelTerminationDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Plans {\n    plans {\n      plan\n      name\n      amount\n      priceCents\n      currency\n      description\n    }\n  }\n"): (typeof documents)["\n  query Plans {\n    plans {\n      plan\n      name\n      amount\n      priceCents\n      currency\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionNameAvailability($name: String!) {\n    regionNameAvailability(name: $name) {\n      name\n      slug\n      available\n      reason\n      issues {\n        path\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query RegionNameAvailability($name: String!) {\n    regionNameAvailability(name: $name) {\n      name\n      slug\n      available\n      reason\n      issues {\n        path\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSubscription($input: CreateSubscriptionInput!) {\n    createSubscription(input: $input) {\n      approvalUrl\n      subscription {\n        id\n        paypalSubscriptionId\n        plan\n        status\n        regionName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSubscription($input: CreateSubscriptionInput!) {\n    createSubscription(input: $input) {\n      approvalUrl\n      subscription {\n        id\n        paypalSubscriptionId\n        plan\n        status\n        regionName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubscriptionProgress($id: ID!) {\n    subscription(id: $id) {\n      id\n      paypalSubscriptionId\n      plan\n      status\n      regionName\n      amount\n      region {\n        id\n        name\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query SubscriptionProgress($id: ID!) {\n    subscription(id: $id) {\n      id\n      paypalSubscriptionId\n      plan\n      status\n      regionName\n      amount\n      region {\n        id\n        name\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySubscriptions {\n    mySubscriptions {\n      id\n      plan\n      status\n      amount\n      regionName\n      createdAt\n      nextBillingAt\n    }\n  }\n"): (typeof documents)["\n  query MySubscriptions {\n    mySubscriptions {\n      id\n      plan\n      status\n      amount\n      regionName\n      createdAt\n      nextBillingAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeNexusStatus {\n    nexusStatus {\n      exists\n      status\n      totalSectors\n      totalPorts\n      totalPlanets\n      capitalSectorNumber\n    }\n  }\n"): (typeof documents)["\n  query HomeNexusStatus {\n    nexusStatus {\n      exists\n      status\n      totalSectors\n      totalPorts\n      totalPlanets\n      capitalSectorNumber\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClusterRow on Cluster {\n    clusterNumber\n    name\n    clusterType\n    gridX\n    gridY\n    sectorCount\n    firstSectorNumber\n    lastSectorNumber\n    portsCount\n    planetsCount\n    avgSecurityLevel\n    avgDevelopmentLevel\n    economicValue\n  }\n"): (typeof documents)["\n  fragment ClusterRow on Cluster {\n    clusterNumber\n    name\n    clusterType\n    gridX\n    gridY\n    sectorCount\n    firstSectorNumber\n    lastSectorNumber\n    portsCount\n    planetsCount\n    avgSecurityLevel\n    avgDevelopmentLevel\n    economicValue\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NexusManager {\n    nexusStatus {\n      exists\n      status\n      totalSectors\n      totalPorts\n      totalPlanets\n      capitalSectorNumber\n      generationSeed\n      galaxyHash\n      createdAt\n      region {\n        id\n        name\n        counts {\n          presentPlayers\n        }\n      }\n    }\n    clusters {\n      ...ClusterRow\n    }\n  }\n"): (typeof documents)["\n  query NexusManager {\n    nexusStatus {\n      exists\n      status\n      totalSectors\n      totalPorts\n      totalPlanets\n      capitalSectorNumber\n      generationSeed\n      galaxyHash\n      createdAt\n      region {\n        id\n        name\n        counts {\n          presentPlayers\n        }\n      }\n    }\n    clusters {\n      ...ClusterRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NexusWarpGates {\n    nexusStats {\n      totalWarpGates\n    }\n  }\n"): (typeof documents)["\n  query NexusWarpGates {\n    nexusStats {\n      totalWarpGates\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClusterDetail($clusterNumber: Int!) {\n    cluster(clusterNumber: $clusterNumber) {\n      ...ClusterRow\n      warpStability\n      isDiscovered\n      sampleSectors {\n        sectorNumber\n        sectorType\n        isCapital\n        isNexusProtected\n        securityLevel\n        developmentLevel\n        warpsTo\n      }\n      sampleStations {\n        id\n        name\n        sectorNumber\n        stationType\n        stationClass\n        isStarportPrime\n        securityTier\n      }\n      samplePlanets {\n        id\n        name\n        sectorNumber\n        planetType\n        habitability\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClusterDetail($clusterNumber: Int!) {\n    cluster(clusterNumber: $clusterNumber) {\n      ...ClusterRow\n      warpStability\n      isDiscovered\n      sampleSectors {\n        sectorNumber\n        sectorType\n        isCapital\n        isNexusProtected\n        securityLevel\n        developmentLevel\n        warpsTo\n      }\n      sampleStations {\n        id\n        name\n        sectorNumber\n        stationType\n        stationClass\n        isStarportPrime\n        securityTier\n      }\n      samplePlanets {\n        id\n        name\n        sectorNumber\n        planetType\n        habitability\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GenerationJobFields on GenerationJob {\n    id\n    kind\n    status\n    stage\n    percent\n    seed\n    clusterNumber\n    errorCode\n    errorMessage\n    createdAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment GenerationJobFields on GenerationJob {\n    id\n    kind\n    status\n    stage\n    percent\n    seed\n    clusterNumber\n    errorCode\n    errorMessage\n    createdAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateNexus($seed: String, $force: Boolean) {\n    generateNexus(seed: $seed, force: $force) {\n      ...GenerationJobFields\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateNexus($seed: String, $force: Boolean) {\n    generateNexus(seed: $seed, force: $force) {\n      ...GenerationJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegenerateCluster($clusterNumber: Int!, $seed: String) {\n    regenerateCluster(clusterNumber: $clusterNumber, seed: $seed) {\n      ...GenerationJobFields\n    }\n  }\n"): (typeof documents)["\n  mutation RegenerateCluster($clusterNumber: Int!, $seed: String) {\n    regenerateCluster(clusterNumber: $clusterNumber, seed: $seed) {\n      ...GenerationJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GenerationJob($jobId: ID!) {\n    generationJob(jobId: $jobId) {\n      ...GenerationJobFields\n    }\n  }\n"): (typeof documents)["\n  query GenerationJob($jobId: ID!) {\n    generationJob(jobId: $jobId) {\n      ...GenerationJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription GenerationProgress($jobId: ID!) {\n    generationProgress(jobId: $jobId) {\n      jobId\n      seq\n      status\n      stage\n      percent\n      errorCode\n    }\n  }\n"): (typeof documents)["\n  subscription GenerationProgress($jobId: ID!) {\n    generationProgress(jobId: $jobId) {\n      jobId\n      seq\n      status\n      stage\n      percent\n      errorCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RegionListItem on Region {\n    id\n    name\n    displayName\n    regionType\n    status\n    totalSectors\n    owner {\n      id\n      name\n    }\n    governance {\n      governanceType\n    }\n  }\n"): (typeof documents)["\n  fragment RegionListItem on Region {\n    id\n    name\n    displayName\n    regionType\n    status\n    totalSectors\n    owner {\n      id\n      name\n    }\n    governance {\n      governanceType\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeRegions($first: Int!) {\n    regions(first: $first) {\n      ...RegionListItem\n    }\n  }\n"): (typeof documents)["\n  query HomeRegions($first: Int!) {\n    regions(first: $first) {\n      ...RegionListItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GalaxyMap {\n    clusters {\n      clusterNumber\n      name\n      clusterType\n      gridX\n      gridY\n    }\n    regions(first: 200) {\n      ...RegionListItem\n      nexusWarpSector\n      runtime {\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query GalaxyMap {\n    clusters {\n      clusterNumber\n      name\n      clusterType\n      gridX\n      gridY\n    }\n    regions(first: 200) {\n      ...RegionListItem\n      nexusWarpSector\n      runtime {\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionByName($name: String!) {\n    regionByName(name: $name) {\n      ...RegionListItem\n      viewerIsOwner\n      capitalSectorNumber\n      nexusWarpSector\n      sizeTier\n      createdAt\n      governance {\n        governanceType\n        votingThreshold\n        governanceQuorumPct\n        electionFrequencyDays\n        constitutionalText\n      }\n      economy {\n        taxRate\n        startingCredits\n        startingShip\n        economicSpecialization\n        treasuryBalance\n        totalTradeVolume\n        tradeBonuses\n      }\n      culture {\n        aestheticTheme\n        languagePack\n        traditions\n      }\n      counts {\n        members\n        citizens\n        residents\n        visitors\n        homePlayers\n        presentPlayers\n      }\n      world {\n        sectors\n        clusters\n        ports\n        planets\n        warps\n        playersOnline\n      }\n      runtime {\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query RegionByName($name: String!) {\n    regionByName(name: $name) {\n      ...RegionListItem\n      viewerIsOwner\n      capitalSectorNumber\n      nexusWarpSector\n      sizeTier\n      createdAt\n      governance {\n        governanceType\n        votingThreshold\n        governanceQuorumPct\n        electionFrequencyDays\n        constitutionalText\n      }\n      economy {\n        taxRate\n        startingCredits\n        startingShip\n        economicSpecialization\n        treasuryBalance\n        totalTradeVolume\n        tradeBonuses\n      }\n      culture {\n        aestheticTheme\n        languagePack\n        traditions\n      }\n      counts {\n        members\n        citizens\n        residents\n        visitors\n        homePlayers\n        presentPlayers\n      }\n      world {\n        sectors\n        clusters\n        ports\n        planets\n        warps\n        playersOnline\n      }\n      runtime {\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RuntimeFields on RegionRuntime {\n    regionId\n    desiredState\n    state\n    driver\n    spec {\n      cpu\n      memoryGb\n      storageGb\n      maxPlayers\n    }\n    conditions {\n      type\n      status\n      reason\n      message\n      attempts\n      lastTransitionAt\n    }\n    recentEvents(limit: 20) {\n      type\n      reason\n      message\n      at\n    }\n    lastHeartbeatAt\n    healthReason\n    restartCount\n    evacuationDeadlineAt\n    specGeneration\n    observedGeneration\n    region {\n      id\n      name\n      displayName\n      status\n      world {\n        playersOnline\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RuntimeFields on RegionRuntime {\n    regionId\n    desiredState\n    state\n    driver\n    spec {\n      cpu\n      memoryGb\n      storageGb\n      maxPlayers\n    }\n    conditions {\n      type\n      status\n      reason\n      message\n      attempts\n      lastTransitionAt\n    }\n    recentEvents(limit: 20) {\n      type\n      reason\n      message\n      at\n    }\n    lastHeartbeatAt\n    healthReason\n    restartCount\n    evacuationDeadlineAt\n    specGeneration\n    observedGeneration\n    region {\n      id\n      name\n      displayName\n      status\n      world {\n        playersOnline\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionRuntime($regionId: ID!) {\n    regionRuntime(regionId: $regionId) {\n      ...RuntimeFields\n    }\n  }\n"): (typeof documents)["\n  query RegionRuntime($regionId: ID!) {\n    regionRuntime(regionId: $regionId) {\n      ...RuntimeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RegionRuntimeChanged($regionId: ID!) {\n    regionRuntimeChanged(regionId: $regionId) {\n      regionId\n      seq\n      runtime {\n        ...RuntimeFields\n      }\n      event {\n        type\n        reason\n        message\n        at\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription RegionRuntimeChanged($regionId: ID!) {\n    regionRuntimeChanged(regionId: $regionId) {\n      regionId\n      seq\n      runtime {\n        ...RuntimeFields\n      }\n      event {\n        type\n        reason\n        message\n        at\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Fleet {\n    fleet {\n      totalRegions\n      liveRegions\n      softTarget\n      utilization\n      alert\n      regions {\n        regionId\n        state\n        desiredState\n        spec {\n          cpu\n          memoryGb\n          storageGb\n          maxPlayers\n        }\n        restartCount\n        lastHeartbeatAt\n        evacuationDeadlineAt\n        region {\n          id\n          name\n          displayName\n          world {\n            playersOnline\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Fleet {\n    fleet {\n      totalRegions\n      liveRegions\n      softTarget\n      utilization\n      alert\n      regions {\n        regionId\n        state\n        desiredState\n        spec {\n          cpu\n          memoryGb\n          storageGb\n          maxPlayers\n        }\n        restartCount\n        lastHeartbeatAt\n        evacuationDeadlineAt\n        region {\n          id\n          name\n          displayName\n          world {\n            playersOnline\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleRegion($regionId: ID!, $input: ScaleRegionInput!) {\n    scaleRegion(regionId: $regionId, input: $input) {\n      ...RuntimeFields\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleRegion($regionId: ID!, $input: ScaleRegionInput!) {\n    scaleRegion(regionId: $regionId, input: $input) {\n      ...RuntimeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TerminateRegion($regionId: ID!, $immediate: Boolean) {\n    terminateRegion(regionId: $regionId, immediate: $immediate) {\n      ...RuntimeFields\n    }\n  }\n"): (typeof documents)["\n  mutation TerminateRegion($regionId: ID!, $immediate: Boolean) {\n    terminateRegion(regionId: $regionId, immediate: $immediate) {\n      ...RuntimeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelTermination($regionId: ID!) {\n    cancelTermination(regionId: $regionId) {\n      ...RuntimeFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelTermination($regionId: ID!) {\n    cancelTermination(regionId: $regionId) {\n      ...RuntimeFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;