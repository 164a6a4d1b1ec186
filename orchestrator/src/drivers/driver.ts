/**
 * Runtime driver interface: everything the reconciler needs from "the infrastructure" for one region.
 * Two implementations share it (ARCHITECTURE §3): `process` (region DB on the hub Postgres server +
 * a supervised child process) and, later, `docker`. Both run the same contract suite
 * (driver.contract.ts).
 *
 * Rules every implementation follows:
 * - every operation is idempotent and keyed by deterministic names (`region_<shortid>` for the database
 *   and its role, labels carrying the region id for the stack), so a re-run after a crash adopts what
 *   exists instead of duplicating it;
 * - reality is read again before acting (never trust only the `previous` record);
 * - failures throw; the caller decides whether they are transient (requeue) or permanent.
 */
import type { ProcessExit } from '@sw/domain';

/** Deterministic names of a region's database and role. */
export interface DatabaseRef {
  regionId: string;
  dbName: string;
  roleName: string;
  /** Password to (re)assert for the role; stored in region_databases by the caller BEFORE the call. */
  password: string;
}

/** What the stack should look like. `generation` is the region's spec_generation. */
export interface StackSpec {
  regionId: string;
  regionName: string;
  generation: number;
  databaseUrl: string;
  cpu: number;
  memoryGb: number;
  storageGb: number;
  maxPlayers: number;
  /** The region-server's service token (hub → region-server calls carry it; @sw/auth regionServerToken). */
  serviceToken: string;
}

/** JSON-able record of a running stack, kept in regions.runtime_observed. */
export interface StackObserved {
  driver: string;
  regionId: string;
  endpoint: string;
  /** Process driver: the region-server's pid (its own process group) and port. */
  pid?: number;
  port?: number;
  startedAt: string;
  /** The limits the stack was started / updated with, and when each takes effect. */
  limits: { cpu: number; memoryGb: number; storageGb: number; maxPlayers: number; generation: number };
  /** Limits recorded by updateStack that only apply on the next (re)start. */
  pendingLimits?: StackObserved['limits'] | null;
  instance?: string;
}

export interface StackStatus {
  /** A stack labelled with this region exists (process alive / container present). */
  running: boolean;
  /** /health answered with status ok and the same regionId. */
  healthy: boolean;
  endpoint: string | null;
  /** Known exit of the last process (only when this driver instance started it). */
  exit: ProcessExit | null;
  observed: StackObserved | null;
}

export interface StackStats {
  at: number;
  /** CPU use relative to the region's own cpu allowance (100 = all of its vCPUs). */
  cpuPct: number;
  /** Resident memory relative to memory_gb. */
  memPct: number;
  rssBytes: number;
}

export interface EnsureStackResult {
  observed: StackObserved;
  action: 'adopted' | 'started' | 'restarted';
}

export interface OwnedResources {
  stacks: Array<{ regionId: string; pid?: number; endpoint?: string }>;
  databases: Array<{ regionId: string | null; dbName: string }>;
}

export interface RegionRuntimeDriver {
  readonly name: 'process' | 'docker';
  /** Creates (or adopts) the region database and its role; re-asserts the password. */
  ensureDatabase(ref: DatabaseRef): Promise<{ url: string; created: boolean }>;
  /** True when the database exists. */
  databaseExists(dbName: string): Promise<boolean>;
  /** Drops the database (terminating its connections) and its role; no-op when absent. */
  dropDatabase(ref: Pick<DatabaseRef, 'dbName' | 'roleName'>): Promise<{ dropped: boolean }>;
  /** Starts the stack unless a healthy one labelled with this region exists; resolves when /health answers. */
  ensureStack(spec: StackSpec, previous: StackObserved | null): Promise<EnsureStackResult>;
  /** Current state of the region's stack (reads reality; `previous` is only a hint). */
  inspectStack(regionId: string, previous: StackObserved | null): Promise<StackStatus>;
  /** Applies new limits; returns when they take effect ('live' or 'next_restart'). */
  updateStack(spec: StackSpec, previous: StackObserved): Promise<{ observed: StackObserved; applied: 'live' | 'next_restart' }>;
  /** Stops and removes the stack; no-op when absent. */
  stopStack(regionId: string, previous: StackObserved | null): Promise<{ stopped: boolean }>;
  /** Utilisation sample for the autoscaler; null when the stack is not running. */
  stackStats(regionId: string, previous: StackObserved | null): Promise<StackStats | null>;
  /** Every stack and database this driver instance owns (by label / comment). */
  listOwned(): Promise<OwnedResources>;
  /** Removes owned stacks and databases whose region id is not in `keepRegionIds`. */
  removeOrphans(keepRegionIds: ReadonlySet<string>): Promise<{ stacks: string[]; databases: string[] }>;
  /** Releases driver resources (does NOT stop region stacks: they outlive the orchestrator). */
  close(): Promise<void>;
}

/** Deterministic database / role name of a region: `region_<first 12 hex of its id>`. */
export function regionDbName(regionId: string): string {
  return `region_${regionId.replaceAll('-', '').slice(0, 12).toLowerCase()}`;
}
