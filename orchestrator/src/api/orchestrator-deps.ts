/** What the API layer (GraphQL + REST) needs from a running orchestrator. */
import type { EventBus } from '@sw/events';
import type { RegionRuntimeDriver } from '../drivers/driver.ts';
import type { Reconciler } from '../reconciler/reconciler.ts';
import type postgres from 'postgres';

export interface ApiDeps {
  sql: postgres.Sql;
  bus: EventBus | null;
  driver: RegionRuntimeDriver;
  reconciler: Reconciler;
  jwtSecret?: string;
}
