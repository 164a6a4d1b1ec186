/**
 * `process` runtime driver — the embedded default when no Docker engine answers.
 *
 * - Region DB: a new database `region_<shortid>` on the hub Postgres server, owned by a role of the
 *   same name with a random password (kept in region_databases by the reconciler).
 * - Region stack: one `region-server` child process, spawned DETACHED in its own process group with
 *   stdio going to a log file, so it survives an orchestrator crash. Its argv carries the labels
 *   `--sw-managed-by=sw-orchestrator --sw-instance=<instance> --sw-region-id=<id> --port=<port>`,
 *   which is how it is found again (no in-memory bookkeeping is trusted).
 * - Adoption after a restart: pid alive AND GET /health answers with the same regionId; otherwise the
 *   process is killed and started again.
 * - Limits: a process cannot enforce CPU or disk quotas. The memory limit is enforced by V8 through
 *   `--max-old-space-size=<memory_gb × 1024>` at (re)start; CPU / storage / max players are recorded,
 *   passed to the region-server as env, used by the autoscaler as the allowance, and take effect on the
 *   next restart (`updateStack` answers `next_restart`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { ProcessExit } from '@sw/domain';
import { composeDriver } from '../driver.ts';
import type { EnsureStackResult, OwnedResources, RegionRuntime, RegionRuntimeDriver, StackObserved, StackSpec, StackStats, StackStatus } from '../driver.ts';
import { argValue, findLabelledProcesses, isPidAlive, readCpuSeconds, readRssBytes } from './proc-fs.ts';
import { createServerDatabaseProvider } from './server-databases.ts';
import { probeHealth } from '../../http/probe-health.ts';
import { processRegionServerEnv } from '../region-server-env.ts';

export const MANAGED_BY = 'sw-orchestrator';
const REGION_SERVER_MAIN = path.resolve(import.meta.dirname, '../../region-server/main.ts');

export interface ProcessDriverOptions {
  /** Hub database URL; region databases are created on the same server. */
  hubUrl: string;
  /** Ownership label; only resources carrying it are listed / removed (tests use a unique one). */
  instance?: string;
  /** Folder for region-server logs (default <repo>/var/region-runtime). */
  stateDir?: string;
  /** How long ensureStack waits for /health (default 60 s: the server migrates its DB first). */
  startTimeoutMs?: number;
  /** Extra env for region-servers (e.g. short heartbeat timings in tests). */
  extraEnv?: Record<string, string>;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

interface Tracked {
  child: ChildProcess;
  exit: ProcessExit | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Creates a process driver: region-servers as supervised child processes (createProcessRuntime) over region
 * databases on the hub's Postgres server (createServerDatabaseProvider). `close()` releases its admin connection;
 * region-servers keep running.
 */
export function createProcessDriver(opts: ProcessDriverOptions): RegionRuntimeDriver {
  return composeDriver(createProcessRuntime(opts), createServerDatabaseProvider({ serverUrl: opts.hubUrl, ...(opts.instance ? { instance: opts.instance } : {}) }));
}

/** Region-servers as child processes in their own process groups, found again by their argv labels. */
export function createProcessRuntime(opts: Omit<ProcessDriverOptions, 'hubUrl'>): RegionRuntime {
  const instance = opts.instance ?? 'default';
  const stateDir = opts.stateDir ?? path.resolve(import.meta.dirname, '../../../../var/region-runtime');
  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  const log = opts.log ?? (() => {});
  const tracked = new Map<string, Tracked>(); // regionId -> child we spawned (exit info only)
  const lastCpu = new Map<number, { at: number; cpuS: number }>();

  const labels = (regionId?: string) => ({
    'sw-managed-by': MANAGED_BY,
    'sw-instance': instance,
    ...(regionId ? { 'sw-region-id': regionId } : {}),
  });

  function regionProcesses(regionId: string) {
    return findLabelledProcesses(labels(regionId)).map((p) => ({ pid: p.pid, port: Number(argValue(p.argv, 'port')) }));
  }

  async function killGroup(pid: number): Promise<void> {
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-pid, sig);
      } catch {
        try {
          process.kill(pid, sig);
        } catch {
          /* already gone */
        }
      }
    };
    signal('SIGTERM');
    for (let i = 0; i < 50 && isPidAlive(pid); i++) await sleep(100);
    if (isPidAlive(pid)) signal('SIGKILL');
    for (let i = 0; i < 50 && isPidAlive(pid); i++) await sleep(50);
  }

  async function spawnServer(spec: StackSpec): Promise<StackObserved> {
    mkdirSync(path.join(stateDir, 'logs'), { recursive: true });
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const logPath = path.join(stateDir, 'logs', `${spec.regionName}.log`);
      const fd = openSync(logPath, 'a');
      const maxOldSpaceMb = Math.round(spec.memoryGb * 1024);
      const child = spawn(
        process.execPath,
        [
          `--max-old-space-size=${maxOldSpaceMb}`,
          REGION_SERVER_MAIN,
          `--sw-managed-by=${MANAGED_BY}`,
          `--sw-instance=${instance}`,
          `--sw-region-id=${spec.regionId}`,
          `--port=${port}`,
        ],
        {
          detached: true,
          stdio: ['ignore', fd, fd],
          // An explicit, minimal environment: never the orchestrator's own (region-server-env.ts).
          env: processRegionServerEnv(spec, opts.extraEnv),
        },
      );
      closeSync(fd);
      const t: Tracked = { child, exit: null };
      tracked.set(spec.regionId, t);
      child.once('exit', (code, sig) => {
        t.exit = { code, signal: sig, oom: code === 134 ? readLogTail(logPath).includes('heap out of memory') : false };
      });
      child.unref();
      const pid = child.pid!;
      const endpoint = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + startTimeoutMs;
      while (Date.now() < deadline) {
        if (t.exit) break;
        const h = await probeHealth(endpoint, 1_000);
        if (h?.regionId === spec.regionId) {
          log('region-server started', { regionId: spec.regionId, pid, port });
          return {
            driver: 'process',
            regionId: spec.regionId,
            endpoint,
            pid,
            port,
            startedAt: new Date().toISOString(),
            limits: { cpu: spec.cpu, memoryGb: spec.memoryGb, storageGb: spec.storageGb, maxPlayers: spec.maxPlayers, generation: spec.generation },
            pendingLimits: null,
            instance,
          };
        }
        await sleep(100);
      }
      await killGroup(pid);
      const tail = readLogTail(logPath);
      if (attempt < 3 && tail.includes('EADDRINUSE')) continue; // lost the port race; pick another
      throw new Error(`region-server for ${spec.regionId} did not become healthy: ${t.exit ? `exited ${JSON.stringify(t.exit)}` : 'timeout'}; log tail: ${tail.slice(-500)}`);
    }
  }

  function readLogTail(file: string): string {
    try {
      return readFileSync(file, 'utf8').slice(-2000);
    } catch {
      return '';
    }
  }

  const runtime: RegionRuntime = {
    name: 'process',

    async ensureStack(spec: StackSpec, previous: StackObserved | null): Promise<EnsureStackResult> {
      const found = regionProcesses(spec.regionId);
      // Prefer the recorded pid, then any other labelled process of this region.
      found.sort((a, b) => Number(b.pid === previous?.pid) - Number(a.pid === previous?.pid));
      let adopted: StackObserved | null = null;
      for (const p of found) {
        const endpoint = `http://127.0.0.1:${p.port}`;
        let healthy = false;
        // A process that is still starting (migrating) gets the start timeout before it is replaced;
        // the recorded, once-healthy process only a short grace (it is hung, not starting).
        const deadline = Date.now() + (adopted ? 0 : p.pid === previous?.pid ? 3_000 : startTimeoutMs);
        while (!adopted) {
          const h = await probeHealth(endpoint, 1_000);
          if (h?.regionId === spec.regionId && h.status === 'ok') {
            healthy = true;
            break;
          }
          if (!isPidAlive(p.pid) || Date.now() > deadline) break;
          await sleep(200);
        }
        if (healthy && !adopted) {
          const limits = previous?.pid === p.pid ? previous.limits : { cpu: spec.cpu, memoryGb: spec.memoryGb, storageGb: spec.storageGb, maxPlayers: spec.maxPlayers, generation: spec.generation };
          adopted = {
            driver: 'process',
            regionId: spec.regionId,
            endpoint,
            pid: p.pid,
            port: p.port,
            startedAt: previous?.pid === p.pid ? previous.startedAt : new Date().toISOString(),
            limits,
            pendingLimits: previous?.pid === p.pid ? (previous.pendingLimits ?? null) : null,
            instance,
          };
        } else {
          log('killing duplicate or unhealthy region-server', { regionId: spec.regionId, pid: p.pid });
          await killGroup(p.pid);
        }
      }
      if (adopted) return { observed: adopted, action: 'adopted' };
      const observed = await spawnServer(spec);
      return { observed, action: previous ? 'restarted' : 'started' };
    },

    async inspectStack(regionId: string, previous: StackObserved | null): Promise<StackStatus> {
      const found = regionProcesses(regionId);
      const p = found.find((f) => f.pid === previous?.pid) ?? found[0];
      const t = tracked.get(regionId);
      const exit = t && t.child.pid === previous?.pid ? t.exit : null;
      if (!p) return { running: false, healthy: false, endpoint: null, exit, observed: previous };
      const endpoint = `http://127.0.0.1:${p.port}`;
      const h = await probeHealth(endpoint, 2_000);
      return { running: true, healthy: h?.regionId === regionId && h.status === 'ok', endpoint, exit: null, observed: previous };
    },

    async updateStack(spec: StackSpec, previous: StackObserved) {
      const pendingLimits = { cpu: spec.cpu, memoryGb: spec.memoryGb, storageGb: spec.storageGb, maxPlayers: spec.maxPlayers, generation: spec.generation };
      // Nothing of a running process can be resized live; record the limits for the next restart.
      return { observed: { ...previous, pendingLimits }, applied: 'next_restart' as const };
    },

    async stopStack(regionId: string) {
      const found = regionProcesses(regionId);
      for (const p of found) await killGroup(p.pid);
      tracked.delete(regionId);
      return { stopped: found.length > 0 };
    },

    async stackStats(regionId: string, previous: StackObserved | null): Promise<StackStats | null> {
      const pid = previous?.pid;
      if (!pid || !isPidAlive(pid)) return null;
      const cpuS = readCpuSeconds(pid);
      const rss = readRssBytes(pid);
      if (cpuS == null || rss == null) return null;
      const now = Date.now();
      const prev = lastCpu.get(pid);
      lastCpu.set(pid, { at: now, cpuS });
      if (!prev || now <= prev.at) return null; // first sample only primes the delta
      const limits = previous.pendingLimits ?? previous.limits;
      const cpuPct = ((cpuS - prev.cpuS) / ((now - prev.at) / 1000) / limits.cpu) * 100;
      const memPct = (rss / (limits.memoryGb * 1024 ** 3)) * 100;
      return { at: now, cpuPct, memPct, rssBytes: rss };
    },

    listOwnedStacks(): Promise<OwnedResources['stacks']> {
      return Promise.resolve(
        findLabelledProcesses(labels()).map((p) => ({
          regionId: argValue(p.argv, 'sw-region-id') ?? '',
          pid: p.pid,
          endpoint: `http://127.0.0.1:${argValue(p.argv, 'port')}`,
        })),
      );
    },

    async removeOrphanStacks(keep: ReadonlySet<string>) {
      const stacks: string[] = [];
      for (const s of await runtime.listOwnedStacks()) {
        if (keep.has(s.regionId)) continue;
        await killGroup(s.pid!);
        stacks.push(s.regionId);
      }
      return stacks;
    },

    close: () => Promise.resolve(),
  };
  return runtime;
}
