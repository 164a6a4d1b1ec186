/**
 * Who may see or cancel one billing subscription (docs/decisions/auth.md "Roles and scopes"): its subscriber (the
 * player it bills), or an admin holding the billing:view scope; the fleet's billing overview needs the scope too. There is no separate billing write scope: the scope
 * that lets support read every subscription also lets it cancel one on the subscriber's behalf. An admin without the
 * scope is treated like any player: their own subscriptions only. Deny by default.
 */
import { hasScope, type Claims } from '@sw/auth';
import type { AdminScope } from '@sw/domain';

export const BILLING_SCOPE: AdminScope = 'billing:view';

/** The subject of a subscription check: the player it bills. */
export interface BilledSubscription {
  playerId: string;
}

function isSubscriber(actor: Claims | null, sub: BilledSubscription): boolean {
  return actor?.playerId != null && actor.playerId === sub.playerId;
}

/** `Query.subscription`: the subscriber, or an admin with billing:view. */
export function canViewSubscription(actor: Claims | null, sub: BilledSubscription): boolean {
  return isSubscriber(actor, sub) || hasScope(actor, BILLING_SCOPE);
}

/** `Mutation.cancelSubscription`: the subscriber, or an admin with billing:view. */
export function canCancelSubscription(actor: Claims | null, sub: BilledSubscription): boolean {
  return isSubscriber(actor, sub) || hasScope(actor, BILLING_SCOPE);
}

/** `Fleet.billing` (every subscription and the revenue): admins with billing:view only; others read it as null. */
export function canViewFleetBilling(actor: Claims | null): boolean {
  return hasScope(actor, BILLING_SCOPE);
}
