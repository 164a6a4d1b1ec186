import { graphql } from '../generated';

/** What the settings tabs edit, with the version every change must be based on. */
export const RegionConfigFragment = graphql(`
  fragment RegionConfig on Region {
    id
    configVersion
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
      specialization
      tradeBonusList {
        commodity
        multiplier
      }
    }
    tariff {
      requestedRate
      cap
      effectiveRate
      stationCount
    }
    immigration {
      policy
      maxVisitors
      visitorEntryFee
    }
    culture {
      motto
      theme {
        preset
        primaryColor
        secondaryColor
        accentColor
      }
      language {
        variant
      }
      traditionList {
        name
        description
      }
    }
  }
`);

export const RegionConfigQuery = graphql(`
  query RegionConfigById($id: ID!) {
    region(id: $id) {
      ...RegionConfig
    }
  }
`);

export const ConfigHistoryQuery = graphql(`
  query ConfigHistory($id: ID!, $first: Int) {
    region(id: $id) {
      id
      configHistory(first: $first) {
        version
        via
        actorName
        policyId
        at
        changes {
          field
          from
          to
        }
      }
    }
  }
`);

export const UpdateRegionEconomyMutation = graphql(`
  mutation UpdateRegionEconomy($regionId: ID!, $expectedVersion: Int!, $input: EconomySettingsInput!) {
    updateRegionEconomy(regionId: $regionId, expectedVersion: $expectedVersion, input: $input) {
      version {
        version
      }
      region {
        ...RegionConfig
      }
    }
  }
`);

export const UpdateRegionGovernanceMutation = graphql(`
  mutation UpdateRegionGovernance($regionId: ID!, $expectedVersion: Int!, $input: GovernanceSettingsInput!) {
    updateRegionGovernance(regionId: $regionId, expectedVersion: $expectedVersion, input: $input) {
      version {
        version
      }
      region {
        ...RegionConfig
      }
    }
  }
`);

export const UpdateRegionCultureMutation = graphql(`
  mutation UpdateRegionCulture($regionId: ID!, $expectedVersion: Int!, $input: CultureSettingsInput!) {
    updateRegionCulture(regionId: $regionId, expectedVersion: $expectedVersion, input: $input) {
      version {
        version
      }
      region {
        ...RegionConfig
      }
    }
  }
`);

export const SetRegionTariffMutation = graphql(`
  mutation SetRegionTariff($regionId: ID!, $expectedVersion: Int!, $rate: Float!) {
    setRegionTariff(regionId: $regionId, expectedVersion: $expectedVersion, rate: $rate) {
      version {
        version
      }
      region {
        ...RegionConfig
      }
    }
  }
`);

export const UpdateRegionImmigrationMutation = graphql(`
  mutation UpdateRegionImmigration($regionId: ID!, $expectedVersion: Int!, $input: ImmigrationSettingsInput!) {
    updateRegionImmigration(regionId: $regionId, expectedVersion: $expectedVersion, input: $input) {
      version {
        version
      }
      region {
        ...RegionConfig
      }
    }
  }
`);

/** Governor Overview: the regional stats in one query (officers and admins). */
export const RegionStatsQuery = graphql(`
  query RegionStats($regionId: ID!) {
    regionStats(regionId: $regionId) {
      population {
        citizens
        residents
        visitors
        total
        homePlayers
      }
      territory {
        sectors
        clusters
        planets
        ports
        stale
      }
      economy {
        treasuryBalance
        tradeVolume
        taxRate
        travelFeesCollected
        tariff {
          effectiveRate
          cap
        }
      }
      governance {
        activeElections
        openPolicies
        activeTreaties
      }
      activity {
        activePlayers30d
        onlineNow
        presentNow
      }
    }
  }
`);
