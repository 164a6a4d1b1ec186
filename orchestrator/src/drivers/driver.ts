/**
 * Runtime driver interface: everything the reconciler needs from "the infrastructure" for one region, in two parts
 * (docs/decisions/region-database-provider.md):
 * - a RegionDatabaseProvider — where the region's database lives: a database + role per region on the hub's Postgres
 *   server (process driver), a Postgres container per region (docker driver), a pool of shared Postgres clusters later;
 * - a RegionRuntime — what runs the region-server stack: a supervised child process, containers, Kubernetes later.
 * A RegionRuntimeDriver is one of each under one name (composeDriver), with both parts' methods on it, so the
 * reconciler keeps one handle. Each part runs its own contract suite (database-provider.contract.ts, driver.contract.ts).
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
  /** The fleet's metrics scrape token (@sw/auth regionMetricsToken); GET /metrics accepts it besides the service token. */
  metricsToken?: string;
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

/** Where region databases live (one database and one login role per region, deterministic names). */
export interface RegionDatabaseProvider {
  readonly name: string;
  /** Creates (or adopts) the region database and its role; re-asserts the password. */
  ensureDatabase(ref: DatabaseRef): Promise<{ url: string; created: boolean }>;
  /** True when the database exists. */
  databaseExists(dbName: string): Promise<boolean>;
  /** Drops the database (terminating its connections) and its role; no-op when absent. */
  dropDatabase(ref: Pick<DatabaseRef, 'dbName' | 'roleName'>): Promise<{ dropped: boolean }>;
  /**
   * Stops whatever runs ONLY this region's database, keeping its data (docs/rules/hibernation.md: a hibernated or
   * tombstoned region has no process left). The next ensureDatabase starts it again. The docker provider stops the
   * region's Postgres container (its volume stays); a provider whose databases live on a shared server (the process
   * driver's hub server) has nothing of its own to stop and answers `{ stopped: false }`.
   */
  suspendDatabase(regionId: string): Promise<{ stopped: boolean }>;
  /** Every database this provider instance owns (by label / comment). */
  listOwnedDatabases(): Promise<OwnedResources['databases']>;
  /** Drops owned databases whose region id is not in `keepRegionIds`; returns their names. */
  removeOrphanDatabases(keepRegionIds: ReadonlySet<string>): Promise<string[]>;
  /** Releases provider resources (admin connections); the databases stay. */
  close(): Promise<void>;
}

/** What runs region stacks (the region-server, with its cache where there is one). */
export interface RegionRuntime {
  readonly name: 'process' | 'docker';
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
  /** Every stack this runtime instance owns (by label). */
  listOwnedStacks(): Promise<OwnedResources['stacks']>;
  /** Removes owned stacks whose region id is not in `keepRegionIds`; returns their region ids. */
  removeOrphanStacks(keepRegionIds: ReadonlySet<string>): Promise<string[]>;
  /** Releases runtime resources (does NOT stop region stacks: they outlive the orchestrator). */
  close(): Promise<void>;
}

type ProviderCalls = Pick<RegionDatabaseProvider, 'ensureDatabase' | 'databaseExists' | 'dropDatabase' | 'suspendDatabase'>;
type RuntimeCalls = Pick<RegionRuntime, 'ensureStack' | 'inspectStack' | 'updateStack' | 'stopStack' | 'stackStats'>;

/** The reconciler's handle: a runtime and the database provider its stacks use, with both parts' calls on it. */
export interface RegionRuntimeDriver extends ProviderCalls, RuntimeCalls {
  readonly name: 'process' | 'docker';
  readonly runtime: RegionRuntime;
  readonly databases: RegionDatabaseProvider;
  /** Every stack and database this driver instance owns (by label / comment). */
  listOwned(): Promise<OwnedResources>;
  /** Removes owned stacks and databases whose region id is not in `keepRegionIds`. */
  removeOrphans(keepRegionIds: ReadonlySet<string>): Promise<{ stacks: string[]; databases: string[] }>;
  /** Releases driver resources (does NOT stop region stacks: they outlive the orchestrator). */
  close(): Promise<void>;
}

/** One driver from a runtime and a database provider (process driver: supervised processes + the hub server). */
export function composeDriver(runtime: RegionRuntime, databases: RegionDatabaseProvider): RegionRuntimeDriver {
  return {
    name: runtime.name,
    runtime,
    databases,
    ensureDatabase: (ref) => databases.ensureDatabase(ref),
    databaseExists: (dbName) => databases.databaseExists(dbName),
    dropDatabase: (ref) => databases.dropDatabase(ref),
    suspendDatabase: (regionId) => databases.suspendDatabase(regionId),
    ensureStack: (spec, previous) => runtime.ensureStack(spec, previous),
    inspectStack: (regionId, previous) => runtime.inspectStack(regionId, previous),
    updateStack: (spec, previous) => runtime.updateStack(spec, previous),
    stopStack: (regionId, previous) => runtime.stopStack(regionId, previous),
    stackStats: (regionId, previous) => runtime.stackStats(regionId, previous),
    async listOwned() {
      const [stacks, dbs] = await Promise.all([runtime.listOwnedStacks(), databases.listOwnedDatabases()]);
      return { stacks, databases: dbs };
    },
    async removeOrphans(keep) {
      // Stacks first: a region-server must not outlive the database it serves.
      const stacks = await runtime.removeOrphanStacks(keep);
      return { stacks, databases: await databases.removeOrphanDatabases(keep) };
    },
    async close() {
      await Promise.all([runtime.close(), databases.close()]);
    },
  };
}

/**
 * The two parts of a driver that implements both in one object (the docker driver: a region's Postgres container
 * lives on its stack's network), as views over its calls.
 */
export function partsOf(d: Omit<RegionRuntimeDriver, 'runtime' | 'databases'>, providerName: string): { runtime: RegionRuntime; databases: RegionDatabaseProvider } {
  const databases: RegionDatabaseProvider = {
    name: providerName,
    ensureDatabase: (ref) => d.ensureDatabase(ref),
    databaseExists: (dbName) => d.databaseExists(dbName),
    dropDatabase: (ref) => d.dropDatabase(ref),
    suspendDatabase: (regionId) => d.suspendDatabase(regionId),
    listOwnedDatabases: async () => (await d.listOwned()).databases,
    async removeOrphanDatabases(keep) {
      const removed: string[] = [];
      for (const db of (await d.listOwned()).databases) {
        if (db.regionId && keep.has(db.regionId)) continue;
        if ((await d.dropDatabase({ dbName: db.dbName, roleName: db.dbName })).dropped) removed.push(db.dbName);
      }
      return removed;
    },
    close: () => Promise.resolve(),
  };
  const runtime: RegionRuntime = {
    name: d.name,
    ensureStack: (spec, previous) => d.ensureStack(spec, previous),
    inspectStack: (regionId, previous) => d.inspectStack(regionId, previous),
    updateStack: (spec, previous) => d.updateStack(spec, previous),
    stopStack: (regionId, previous) => d.stopStack(regionId, previous),
    stackStats: (regionId, previous) => d.stackStats(regionId, previous),
    listOwnedStacks: async () => (await d.listOwned()).stacks,
    async removeOrphanStacks(keep) {
      const removed: string[] = [];
      for (const s of await runtime.listOwnedStacks()) {
        if (keep.has(s.regionId)) continue;
        if ((await d.stopStack(s.regionId, null)).stopped) removed.push(s.regionId);
      }
      return removed;
    },
    close: () => Promise.resolve(),
  };
  return { runtime, databases };
}

/** Deterministic database / role name of a region: `region_<first 12 hex of its id>`. */
export function regionDbName(regionId: string): string {
  return `region_${regionId.replaceAll('-', '').slice(0, 12).toLowerCase()}`;
}
