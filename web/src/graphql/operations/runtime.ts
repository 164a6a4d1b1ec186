import { graphql } from '../generated';

/** What the runtime views show of a region's runtime: state, spec, the six conditions and recent events. */
export const RuntimeFieldsFragment = graphql(`
  fragment RuntimeFields on RegionRuntime {
    regionId
    desiredState
    state
    driver
    spec {
      cpu
      memoryGb
      storageGb
      maxPlayers
    }
    conditions {
      type
      status
      reason
      message
      attempts
      lastTransitionAt
    }
    recentEvents(limit: 20) {
      type
      reason
      message
      at
    }
    lastHeartbeatAt
    healthReason
    restartCount
    evacuationDeadlineAt
    specGeneration
    observedGeneration
    usage {
      cpuPct
      memPct
      rssMb
      playersOnline
    }
    region {
      id
      name
      displayName
      status
      world {
        playersOnline
      }
    }
  }
`);

export const RegionRuntimeQuery = graphql(`
  query RegionRuntime($regionId: ID!) {
    regionRuntime(regionId: $regionId) {
      ...RuntimeFields
    }
  }
`);

export const RegionRuntimeChangedSubscription = graphql(`
  subscription RegionRuntimeChanged($regionId: ID!) {
    regionRuntimeChanged(regionId: $regionId) {
      regionId
      seq
      runtime {
        ...RuntimeFields
      }
      event {
        type
        reason
        message
        at
      }
    }
  }
`);

/** Fleet admin: capacity against the soft target and every region's runtime. */
export const FleetQuery = graphql(`
  query Fleet {
    fleet {
      totalRegions
      activeRegions
      liveRegions
      softTarget
      utilization
      alert
      billing {
        activeSubscriptions
        estimatedMonthlyRevenueCents
        currency
        plans {
          plan
          active
          monthlyCents
        }
        subscriptions {
          id
          plan
          status
          amount
          regionName
          playerId
          createdAt
          nextBillingAt
        }
      }
      regions {
        regionId
        state
        desiredState
        spec {
          cpu
          memoryGb
          storageGb
          maxPlayers
        }
        restartCount
        lastHeartbeatAt
        evacuationDeadlineAt
        usage {
          cpuPct
          memPct
          playersOnline
        }
        region {
          id
          name
          displayName
          world {
            playersOnline
          }
        }
      }
    }
  }
`);

export const ScaleRegionMutation = graphql(`
  mutation ScaleRegion($regionId: ID!, $input: ScaleRegionInput!) {
    scaleRegion(regionId: $regionId, input: $input) {
      ...RuntimeFields
    }
  }
`);

export const TerminateRegionMutation = graphql(`
  mutation TerminateRegion($regionId: ID!, $immediate: Boolean) {
    terminateRegion(regionId: $regionId, immediate: $immediate) {
      ...RuntimeFields
    }
  }
`);

export const CancelTerminationMutation = graphql(`
  mutation CancelTermination($regionId: ID!) {
    cancelTermination(regionId: $regionId) {
      ...RuntimeFields
    }
  }
`);

/** One chart's answer: the step Prometheus used and one line per region (percentages of its allowance). */
export const MetricsRangeFieldsFragment = graphql(`
  fragment MetricsRangeFields on RegionMetricsRange {
    stepSeconds
    series {
      regionId
      regionName
      points {
        at
        pct
      }
    }
  }
`);

/**
 * The fleet charts (admin, fleet:manage): CPU and memory of the region-servers over the last `rangeSeconds`, read by
 * the orchestrator from the platform's Prometheus (docs/decisions/monitoring.md "Fleet charts"). `regionId` limits
 * both to one region. ERR_METRICS_UNAVAILABLE when Prometheus does not answer.
 */
export const FleetMetricsQuery = graphql(`
  query FleetMetrics($rangeSeconds: Int!, $regionId: ID) {
    cpu: regionMetricsRange(metric: CPU, rangeSeconds: $rangeSeconds, regionId: $regionId) {
      ...MetricsRangeFields
    }
    memory: regionMetricsRange(metric: MEMORY, rangeSeconds: $rangeSeconds, regionId: $regionId) {
      ...MetricsRangeFields
    }
  }
`);
