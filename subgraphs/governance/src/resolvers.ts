import { JSONScalar } from './json-scalar.ts';
import { mutationResolvers } from './mutation-resolvers.ts';
import { queryResolvers, regionResolvers } from './query-resolvers.ts';
import { subscriptionResolvers } from './subscription-resolvers.ts';
import { typeResolvers } from './type-resolvers.ts';
import { inviteResolvers } from './invites/invite-resolvers.ts';

/** Resolver map of the Governance subgraph (schema.graphql is the contract). */
export const governanceResolvers = {
  JSON: JSONScalar,
  Query: queryResolvers,
  Mutation: { ...mutationResolvers, ...inviteResolvers.Mutation },
  Subscription: subscriptionResolvers,
  Region: { ...regionResolvers, ...inviteResolvers.Region },
  ...typeResolvers,
};
