/**
 * `docker` runtime driver: each player region is a stack of three containers built from the
 * region template, on its own bridge network 172.22.<x>.0/24:
 *
 *   swr-<short>-db      region Postgres (named volume swr-<short>-pgdata); ensureDatabase creates the region's
 *                       database and role INSIDE it, through its 5432 published on 127.0.0.1 (random host port)
 *   swr-<short>-cache   region Redis (no persistence, maxmemory)
 *   swr-<short>-server  region-server (orchestrator/src/drivers/docker/region-entry.ts) with the region's
 *                       NanoCpus and Memory(+MemorySwap = no swap) limits, a health check (GET /health), restart
 *                       policy unless-stopped, and StorageOpt.size when the engine supports it
 *
 * How the orchestrator reaches a region: by default (`endpointMode: 'published'`) the region-server's 4002 is
 * published on 127.0.0.1 with a random host port and the endpoint is http://127.0.0.1:<port> — works for an
 * orchestrator on the host, on Linux and Docker Desktop alike, and nothing is exposed beyond loopback. When the
 * orchestrator itself runs in a container (docker-compose.multi-regional.yml), set `sharedNetwork` (env
 * SW_DOCKER_SHARED_NETWORK, e.g. the compose project's regional_network): the server and db containers are also
 * attached to it and endpoints / database URLs use the container names (http://swr-<short>-server:4002).
 *
 * Ownership: every object carries the io.sectorwars.* labels (docker-labels.ts) including this driver's
 * `instance`; reconciliation lists by label and never trusts remembered ids, so a new driver instance after a
 * crash adopts what exists (deterministic names make a second create fail with 409 instead of duplicating).
 *
 * Limits: updateStack changes NanoCpus / Memory / MemorySwap LIVE through container.update (Resources only,
 * Memory and MemorySwap together, so the container cannot swap past its limit). CPU is clamped to the engine's CPU count (the engine
 * refuses more); the requested value stays in `limits`, the applied one in `cpuApplied`. Storage: StorageOpt.size is
 * create-time only and needs overlay2 on XFS with pquota (or btrfs / zfs / devicemapper); elsewhere the stack
 * runs without it and the observed record says `storage_limit: 'unsupported'`.
 */
import { createHmac } from 'node:crypto';
import Docker from 'dockerode';
import postgres from 'postgres';
import type { ProcessExit } from '@sw/domain';
import { partsOf } from '../driver.ts';
import type {
  DatabaseRef,
  EnsureStackResult,
  OwnedResources,
  RegionRuntimeDriver,
  StackObserved,
  StackSpec,
  StackStats,
  StackStatus,
} from '../driver.ts';
import { DB_COMMENT_PREFIX, dropDbAndRole, ensureDb, ensureRole, regionDatabaseUrl } from '../process/pg-admin.ts';
import { probeHealth } from '../../http/probe-health.ts';
import { regionServerVariables } from '../region-server-env.ts';
import { relativeUsage, type DockerStatsSample } from './container-stats.ts';
import { LABEL, MANAGED_BY, labelFilter, objectName, type StackRole } from './docker-labels.ts';
import { createEngineWatcher, type EngineWatcher, type EngineWatcherOptions } from './engine-watcher.ts';
import { resolveDockerAdminSecret } from './admin-secret.ts';
import { pickRegionSubnetIndex, regionSubnet, usedRegionSubnetIndexes } from './subnet-allocator.ts';

export const REGION_SERVER_PORT = 4002;
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export interface DockerDriverImages {
  regionServer: string;
  postgres: string;
  redis: string;
}

export interface DockerDriverOptions {
  /** Engine client; default `new Docker()` (DOCKER_HOST or /var/run/docker.sock), no global timeout. */
  docker?: Docker;
  images: DockerDriverImages;
  /** Command of the region-server container (default: the image's CMD, region-entry.ts in region-server.Dockerfile). */
  regionServerCmd?: string[];
  /** Ownership label value; only objects carrying it are listed / removed (tests use a unique one). */
  instance?: string;
  /** Secret from which each region Postgres superuser password is derived (HMAC of instance + region id). */
  adminSecret?: string;
  /** How long ensureStack / ensureDatabase wait for readiness (default 90 s). */
  startTimeoutMs?: number;
  endpointMode?: 'published' | 'network';
  /** Network the server and db containers also join in `network` mode. */
  sharedNetwork?: string;
  /** Fixed limits of the region Postgres / Redis containers. */
  dbMemoryMb?: number;
  dbCpu?: number;
  cacheMemoryMb?: number;
  /** Extra env for region-servers. */
  extraEnv?: Record<string, string>;
  /** Per-call timeout for request/response engine calls (default 30 s); the events stream has none. */
  callTimeoutMs?: number;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

/** What the docker driver records in regions.runtime_observed (a StackObserved plus docker details). */
export interface DockerStackObserved extends StackObserved {
  driver: 'docker';
  containerId: string;
  containerName: string;
  network: string;
  subnet: string;
  /** vCPUs actually set as NanoCpus (the request clamped to the engine's CPU count). */
  cpuApplied: number;
  storage_limit: 'applied' | 'unsupported';
}

export interface DockerDriver extends RegionRuntimeDriver {
  readonly name: 'docker';
  readonly docker: Docker;
  readonly instance: string;
  /** Starts an events watcher for this driver's containers (see engine-watcher.ts). */
  watchEngine(opts: Omit<EngineWatcherOptions, 'docker' | 'instance'>): EngineWatcher;
  /** Whether StorageOpt.size is applied on this engine (detected once). */
  storageSupport(): Promise<'applied' | 'unsupported'>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statusOf = (err: unknown) => (err as { statusCode?: number })?.statusCode;

type ContainerInfo = Docker.ContainerInspectInfo;

export function createDockerDriver(opts: DockerDriverOptions): DockerDriver {
  const docker = opts.docker ?? new Docker();
  const instance = opts.instance ?? 'default';
  const adminSecret = resolveDockerAdminSecret(opts.adminSecret);
  const startTimeoutMs = opts.startTimeoutMs ?? 90_000;
  const callTimeoutMs = opts.callTimeoutMs ?? 30_000;
  const endpointMode = opts.endpointMode ?? (opts.sharedNetwork ? 'network' : 'published');
  const log = opts.log ?? (() => {});
  const admins = new Map<string, { port: string; sql: postgres.Sql }>();
  const watchers = new Set<EngineWatcher>();
  let engineInfo: Promise<{ ncpu: number; storage: 'applied' | 'unsupported' }> | null = null;
  let storageRejected = false;

  /** Per-call timeout for request/response engine calls (inspect has been seen to hang — dockerode #78). */
  async function call<T>(what: string, p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        p,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`docker ${what} timed out after ${callTimeoutMs} ms`)), callTimeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  function info() {
    engineInfo ??= call('info', docker.info()).then((i: { NCPU?: number; Driver?: string; DriverStatus?: string[][] }) => {
      const backing = (i.DriverStatus ?? []).find((r) => r[0] === 'Backing Filesystem')?.[1] ?? '';
      const driver = i.Driver ?? '';
      const storage = (driver === 'overlay2' && backing === 'xfs') || ['btrfs', 'zfs', 'devicemapper'].includes(driver) ? 'applied' : 'unsupported';
      if (storage === 'unsupported') {
        log('storage limits unsupported on this engine; regions run without StorageOpt.size (runtime_observed.storage_limit = unsupported)', { storageDriver: driver, backingFilesystem: backing });
      }
      return { ncpu: i.NCPU ?? 1, storage: storage as 'applied' | 'unsupported' };
    });
    return engineInfo;
  }

  const labels = (regionId: string, role: StackRole | 'net' | 'pgdata', extra: Record<string, string> = {}) => ({
    [LABEL.managedBy]: MANAGED_BY,
    [LABEL.instance]: instance,
    [LABEL.regionId]: regionId,
    [LABEL.role]: role,
    ...extra,
  });

  const adminPassword = (regionId: string) => createHmac('sha256', adminSecret).update(`region-pg:${instance}:${regionId}`).digest('hex').slice(0, 32);

  async function listRegion(regionId: string, role?: StackRole): Promise<Docker.ContainerInfo[]> {
    const extra: Record<string, string> = { [LABEL.regionId]: regionId };
    if (role) extra[LABEL.role] = role;
    return await call('list', docker.listContainers({ all: true, filters: { label: labelFilter(instance, extra) } }));
  }

  async function inspect(id: string): Promise<ContainerInfo | null> {
    try {
      return await call('inspect', docker.getContainer(id).inspect());
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  async function removeContainer(id: string): Promise<void> {
    const c = docker.getContainer(id);
    try {
      await call('stop', c.stop({ t: 5 }));
    } catch (err) {
      if (![304, 404].includes(statusOf(err) ?? 0)) log('stop failed; forcing removal', { id, err: String(err) });
    }
    try {
      await call('remove', c.remove({ force: true, v: false }));
    } catch (err) {
      if (statusOf(err) !== 404 && statusOf(err) !== 409) throw err; // 409: removal already in progress
    }
    for (let i = 0; i < 50 && (await inspect(id)); i++) await sleep(100);
  }

  function hostPort(info: ContainerInfo, containerPort: number): string | null {
    const b = (info.NetworkSettings.Ports as Record<string, Array<{ HostIp: string; HostPort: string }> | null>)?.[`${containerPort}/tcp`];
    return b?.find((x) => x.HostIp === '127.0.0.1' || x.HostIp === '0.0.0.0')?.HostPort ?? b?.[0]?.HostPort ?? null;
  }

  function serverEndpoint(info: ContainerInfo): string | null {
    if (endpointMode === 'network') return `http://${info.Name.replace(/^\//, '')}:${REGION_SERVER_PORT}`;
    const port = hostPort(info, REGION_SERVER_PORT);
    return port ? `http://127.0.0.1:${port}` : null;
  }

  // ---- network ---------------------------------------------------------------------------------------------

  async function ensureNetwork(regionId: string): Promise<{ name: string; subnet: string }> {
    const name = objectName(instance, regionId, 'net');
    for (let attempt = 0; attempt < 8; attempt++) {
      const mine = await call('listNetworks', docker.listNetworks({ filters: { name: [name] } }));
      const exact = mine.find((n) => n.Name === name);
      if (exact) {
        const full = await call('inspectNetwork', docker.getNetwork(exact.Id).inspect());
        return { name, subnet: full.IPAM?.Config?.[0]?.Subnet ?? '' };
      }
      const all = await call('listNetworks', docker.listNetworks());
      const cidrs = all.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean));
      const index = pickRegionSubnetIndex(regionId, usedRegionSubnetIndexes(cidrs));
      if (index == null) throw new Error('no free 172.22.x.0/24 region subnet left on this engine');
      const { subnet, gateway } = regionSubnet(index);
      try {
        await call(
          'createNetwork',
          docker.createNetwork({
            Name: name,
            Driver: 'bridge',
            CheckDuplicate: true,
            IPAM: { Driver: 'default', Config: [{ Subnet: subnet, Gateway: gateway }] },
            Labels: labels(regionId, 'net', { [LABEL.subnetIndex]: String(index) }),
          }),
        );
        log('region network created', { regionId, name, subnet });
        return { name, subnet };
      } catch (err) {
        // 409 = same name created by a racer (loop adopts it); "Pool overlaps" = subnet taken meanwhile (loop re-picks).
        const msg = String((err as Error)?.message ?? err);
        if (statusOf(err) === 409 || /overlap/i.test(msg)) {
          await sleep(50 + Math.random() * 100);
          continue;
        }
        throw err;
      }
    }
    throw new Error(`could not create network ${name} (subnet races)`);
  }

  async function removeNetwork(regionId: string): Promise<void> {
    const nets = await call('listNetworks', docker.listNetworks({ filters: { label: labelFilter(instance, { [LABEL.regionId]: regionId }) } }));
    for (const n of nets) {
      try {
        await call('removeNetwork', docker.getNetwork(n.Id).remove());
      } catch (err) {
        if (statusOf(err) !== 404) log('network removal failed', { network: n.Name, err: String(err) });
      }
    }
  }

  // ---- containers ------------------------------------------------------------------------------------------

  /** Creates a container by deterministic name; on 409 (exists) returns the existing one if it is ours. */
  async function createOrAdopt(name: string, regionId: string, role: StackRole, body: Docker.ContainerCreateOptions): Promise<{ id: string; created: boolean }> {
    try {
      const c = await call('create', docker.createContainer({ ...body, name }));
      return { id: c.id, created: true };
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
      const existing = await inspect(name);
      if (!existing) throw err;
      const l = existing.Config.Labels ?? {};
      if (l[LABEL.managedBy] !== MANAGED_BY || l[LABEL.regionId] !== regionId || l[LABEL.role] !== role || l[LABEL.instance] !== instance) {
        throw new Error(`container name ${name} is taken by an object that is not this region's ${role}`);
      }
      return { id: existing.Id, created: false };
    }
  }

  async function startIfNeeded(id: string): Promise<void> {
    try {
      await call('start', docker.getContainer(id).start());
    } catch (err) {
      if (statusOf(err) !== 304) throw err; // 304 = already started
    }
  }

  async function connectShared(id: string): Promise<void> {
    if (!opts.sharedNetwork) return;
    try {
      await call('connect', docker.getNetwork(opts.sharedNetwork).connect({ Container: id }));
    } catch (err) {
      if (!/already exists|already attached/i.test(String((err as Error)?.message))) throw err;
    }
  }

  async function ensureDbContainer(regionId: string, dbName: string | null): Promise<{ id: string; info: ContainerInfo }> {
    const net = await ensureNetwork(regionId);
    const found = await listRegion(regionId, 'db');
    let id = found[0]?.Id;
    for (const extra of found.slice(1)) await removeContainer(extra.Id); // never two databases for a region
    if (!id) {
      const name = objectName(instance, regionId, 'db');
      const volume = objectName(instance, regionId, 'pgdata');
      try {
        await call('createVolume', docker.createVolume({ Name: volume, Labels: labels(regionId, 'pgdata') }));
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
      }
      const res = await createOrAdopt(name, regionId, 'db', {
        Image: opts.images.postgres,
        Cmd: ['postgres', '-c', 'shared_buffers=32MB', '-c', 'max_connections=40', '-c', 'jit=off'],
        Env: ['POSTGRES_USER=postgres', `POSTGRES_PASSWORD=${adminPassword(regionId)}`, 'PGDATA=/var/lib/postgresql/data'],
        Labels: labels(regionId, 'db', dbName ? { [LABEL.dbName]: dbName } : {}),
        ExposedPorts: { '5432/tcp': {} },
        StopSignal: 'SIGINT',
        StopTimeout: 10,
        Healthcheck: { Test: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'postgres'], Interval: 2e9, Timeout: 2e9, Retries: 5, StartPeriod: 60e9 },
        HostConfig: {
          NetworkMode: net.name,
          PortBindings: { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
          Binds: [`${volume}:/var/lib/postgresql/data`],
          NanoCpus: Math.round((opts.dbCpu ?? 1) * 1e9),
          Memory: (opts.dbMemoryMb ?? 512) * MiB,
          MemorySwap: (opts.dbMemoryMb ?? 512) * MiB,
          RestartPolicy: { Name: 'unless-stopped' },
          LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '2' } },
        },
        NetworkingConfig: { EndpointsConfig: { [net.name]: { Aliases: ['db'] } } },
      });
      id = res.id;
      if (res.created) log('region db container created', { regionId, name });
    }
    await connectShared(id);
    await startIfNeeded(id);
    const info = await inspect(id);
    if (!info) throw new Error(`db container of ${regionId} vanished`);
    return { id, info };
  }

  /** Superuser connection to the region Postgres (re-opened when its published port changed). */
  async function adminFor(regionId: string, info: ContainerInfo): Promise<postgres.Sql> {
    const host = endpointMode === 'network' ? info.Name.replace(/^\//, '') : '127.0.0.1';
    const port = endpointMode === 'network' ? '5432' : hostPort(info, 5432);
    if (!port) throw new Error(`db container of ${regionId} has no published port`);
    const key = `${host}:${port}`;
    const cur = admins.get(regionId);
    if (cur?.port === key) return cur.sql;
    if (cur) await cur.sql.end({ timeout: 1 }).catch(() => {});
    const sql = postgres({ host, port: Number(port), user: 'postgres', password: adminPassword(regionId), database: 'postgres', max: 2, idle_timeout: 5, connect_timeout: 3, onnotice: () => {} });
    admins.set(regionId, { port: key, sql });
    return sql;
  }

  async function closeAdmin(regionId: string) {
    const cur = admins.get(regionId);
    admins.delete(regionId);
    await cur?.sql.end({ timeout: 1 }).catch(() => {});
  }

  /** Waits until the region Postgres accepts the superuser (initdb runs on first start). */
  async function waitForDb(regionId: string, id: string): Promise<postgres.Sql> {
    const deadline = Date.now() + startTimeoutMs;
    let lastErr: unknown = null;
    while (Date.now() < deadline) {
      const info = await inspect(id);
      if (!info) throw new Error(`db container of ${regionId} vanished while starting`);
      if (!info.State.Running && info.State.Status === 'exited') throw new Error(`db container of ${regionId} exited (${info.State.ExitCode}): ${await logsTail(id)}`);
      try {
        const sql = await adminFor(regionId, info);
        await sql`SELECT 1`;
        return sql;
      } catch (err) {
        lastErr = err;
        await sleep(150);
      }
    }
    throw new Error(`region Postgres of ${regionId} not ready after ${startTimeoutMs} ms: ${String(lastErr)}`);
  }

  async function logsTail(id: string): Promise<string> {
    try {
      const buf = (await call('logs', docker.getContainer(id).logs({ stdout: true, stderr: true, tail: 30 }))) as unknown as Buffer;
      // Non-TTY logs are multiplexed with 8-byte frame headers; strip them for a readable tail.
      let out = '';
      for (let i = 0; i + 8 <= buf.length; ) {
        const len = buf.readUInt32BE(i + 4);
        out += buf.subarray(i + 8, i + 8 + len).toString('utf8');
        i += 8 + len;
      }
      return out.slice(-1500);
    } catch {
      return '';
    }
  }

  async function ensureCache(regionId: string, network: string): Promise<string> {
    const found = await listRegion(regionId, 'cache');
    for (const extra of found.slice(1)) await removeContainer(extra.Id);
    let id = found[0]?.Id;
    if (!id) {
      const mb = opts.cacheMemoryMb ?? 64;
      const res = await createOrAdopt(objectName(instance, regionId, 'cache'), regionId, 'cache', {
        Image: opts.images.redis,
        Cmd: ['redis-server', '--save', '', '--appendonly', 'no', '--maxmemory', `${Math.floor(mb * 0.75)}mb`, '--maxmemory-policy', 'allkeys-lru'],
        Labels: labels(regionId, 'cache'),
        Healthcheck: { Test: ['CMD', 'redis-cli', 'ping'], Interval: 5e9, Timeout: 2e9, Retries: 3, StartPeriod: 10e9 },
        HostConfig: {
          NetworkMode: network,
          NanoCpus: 250_000_000,
          Memory: mb * MiB,
          MemorySwap: mb * MiB,
          RestartPolicy: { Name: 'unless-stopped' },
          LogConfig: { Type: 'json-file', Config: { 'max-size': '5m', 'max-file': '1' } },
        },
        NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: ['cache'] } } },
      });
      id = res.id;
    }
    await startIfNeeded(id);
    return id;
  }

  async function serverResources(spec: Pick<StackSpec, 'cpu' | 'memoryGb'>) {
    const { ncpu } = await info();
    const cpuApplied = Math.min(spec.cpu, ncpu);
    const memory = Math.round(spec.memoryGb * GiB);
    return { cpuApplied, NanoCpus: Math.round(cpuApplied * 1e9), Memory: memory, MemorySwap: memory };
  }

  function limitsOf(spec: StackSpec) {
    return { cpu: spec.cpu, memoryGb: spec.memoryGb, storageGb: spec.storageGb, maxPlayers: spec.maxPlayers, generation: spec.generation };
  }

  async function createServer(spec: StackSpec, network: { name: string; subnet: string }): Promise<{ id: string; storage: 'applied' | 'unsupported'; cpuApplied: number }> {
    const name = objectName(instance, spec.regionId, 'server');
    const dbUrl = new URL(spec.databaseUrl);
    dbUrl.hostname = objectName(instance, spec.regionId, 'db');
    dbUrl.port = '5432';
    const res = await serverResources(spec);
    const heapMb = Math.max(128, Math.floor(spec.memoryGb * 1024 * 0.75));
    let storage = storageRejected ? 'unsupported' : (await info()).storage;
    const body = (withStorage: boolean): Docker.ContainerCreateOptions => ({
      Image: opts.images.regionServer,
      Cmd: opts.regionServerCmd,
      Env: [
        // The same explicit variables as the process driver (region-server-env.ts), plus the container's own.
        ...Object.entries(regionServerVariables(spec, dbUrl.toString())).map(([k, v]) => `${k}=${v}`),
        `REGION_REDIS_URL=redis://${objectName(instance, spec.regionId, 'cache')}:6379`,
        `REGION_SERVER_PORT=${REGION_SERVER_PORT}`,
        `NODE_OPTIONS=--max-old-space-size=${heapMb}`,
        ...Object.entries(opts.extraEnv ?? {}).map(([k, v]) => `${k}=${v}`),
      ],
      Labels: labels(spec.regionId, 'server', { [LABEL.regionName]: spec.regionName, [LABEL.generation]: String(spec.generation) }),
      ExposedPorts: { [`${REGION_SERVER_PORT}/tcp`]: {} },
      StopTimeout: 10,
      Healthcheck: {
        Test: ['CMD', 'node', '-e', `fetch('http://127.0.0.1:${REGION_SERVER_PORT}/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`],
        Interval: 5e9,
        Timeout: 3e9,
        Retries: 3,
        StartPeriod: 60e9,
      },
      HostConfig: {
        NetworkMode: network.name,
        PortBindings: endpointMode === 'published' ? { [`${REGION_SERVER_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] } : undefined,
        NanoCpus: res.NanoCpus,
        Memory: res.Memory,
        MemorySwap: res.MemorySwap,
        PidsLimit: 512,
        RestartPolicy: { Name: 'unless-stopped' },
        StorageOpt: withStorage ? { size: `${spec.storageGb}G` } : undefined,
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '2' } },
      },
      NetworkingConfig: { EndpointsConfig: { [network.name]: { Aliases: ['server'] } } },
    });
    let created: { id: string; created: boolean };
    try {
      created = await createOrAdopt(name, spec.regionId, 'server', body(storage === 'applied'));
    } catch (err) {
      if (storage === 'applied' && /storage-opt|storage opt|pquota|quota/i.test(String((err as Error)?.message))) {
        storageRejected = true; // overlay2 on xfs mounted without pquota: run without, and say so
        storage = 'unsupported';
        log('engine refused StorageOpt.size; storage limit unsupported', { err: String(err) });
        created = await createOrAdopt(name, spec.regionId, 'server', body(false));
      } else throw err;
    }
    await connectShared(created.id);
    await startIfNeeded(created.id);
    return { id: created.id, storage, cpuApplied: res.cpuApplied };
  }

  function observedFrom(spec: StackSpec, c: ContainerInfo, network: { name: string; subnet: string }, storage: 'applied' | 'unsupported', previous: StackObserved | null): DockerStackObserved {
    const endpoint = serverEndpoint(c) ?? '';
    const same = (previous as DockerStackObserved | null)?.containerId === c.Id;
    return {
      driver: 'docker',
      regionId: spec.regionId,
      endpoint,
      port: Number(new URL(endpoint).port) || REGION_SERVER_PORT,
      startedAt: same && previous ? previous.startedAt : new Date(c.State.StartedAt || Date.now()).toISOString(),
      limits: same && previous ? previous.limits : limitsOf(spec),
      pendingLimits: same && previous ? (previous.pendingLimits ?? null) : null,
      instance,
      containerId: c.Id,
      containerName: c.Name.replace(/^\//, ''),
      network: network.name,
      subnet: network.subnet,
      cpuApplied: (c.HostConfig.NanoCpus ?? 0) / 1e9,
      storage_limit: c.HostConfig.StorageOpt?.size ? 'applied' : storage === 'applied' ? 'applied' : 'unsupported',
    };
  }

  /** Waits for the server's /health (regionId match, status ok); throws with the log tail when it exits. */
  async function waitHealthy(regionId: string, id: string, timeoutMs: number): Promise<ContainerInfo | null> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const c = await inspect(id);
      if (!c) return null;
      if (c.State.Status === 'exited' || c.State.Status === 'dead') return null;
      const endpoint = serverEndpoint(c);
      if (endpoint && c.State.Running) {
        const h = await probeHealth(endpoint, 1_000);
        if (h?.regionId === regionId && h.status === 'ok') return c;
      }
      await sleep(150);
    }
    return null;
  }

  const core: Omit<DockerDriver, 'runtime' | 'databases'> = {
    name: 'docker',
    docker,
    instance,

    async ensureDatabase(ref: DatabaseRef) {
      const { id } = await ensureDbContainer(ref.regionId, ref.dbName);
      const sql = await waitForDb(ref.regionId, id);
      await ensureRole(sql, ref.roleName, ref.password);
      const created = await ensureDb(sql, ref.dbName, ref.roleName, `${DB_COMMENT_PREFIX}:${instance}:${ref.regionId}`);
      const info = (await inspect(id))!;
      const base = endpointMode === 'network' ? `postgres://postgres@${info.Name.replace(/^\//, '')}:5432/postgres` : `postgres://postgres@127.0.0.1:${hostPort(info, 5432)}/postgres`;
      return { url: regionDatabaseUrl(base, ref.dbName, ref.roleName, ref.password), created };
    },

    async databaseExists(dbName: string) {
      const found = await call('list', docker.listContainers({ all: true, filters: { label: labelFilter(instance, { [LABEL.role]: 'db', [LABEL.dbName]: dbName }) } }));
      const c = found[0];
      if (!c) return false;
      const regionId = c.Labels[LABEL.regionId]!;
      await startIfNeeded(c.Id);
      const sql = await waitForDb(regionId, c.Id);
      const rows = await sql`SELECT 1 FROM pg_database WHERE datname = ${dbName}`;
      return rows.length > 0;
    },

    async dropDatabase(ref) {
      const found = await call('list', docker.listContainers({ all: true, filters: { label: labelFilter(instance, { [LABEL.role]: 'db', [LABEL.dbName]: ref.dbName }) } }));
      if (found.length === 0) return { dropped: false };
      let dropped = false;
      for (const c of found) {
        const regionId = c.Labels[LABEL.regionId]!;
        try {
          await startIfNeeded(c.Id);
          const sql = await waitForDb(regionId, c.Id);
          dropped = (await dropDbAndRole(sql, ref.dbName, ref.roleName)) || dropped;
        } finally {
          await closeAdmin(regionId);
        }
        // The region's Postgres exists only for this database: remove it, its volume, and (when the stack is gone) the network.
        await removeContainer(c.Id);
        await removeVolume(regionId);
        if ((await listRegion(regionId)).length === 0) await removeNetwork(regionId);
      }
      return { dropped };
    },

    async suspendDatabase(regionId: string) {
      // Hibernated / tombstoned (docs/rules/hibernation.md): the region's Postgres container is STOPPED, never removed;
      // its volume keeps the data and ensureDatabase / ensureStack start the same container again (startIfNeeded).
      // Restart policy unless-stopped: an explicitly stopped container stays stopped, also across an engine restart.
      await closeAdmin(regionId);
      let stopped = false;
      for (const c of await listRegion(regionId, 'db')) {
        if (c.State !== 'running' && c.State !== 'restarting') continue;
        try {
          await call('stop', docker.getContainer(c.Id).stop({ t: 10 }));
          stopped = true;
        } catch (err) {
          if (![304, 404].includes(statusOf(err) ?? 0)) throw err; // 304: already stopped
        }
      }
      return { stopped };
    },

    async ensureStack(spec: StackSpec, previous: StackObserved | null): Promise<EnsureStackResult> {
      const network = await ensureNetwork(spec.regionId);
      const db = await ensureDbContainer(spec.regionId, null);
      await ensureCache(spec.regionId, network.name);
      const storage = storageRejected ? 'unsupported' : (await info()).storage;
      const servers = await listRegion(spec.regionId, 'server');
      const prevId = (previous as DockerStackObserved | null)?.containerId;
      servers.sort((a, b) => Number(b.Id === prevId) - Number(a.Id === prevId));
      let adopted: ContainerInfo | null = null;
      for (const s of servers) {
        if (!adopted && s.State === 'running') {
          // A server that is still starting (migrating) gets the start timeout before it is replaced.
          adopted = await waitHealthy(spec.regionId, s.Id, startTimeoutMs);
          if (adopted) continue;
        }
        log('removing duplicate or unhealthy region-server container', { regionId: spec.regionId, id: s.Id, state: s.State });
        await removeContainer(s.Id);
      }
      if (adopted) return { observed: observedFrom(spec, adopted, network, storage, previous), action: 'adopted' };
      await waitForDb(spec.regionId, db.id);
      const created = await createServer(spec, network);
      const ready = await waitHealthy(spec.regionId, created.id, startTimeoutMs);
      if (!ready) {
        const tail = await logsTail(created.id);
        const st = await inspect(created.id);
        throw new Error(`region-server container for ${spec.regionId} did not become healthy (${st?.State.Status ?? 'gone'}, exit ${st?.State.ExitCode ?? '?'}); log tail: ${tail}`);
      }
      log('region-server container started', { regionId: spec.regionId, id: created.id });
      const observed = observedFrom(spec, ready, network, created.storage, null);
      observed.limits = limitsOf(spec);
      return { observed, action: previous ? 'restarted' : 'started' };
    },

    async inspectStack(regionId: string, previous: StackObserved | null): Promise<StackStatus> {
      const servers = await listRegion(regionId, 'server');
      const prevId = (previous as DockerStackObserved | null)?.containerId;
      const s = servers.find((x) => x.Id === prevId) ?? servers.find((x) => x.State === 'running') ?? servers[0];
      if (!s) return { running: false, healthy: false, endpoint: null, exit: null, observed: previous };
      const c = await inspect(s.Id);
      if (!c) return { running: false, healthy: false, endpoint: null, exit: null, observed: previous };
      const exit: ProcessExit | null = c.State.Running ? null : { code: c.State.ExitCode ?? null, signal: null, oom: Boolean(c.State.OOMKilled) };
      const endpoint = serverEndpoint(c);
      if (!c.State.Running) return { running: false, healthy: false, endpoint, exit, observed: previous };
      const h = endpoint ? await probeHealth(endpoint, 2_000) : null;
      return { running: true, healthy: h?.regionId === regionId && h.status === 'ok', endpoint, exit: null, observed: previous };
    },

    async updateStack(spec: StackSpec, previous: StackObserved) {
      const servers = await listRegion(spec.regionId, 'server');
      const prevId = (previous as DockerStackObserved).containerId;
      const s = servers.find((x) => x.Id === prevId) ?? servers[0];
      const limits = limitsOf(spec);
      if (!s) return { observed: { ...previous, pendingLimits: limits }, applied: 'next_restart' as const };
      const res = await serverResources(spec);
      // Resources only (+ RestartPolicy, which Podman 5 resets when omitted); Memory and MemorySwap together.
      await call('update', docker.getContainer(s.Id).update({ NanoCpus: res.NanoCpus, Memory: res.Memory, MemorySwap: res.MemorySwap, RestartPolicy: { Name: 'unless-stopped' } }));
      const c = await inspect(s.Id);
      if (!c || c.HostConfig.NanoCpus !== res.NanoCpus || c.HostConfig.Memory !== res.Memory) {
        throw new Error(`container update of ${spec.regionId} did not take effect`);
      }
      // Storage (create-time only) and the V8 heap size follow on the next recreate; CPU / memory are live.
      const storageChanged = spec.storageGb !== previous.limits.storageGb;
      const observed: DockerStackObserved = {
        ...(previous as DockerStackObserved),
        limits,
        pendingLimits: storageChanged ? limits : null,
        cpuApplied: res.cpuApplied,
      };
      return { observed, applied: 'live' as const };
    },

    async stopStack(regionId: string) {
      const all = await listRegion(regionId);
      const servers = all.filter((c) => c.Labels[LABEL.role] === 'server');
      for (const c of all.filter((x) => x.Labels[LABEL.role] !== 'db')) await removeContainer(c.Id);
      return { stopped: servers.length > 0 };
    },

    async stackStats(regionId: string, previous: StackObserved | null): Promise<StackStats | null> {
      const servers = await listRegion(regionId, 'server');
      const prevId = (previous as DockerStackObserved | null)?.containerId;
      const s = servers.find((x) => x.Id === prevId && x.State === 'running') ?? servers.find((x) => x.State === 'running');
      if (!s) return null;
      const c = await inspect(s.Id);
      if (!c?.State.Running) return null;
      const sample = (await call('stats', docker.getContainer(s.Id).stats({ stream: false }))) as unknown as DockerStatsSample;
      const limits = previous ? (previous.pendingLimits ?? previous.limits) : null;
      const cpus = (c.HostConfig.NanoCpus ?? 0) / 1e9 || limits?.cpu || 1;
      const memoryBytes = limits ? limits.memoryGb * GiB : c.HostConfig.Memory || GiB;
      const u = relativeUsage(sample, { cpus, memoryBytes });
      return { at: Date.now(), cpuPct: u.cpuPct ?? 0, memPct: u.memPct, rssBytes: u.memUsedBytes };
    },

    async listOwned(): Promise<OwnedResources> {
      const all = await call('list', docker.listContainers({ all: true, filters: { label: labelFilter(instance) } }));
      const stacks: OwnedResources['stacks'] = [];
      const databases: OwnedResources['databases'] = [];
      for (const c of all) {
        const role = c.Labels[LABEL.role];
        const regionId = c.Labels[LABEL.regionId] ?? '';
        if (role === 'server') {
          const port = c.Ports.find((p) => p.PrivatePort === REGION_SERVER_PORT && p.PublicPort)?.PublicPort;
          const endpoint = endpointMode === 'network' ? `http://${c.Names[0]?.replace(/^\//, '')}:${REGION_SERVER_PORT}` : port ? `http://127.0.0.1:${port}` : undefined;
          stacks.push(endpoint ? { regionId, endpoint } : { regionId });
        } else if (role === 'db') {
          databases.push({ regionId: regionId || null, dbName: c.Labels[LABEL.dbName] ?? objectName(instance, regionId, 'db') });
        }
      }
      return { stacks, databases };
    },

    async removeOrphans(keep: ReadonlySet<string>) {
      const all = await call('list', docker.listContainers({ all: true, filters: { label: labelFilter(instance) } }));
      const stacks = new Set<string>();
      const databases: string[] = [];
      const regions = new Set<string>();
      for (const c of all) {
        const regionId = c.Labels[LABEL.regionId] ?? '';
        if (regionId && keep.has(regionId)) continue;
        const role = c.Labels[LABEL.role];
        if (role === 'server') stacks.add(regionId);
        if (role === 'db') databases.push(c.Labels[LABEL.dbName] ?? c.Names[0]?.replace(/^\//, '') ?? c.Id);
        if (role === 'db') await closeAdmin(regionId);
        await removeContainer(c.Id);
        if (regionId) regions.add(regionId);
      }
      // Volumes and networks of regions that are not kept (also those left without any container).
      const vols = await call('listVolumes', docker.listVolumes({ filters: { label: labelFilter(instance) } }));
      for (const v of vols.Volumes ?? []) {
        const regionId = v.Labels?.[LABEL.regionId] ?? '';
        if (!keep.has(regionId)) await removeVolume(regionId, v.Name);
      }
      const nets = await call('listNetworks', docker.listNetworks({ filters: { label: labelFilter(instance) } }));
      for (const n of nets) {
        const regionId = n.Labels?.[LABEL.regionId] ?? '';
        if (!keep.has(regionId)) await removeNetwork(regionId);
      }
      return { stacks: [...stacks], databases };
    },

    watchEngine(wopts) {
      const w = createEngineWatcher({ ...wopts, docker, instance });
      watchers.add(w);
      return w;
    },

    async storageSupport() {
      return storageRejected ? 'unsupported' : (await info()).storage;
    },

    async close() {
      for (const w of watchers) await w.stop();
      watchers.clear();
      for (const id of [...admins.keys()]) await closeAdmin(id);
    },
  };

  async function removeVolume(regionId: string, name = objectName(instance, regionId, 'pgdata')): Promise<void> {
    for (let i = 0; i < 20; i++) {
      try {
        await call('removeVolume', docker.getVolume(name).remove());
        return;
      } catch (err) {
        if (statusOf(err) === 404) return;
        if (statusOf(err) !== 409) throw err; // 409: still in use by a container being removed
        await sleep(100);
      }
    }
  }

  // Database provider and runtime as views: the region's Postgres container lives on its stack's network.
  const driver: DockerDriver = { ...core, ...partsOf(core, 'docker-postgres') };
  return driver;
}
