/** What the API layer (GraphQL + REST) needs from a running orchestrator. */
import type { EventBus } from '@sw/events';
import type { RegionRuntimeDriver } from '../drivers/driver.ts';
import type { Reconciler } from '../reconciler/reconciler.ts';
import type postgres from 'postgres';
import type { BillingCommandDeps } from '../billing/billing-commands.ts';
import type { AutoscaleSample } from '@sw/domain';
import type { BackupDeps } from '../backups/backup-commands.ts';
import type { HibernationService } from '../hibernation/hibernation-service.ts';

export interface ApiDeps {
  sql: postgres.Sql;
  bus: EventBus | null;
  /** Reports event publishes that failed after commit (StoreDeps.log). */
  log?: { error(obj: object, msg?: string): void };
  driver: RegionRuntimeDriver;
  reconciler: Reconciler;
  jwtSecret?: string;
  /** Billing commands (PayPal); absent = the billing fields answer ERR_PAYPAL_UNAVAILABLE. */
  billing?: BillingCommandDeps;
  /** The autoscaler's recent CPU / memory samples of a region (charts); absent = no history. */
  usageSamples?: (regionId: string) => AutoscaleSample[];
  /** The platform's Prometheus (PROMETHEUS_URL) behind the fleet charts; absent = ERR_METRICS_UNAVAILABLE. */
  prometheusUrl?: string | null;
  /** Region backups (REST /regions/:name/backups, region-cli backup); absent = the routes answer ERR_NOT_FOUND. */
  backups?: BackupDeps;
  /** Hibernate / wake / resurrect (absent in API tests without a running orchestrator). */
  hibernation?: HibernationService;
}
