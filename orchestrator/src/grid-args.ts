import { randomUUID } from 'node:crypto';
import type { GridArgs } from '@sw/testing';

/**
 * Permission-grid arguments (docs/decisions/permissions.md): an allowed provisionRegion gets a name the validator
 * refuses (so nothing is provisioned), subscription operations use the owner's fixture subscription, and the
 * relocation targets the fixture region. The fleet's dormancy mutations name an unknown region: an admin meets
 * ERR_REGION_NOT_FOUND (nothing hibernated or woken), everybody else is refused before the lookup.
 */
export const GRID_ARGS: GridArgs = {
  'Mutation.provisionRegion': () => ({ args: { input: { name: '!' } } }),
  'Mutation.scaleRegion': (fx) => ({ args: { regionId: fx.regionId, input: { maxPlayers: 10 } } }),
  'Mutation.cancelSubscription': (fx) => ({ args: { id: fx.subscriptionId } }),
  'Query.subscription': (fx) => ({ args: { id: fx.subscriptionId } }),
  // No Prometheus in the grid: an allowed call answers ERR_METRICS_UNAVAILABLE after its permission check.
  'Query.regionMetricsRange': (fx) => ({ args: { metric: 'CPU', rangeSeconds: 600, regionId: fx.regionId } }),
  'Mutation.createSubscription': () => ({ args: { input: { plan: 'GALACTIC_CITIZEN' } } }),
  'Mutation.hibernateRegion': () => ({ args: { regionId: randomUUID() } }),
  'Mutation.wakeRegion': () => ({ args: { regionId: randomUUID() } }),
  'Mutation.resurrectRegion': () => ({ args: { regionId: randomUUID() } }),
};
