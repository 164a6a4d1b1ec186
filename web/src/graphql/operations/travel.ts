import { graphql } from '../generated';

export const JourneyFieldsFragment = graphql(`
  fragment JourneyFields on Journey {
    id
    intent
    state
    reasonCode
    reason
    eta
    fee
    requestedAt
    startedAt
    completedAt
    traveller {
      id
      name
    }
    origin {
      id
      name
      displayName
    }
    destination {
      id
      name
      displayName
    }
    position {
      sectorNumber
      region {
        id
        name
        displayName
      }
    }
    legs {
      index
      kind
      state
      etaAt
      startedAt
      completedAt
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
`);

export const MyJourneyQuery = graphql(`
  query MyJourney {
    myJourney {
      ...JourneyFields
    }
  }
`);

export const MyJourneySubscription = graphql(`
  subscription MyJourneyChanged {
    myJourney {
      ...JourneyFields
    }
  }
`);

export const StartTravelMutation = graphql(`
  mutation StartTravel($destinationRegionId: ID!, $intent: JourneyIntent) {
    startTravel(destinationRegionId: $destinationRegionId, intent: $intent) {
      ...JourneyFields
    }
  }
`);

export const CancelTravelMutation = graphql(`
  mutation CancelTravel($journeyId: ID!) {
    cancelTravel(journeyId: $journeyId) {
      ...JourneyFields
    }
  }
`);

export const TravelEventFieldsFragment = graphql(`
  fragment TravelEventFields on TravelEvent {
    seq
    kind
    reasonCode
    at
    journey {
      id
      intent
      state
      traveller {
        id
        name
      }
      origin {
        id
        displayName
      }
      destination {
        id
        displayName
      }
    }
  }
`);

/** A region's arrivals / departures feed: history (and the resync after a dropped socket) plus live events. */
export const TravelFeedHistoryQuery = graphql(`
  query TravelFeedHistory($regionId: ID!, $afterSeq: Int, $first: Int) {
    travelFeedHistory(regionId: $regionId, afterSeq: $afterSeq, first: $first) {
      ...TravelEventFields
    }
  }
`);

export const TravelFeedSubscription = graphql(`
  subscription TravelFeed($regionId: ID!) {
    travelFeed(regionId: $regionId) {
      ...TravelEventFields
    }
  }
`);

/** A journey waiting for an entry decision (approval policy), as the governor dashboard lists it. */
export const EntryRequestFragment = graphql(`
  fragment EntryRequest on Journey {
    id
    intent
    state
    fee
    requestedAt
    traveller {
      id
      name
    }
    origin {
      id
      name
      displayName
    }
  }
`);

/** Journeys waiting for an entry decision at a region (owner, governor or admin). */
export const EntryRequestsQuery = graphql(`
  query EntryRequests($regionId: ID!) {
    entryRequests(regionId: $regionId) {
      ...EntryRequest
    }
  }
`);

export const DecideEntryRequestMutation = graphql(`
  mutation DecideEntryRequest($journeyId: ID!, $approve: Boolean!, $reason: String) {
    decideEntryRequest(journeyId: $journeyId, approve: $approve, reason: $reason) {
      id
      state
      reasonCode
    }
  }
`);
