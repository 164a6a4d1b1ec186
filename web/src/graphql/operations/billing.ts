import { graphql } from '../generated';

/** The purchase page: the plans on offer (public). */
export const PlansQuery = graphql(`
  query Plans {
    plans {
      plan
      name
      amount
      priceCents
      currency
      description
    }
  }
`);

/** Checked while the buyer types a region name (debounced). */
export const RegionNameAvailabilityQuery = graphql(`
  query RegionNameAvailability($name: String!) {
    regionNameAvailability(name: $name) {
      name
      slug
      available
      reason
      issues {
        path
        message
      }
    }
  }
`);

export const CreateSubscriptionMutation = graphql(`
  mutation CreateSubscription($input: CreateSubscriptionInput!) {
    createSubscription(input: $input) {
      approvalUrl
      subscription {
        id
        paypalSubscriptionId
        plan
        status
        regionName
      }
    }
  }
`);

/** After PayPal returns the buyer: the subscription, and its region once the ACTIVATED webhook created it. */
export const SubscriptionProgressQuery = graphql(`
  query SubscriptionProgress($id: ID!) {
    subscription(id: $id) {
      id
      paypalSubscriptionId
      plan
      status
      regionName
      amount
      region {
        id
        name
        displayName
      }
    }
  }
`);

