import type { HubDb } from '@sw/db';
import type { RequestContext } from '@sw/service-kit';
import type { GovernanceDeps } from './deps.ts';
import type { GovernanceLoaders } from './loaders.ts';

/** Resolver context of the Governance subgraph: the kit's base context plus the hub db, loaders and command deps. */
export interface GovernanceContext extends RequestContext {
  db: HubDb;
  loaders: GovernanceLoaders;
  deps: GovernanceDeps;
}
