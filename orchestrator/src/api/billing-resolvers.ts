/**
 * GraphQL resolvers for billing (issue 7): plans, the caller's subscriptions, one subscription, region
 * name availability, create / cancel. Each calls a `billingCommands` function (which does the owner
 * checks from the forwarded claims) and `unwrapBilling` turns a failure into a DomainError with its
 * stable ERR_* code. `useEmergencyRelocation` (the Galactic Citizen lapse teleport) needs only the
 * database, which it takes from the same billing deps. Plans are GraphQL enums (REGIONAL_OWNER) over
 * the stored strings (regional_owner).
 */
import { BILLING_PLANS, DomainError, toDbEnum, toGraphqlEnum } from '@sw/domain';
import type { RequestContext } from '@sw/service-kit';
import { billingCommands, unwrapBilling, type BillingCommandDeps, type BillingSubscriptionView } from '../billing/billing-commands.ts';
import { unwrapRelocation, useEmergencyRelocation } from '../billing/use-emergency-relocation.ts';

/** The GraphQL shape of one subscription. */
export function subscriptionView(s: BillingSubscriptionView) {
  return {
    ...s,
    plan: toGraphqlEnum(s.plan),
    region: s.regionId ? { id: s.regionId } : null,
    lastPaymentAt: s.lastPaymentAt?.toISOString() ?? null,
    nextBillingAt: s.nextBillingAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}

interface CreateArgs {
  input: { plan: string; regionName?: string | null; sizeTier?: string | null; returnUrl?: string | null; cancelUrl?: string | null };
}

export function createBillingResolvers(billing: BillingCommandDeps | undefined) {
  const deps = (): BillingCommandDeps => {
    if (!billing) throw new DomainError('ERR_PAYPAL_UNAVAILABLE', 'billing is not configured on this orchestrator');
    return billing;
  };
  return {
    Query: {
      plans: () => billingCommands.listPlans(deps()).map((p) => ({ ...p, plan: toGraphqlEnum(p.plan) })),
      mySubscriptions: async (_: unknown, __: unknown, ctx: RequestContext) =>
        unwrapBilling(await billingCommands.listSubscriptions(deps(), ctx.claims)).subscriptions.map(subscriptionView),
      subscription: async (_: unknown, a: { id: string }, ctx: RequestContext) =>
        subscriptionView(unwrapBilling(await billingCommands.getSubscription(deps(), ctx.claims, { id: a.id })).subscription),
      regionNameAvailability: async (_: unknown, a: { name: string }, ctx: RequestContext) => {
        const r = await billingCommands.regionNameAvailability(deps(), ctx.claims, a.name);
        return r.available
          ? { name: a.name, slug: r.slug, available: true, reason: null, issues: [] }
          : { name: a.name, slug: r.slug, available: false, reason: toGraphqlEnum(r.reason), issues: r.issues };
      },
    },
    Mutation: {
      createSubscription: async (_: unknown, a: CreateArgs, ctx: RequestContext) => {
        const plan = toDbEnum(a.input.plan, BILLING_PLANS, 'plan');
        const o = unwrapBilling(await billingCommands.createSubscription(deps(), ctx.claims, { ...a.input, plan }));
        return { subscription: subscriptionView(o.subscription), approvalUrl: o.approvalUrl };
      },
      cancelSubscription: async (_: unknown, a: { id: string; reason?: string | null }, ctx: RequestContext) =>
        subscriptionView(unwrapBilling(await billingCommands.cancelSubscription(deps(), ctx.claims, { id: a.id, reason: a.reason ?? null })).subscription),
      useEmergencyRelocation: async (_: unknown, a: { regionId: string }, ctx: RequestContext) => {
        const { relocation: r } = unwrapRelocation(await useEmergencyRelocation(deps(), ctx.claims, { regionId: a.regionId }));
        return { playerId: r.playerId, regionId: r.regionId, region: { id: r.regionId }, sectorNumber: r.sectorNumber, usedAt: r.usedAt.toISOString() };
      },
    },
  };
}
