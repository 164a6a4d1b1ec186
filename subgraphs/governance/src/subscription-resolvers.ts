import { assertUuid } from '@sw/domain';
import type { GovernanceContext } from './governance-context.ts';
import { electionTallyStream, governanceEventStream, policyTallyStream } from './live/streams.ts';

/** Subscriptions: public, like the elections and policies they follow (delivery modes: gateway/src/subscription-delivery-modes.ts). */
export const subscriptionResolvers = {
  electionTallyChanged: {
    subscribe: (_: unknown, args: { electionId: string }, ctx: GovernanceContext) =>
      electionTallyStream(ctx.db, ctx.deps.bus, assertUuid(args.electionId, 'electionId')),
    resolve: (event: unknown) => event,
  },
  policyTallyChanged: {
    subscribe: (_: unknown, args: { policyId: string }, ctx: GovernanceContext) => policyTallyStream(ctx.db, ctx.deps.bus, assertUuid(args.policyId, 'policyId')),
    resolve: (event: unknown) => event,
  },
  governanceEvents: {
    subscribe: (_: unknown, args: { regionId: string }, ctx: GovernanceContext) => governanceEventStream(ctx.deps.bus, assertUuid(args.regionId, 'regionId')),
    resolve: (event: unknown) => event,
  },
};
