import type { EventBus } from '@sw/events';
import type { RequestContext } from '@sw/service-kit';
import type postgres from 'postgres';
import type { GenerationJobRunner } from './generation-jobs.ts';
import type { NexusLoaders } from './loaders.ts';

/** Resolver context of the Nexus subgraph: the kit's base context plus the hub pool, loaders, jobs and events. */
export interface NexusContext extends RequestContext {
  sql: postgres.Sql;
  loaders: NexusLoaders;
  jobs: GenerationJobRunner;
  bus: EventBus;
}
