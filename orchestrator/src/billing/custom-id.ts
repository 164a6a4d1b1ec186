import { isBillingPlan, type BillingPlan } from '@sw/domain';

/**
 * PayPal `custom_id` of our subscriptions (with player ids — docs/rules/original-defects.md #29): the intent
 * travels with the subscription, so an ACTIVATED webhook can be mapped even without our own row.
 * `regional_owner:<playerId>:<regionSlug>:<tier>` / `galactic_citizen:<playerId>` (≤ 127 printable chars).
 */
export interface SubscriptionIntent {
  plan: BillingPlan;
  playerId: string;
  regionName: string | null;
  sizeTier: string | null;
}

export function buildCustomId(i: SubscriptionIntent): string {
  return i.plan === 'regional_owner' ? `regional_owner:${i.playerId}:${i.regionName}:${i.sizeTier ?? 'standard'}` : `galactic_citizen:${i.playerId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseCustomId(customId: unknown): SubscriptionIntent | null {
  if (typeof customId !== 'string') return null;
  const [plan, playerId, regionName, sizeTier, ...rest] = customId.split(':');
  if (rest.length || !isBillingPlan(plan) || !playerId || !UUID.test(playerId)) return null;
  if (plan === 'galactic_citizen') return regionName === undefined ? { plan, playerId, regionName: null, sizeTier: null } : null;
  if (!regionName || !sizeTier) return null;
  return { plan, playerId, regionName, sizeTier };
}
