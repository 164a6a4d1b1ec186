/** Dependencies of every reconcile step, and the small result / error vocabulary they share. */
import type postgres from 'postgres';
import type { EventBus } from '@sw/events';
import type { RegionRuntimeDriver } from '../drivers/driver.ts';
import type { SecretBox } from '../secrets/secret-box.ts';

export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ReconcileContext {
  sql: postgres.Sql;
  /** Hub database URL (the process driver's server; pg_dump / scratch restores use it). */
  hubUrl: string;
  bus: EventBus | null;
  driver: RegionRuntimeDriver;
  log: Log;
  now(): Date;
  /** Test-only: exit(137) right after this condition is recorded (ORCHESTRATOR_CRASH_AFTER). */
  crashAfter: string | null;
  /** Where archives go (BACKUP_DIR). */
  backupDir: string;
  /** Seals / opens the region database passwords kept in the hub (REGION_SECRETS_KEY). */
  secrets: SecretBox;
  /** Called after a PayPal cancellation was requested (the billing scheduler then works it at once). */
  onSubscriptionCancellationRequested?: () => void;
}

/** What a step asks of the queue: run again after `requeueAfterMs`, or nothing (converged / waiting for a kick). */
export interface StepResult {
  requeueAfterMs?: number;
}

/** A failure retrying cannot fix; the region moves to `error` (one shared path, moveToError). */
export class PermanentError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = 'PermanentError';
    this.reason = reason;
  }
}

/** The provisioning conditions in order (the provisioning steps, see orchestrator/src/steps/provision-conditions.ts). */
export const PROVISIONING_CONDITIONS = [
  'SUBSCRIPTION_VALID',
  'DATABASE_CREATED',
  'REGION_GENERATED',
  'STACK_DEPLOYED',
  'NEXUS_REGISTERED',
  'ROUTING_CONFIGURED',
] as const;
export type ProvisioningCondition = (typeof PROVISIONING_CONDITIONS)[number];
