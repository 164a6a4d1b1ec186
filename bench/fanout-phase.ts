/**
 * One measured phase of `pnpm bench:fanout` (fanout.bench.ts): N gateway processes (N = 1: clients connect to it
 * directly; N > 1: behind nginx, rendered by the launcher's gateway-nginx.ts), FANOUT client processes with
 * `subscribers` raw graphql-transport-ws sockets subscribed to regionPings, and this process publishing `events` at
 * `rate` events/s on the event bus (standalone Redis or the cluster in `redisEnv`). The upstream subgraphs process is
 * shared by the phases of one run. Returns the figures and each process's CPU time during the publish window.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, pingChannel, renderGatewayNginxConf, waitFor } from '../gateway/src/__fixtures__/fanout-bench-kit.ts';
import type { EventBus } from '../gateway/src/__fixtures__/fanout-bench-kit.ts';

export const log = (...args: unknown[]) => console.error('[bench:fanout]', ...args);
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
export const REGION = 'bench-region';

export interface PhaseOptions {
  label: string;
  gateways: number;
  subscribers: number;
  events: number;
  rate: number;
  clientProcs: number;
  token: string;
  jwtSecret: string;
  internalSecret: string;
  upstream: { feedUrl: string; namesUrl: string };
  bus: EventBus;
  /** Several gateways: behind nginx (true) or clients spread over them directly. */
  viaNginx: boolean;
  /** nginx worker processes when gateways > 1. */
  nginxWorkers: number;
  timeoutMs: number;
  /** Subscriptions per socket (a player's socket carries several; keeps sockets under the per-process fd limit). */
  subsPerSocket: number;
  /** Extra env of the gateway processes (GATEWAY_WS_RAW_FRAMES, CPU profile dir). */
  gatewayEnv?: Record<string, string>;
  gatewayExecArgv?: string[];
  /** Called when the publish window starts and when it ends (CPU sampling of processes this phase does not own). */
  window?: { start(): void; end(): void };
}

export interface PhaseResult {
  gateways: number;
  subscribers: number;
  events: number;
  deliveries_per_s: number;
  p50_ms: number;
  p99_ms: number;
  lost: number;
  rss_per_subscriber_kb: number;
  detail: Record<string, unknown>;
  /** CPU seconds per process group during the publish window, and that window's length. */
  cpu: { windowS: number; gateways: number[]; nginx: number; clients: number[] };
}

interface GatewayStats {
  rss: number;
  cpu: { user: number; system: number };
  hub: { upstreams: number; views: number; subscribers: number; backlogged: number; eventsReceived: number; executions: number; connections: number };
}

interface ClientResults {
  received: number;
  gaps: number;
  outOfOrder: number;
  errors: number;
  closedEarly: number;
  socketsMissing: number;
  connectRetries: number;
  firstAt: number;
  lastAt: number;
  latencies: number[];
  cpuMs: number;
  maxPerEvent: number[];
}

const children = new Set<ChildProcess>();

export function startChild(file: string, env: Record<string, string>, execArgv: string[] = []): ChildProcess {
  const child = fork(here(file), [], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Next IPC message of `type` from `child` (bounded). */
export function message<T>(child: ChildProcess, type: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMsg);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for '${type}' from pid ${child.pid}`));
    }, timeoutMs);
    const onMsg = (m: { type: string }) => {
      if (m.type !== type) return;
      done();
      resolve(m as T);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`child ${child.pid} exited (${code}) while waiting for '${type}'`));
    };
    child.on('message', onMsg);
    child.once('exit', onExit);
  });
}

async function ask<T>(child: ChildProcess, type: string, timeoutMs?: number, reply = type): Promise<T> {
  const p = message<T>(child, reply, timeoutMs);
  child.send({ type });
  return p;
}

export function stopChild(c: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    const kill = setTimeout(() => c.kill('SIGKILL'), 5000);
    c.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    if (c.connected) c.send({ type: 'stop' });
    else c.kill('SIGTERM');
  });
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map(stopChild));
}

/** utime + stime of a process and its children threads, in seconds (/proc/<pid>/stat; 100 ticks per second on Linux). */
export function procCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** nginx's master and worker pids (workers are children of the master). */
function nginxPids(master: number): number[] {
  try {
    const children = readFileSync(`/proc/${master}/task/${master}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [master, ...children];
  } catch {
    return [master];
  }
}

/** This process's (and so its children's) open-file limit: nginx cannot raise its workers above it without privileges. */
export function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    return Number(line?.split(/\s+/)[3]) || 1024;
  } catch {
    return 1024;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function startNginx(ports: number[], workers: number): Promise<{ url: string; proc: ChildProcess; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-fanout-nginx-'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    renderGatewayNginxConf({
      listenHost: '127.0.0.1',
      listenPort: port,
      gateways: ports.map((p) => ({ host: '127.0.0.1', port: p })),
      prefix: dir,
      workers,
      maxOpenFiles: openFileLimit(),
      reusePort: true,
      ...(process.getuid?.() === 0 ? { workerUser: 'nobody nogroup' } : {}),
    }),
  );
  const proc = spawn(process.env.NGINX_BIN ?? 'nginx', ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  await waitFor('nginx in front of the gateways', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 30_000);
  return { url: `http://127.0.0.1:${port}`, proc, dir };
}

export async function runPhase(o: PhaseOptions): Promise<PhaseResult> {
  const gateways: ChildProcess[] = [];
  const ports: number[] = [];
  const clients: ChildProcess[] = [];
  let nginx: { url: string; proc: ChildProcess; dir: string } | undefined;
  try {
    for (let g = 0; g < o.gateways; g++) {
      const gw = startChild(
        './fanout-gateway.ts',
        {
          FANOUT_FEED_URL: o.upstream.feedUrl,
          FANOUT_NAMES_URL: o.upstream.namesUrl,
          FANOUT_JWT_SECRET: o.jwtSecret,
          FANOUT_INTERNAL_SECRET: o.internalSecret,
          FANOUT_SUBSCRIBERS: String(o.subscribers),
          ...o.gatewayEnv,
        },
        ['--expose-gc', ...(o.gatewayExecArgv ?? [])],
      );
      const { url } = await message<{ url: string }>(gw, 'ready');
      gateways.push(gw);
      ports.push(Number(new URL(url).port));
    }
    if (o.gateways > 1 && o.viaNginx) nginx = await startNginx(ports, o.nginxWorkers);
    const entry = nginx?.url ?? `http://127.0.0.1:${ports[0]}`;
    await new Promise((r) => setTimeout(r, 500));
    const before = await Promise.all(gateways.map((g) => ask<GatewayStats>(g, 'stats')));
    log(`[${o.label}] ${o.gateways} gateway(s) ${ports.join(', ')}${nginx ? ` behind nginx ${nginx.url}` : ''}; baseline RSS ${before.map((b) => (b.rss / 1048576).toFixed(1)).join(', ')} MiB`);

    const connectStarted = Date.now();
    for (let i = 0; i < o.clientProcs; i++) {
      const share = Math.floor(o.subscribers / o.clientProcs) + (i < o.subscribers % o.clientProcs ? 1 : 0);
      clients.push(
        startChild('./fanout-client.ts', {
          FANOUT_WS_URL: `${entry.replace('http', 'ws')}/graphql`,
          // Without nginx, sockets are spread over the gateways by index (FANOUT_NGINX=0: nginx's share of the cost).
          FANOUT_WS_URLS: nginx ? '' : ports.map((p) => `ws://127.0.0.1:${p}/graphql`).join(','),
          FANOUT_CLIENT_COUNT: String(share),
          FANOUT_SUBS_PER_SOCKET: String(o.subsPerSocket),
          FANOUT_CLIENT_OFFSET: String(i * Math.ceil(o.subscribers / o.clientProcs)),
          FANOUT_AFFINITY: o.gateways > 1 ? '1' : '0',
          FANOUT_TOKEN: o.token,
          FANOUT_REGION: REGION,
          FANOUT_EVENTS: String(o.events),
        }),
      );
    }
    await Promise.all(clients.map((c) => message(c, 'ready', 600_000)));
    const deadline = Date.now() + 180_000;
    let stats = await Promise.all(gateways.map((g) => ask<GatewayStats>(g, 'stats')));
    while (stats.reduce((a, s) => a + s.hub.subscribers, 0) < o.subscribers) {
      if (Date.now() > deadline) throw new Error(`only ${stats.map((s) => s.hub.subscribers).join('+')} subscribers registered`);
      await new Promise((r) => setTimeout(r, 200));
      stats = await Promise.all(gateways.map((g) => ask<GatewayStats>(g, 'stats')));
    }
    log(`[${o.label}] ${o.subscribers} subscribers in ${Date.now() - connectStarted} ms; per gateway ${stats.map((s) => s.hub.subscribers).join(' / ')}`);
    await new Promise((r) => setTimeout(r, 1000));
    const loaded = await Promise.all(gateways.map((g) => ask<GatewayStats>(g, 'stats')));
    const nginxCpuBefore = nginx ? nginxPids(nginx.proc.pid!).reduce((a, p) => a + procCpuSeconds(p), 0) : 0;
    for (const c of clients) c.send({ type: 'mark' });
    o.window?.start();

    const publishStarted = Date.now();
    const intervalMs = 1000 / o.rate;
    for (let n = 1; n <= o.events; n++) {
      const wait = publishStarted + (n - 1) * intervalMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await o.bus.publish(pingChannel(REGION), { regionId: REGION, n, publishedAt: Date.now() });
    }
    const expected = o.subscribers * o.events;
    const waitUntil = Date.now() + o.timeoutMs;
    let nextTrace = Date.now();
    for (;;) {
      const counts = await Promise.all(clients.map((c) => ask<{ received: number }>(c, 'count')));
      const total = counts.reduce((a, c) => a + c.received, 0);
      if (process.env.FANOUT_TRACE === '1' && Date.now() >= nextTrace) {
        // Where the events are: received by each gateway's upstream, frames queued for slow clients, delivered.
        nextTrace = Date.now() + 1000;
        const g = await Promise.all(gateways.map((x) => ask<GatewayStats>(x, 'stats')));
        log(`[${o.label}] t+${((Date.now() - publishStarted) / 1000).toFixed(1)}s upstream events ${g.map((x) => x.hub.eventsReceived).join('/')} executed ${g.map((x) => x.hub.executions).join('/')} backlogged ${g.map((x) => x.hub.backlogged).join('/')} delivered ${total}/${expected}`);
      }
      if (total >= expected || Date.now() > waitUntil) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    o.window?.end();
    const after = await Promise.all(gateways.map((g) => ask<GatewayStats>(g, 'stats')));
    const nginxCpuAfter = nginx ? nginxPids(nginx.proc.pid!).reduce((a, p) => a + procCpuSeconds(p), 0) : 0;
    const results = await Promise.all(clients.map((c) => ask<ClientResults>(c, 'collect', 60_000, 'results')));

    const received = results.reduce((a, r) => a + r.received, 0);
    const lastAt = Math.max(...results.map((r) => r.lastAt));
    const all = new Float64Array(received);
    let k = 0;
    for (const r of results) for (const l of r.latencies) all[k++] = l;
    all.sort();
    const seconds = Math.max(1e-3, (lastAt - publishStarted) / 1000);
    const gatewayCpu = after.map((a, i) => (a.cpu.user + a.cpu.system - loaded[i]!.cpu.user - loaded[i]!.cpu.system) / 1e6);
    const rssGrowth = loaded.reduce((a, l, i) => a + l.rss - before[i]!.rss, 0);
    return {
      gateways: o.gateways,
      subscribers: o.subscribers,
      events: o.events,
      deliveries_per_s: Math.round(received / seconds),
      p50_ms: Math.round(percentile(all, 50) * 10) / 10,
      p99_ms: Math.round(percentile(all, 99) * 10) / 10,
      lost: expected - received,
      rss_per_subscriber_kb: Math.round((rssGrowth / o.subscribers / 1024) * 10) / 10,
      cpu: { windowS: seconds, gateways: gatewayCpu, nginx: nginxCpuAfter - nginxCpuBefore, clients: results.map((r) => r.cpuMs / 1000) },
      detail: {
        per_gateway_subscribers: after.map((a) => a.hub.subscribers),
        per_gateway_upstreams: after.map((a) => a.hub.upstreams),
        gateway_rss_mib: after.map((a) => +(a.rss / 1048576).toFixed(1)),
        gaps: results.reduce((a, r) => a + r.gaps, 0),
        out_of_order: results.reduce((a, r) => a + r.outOfOrder, 0),
        errors: results.reduce((a, r) => a + r.errors, 0),
        closed_early: results.reduce((a, r) => a + r.closedEarly, 0),
        subscriptions_missing_events: results.reduce((a, r) => a + r.socketsMissing, 0),
        connect_retries: results.reduce((a, r) => a + r.connectRetries, 0),
        max_ms: all.length ? all[all.length - 1] : null,
        offered_deliveries_per_s: o.rate * o.subscribers,
        client_procs: o.clientProcs,
      },
    };
  } finally {
    await Promise.all(clients.map(stopChild));
    if (nginx) {
      nginx.proc.kill('SIGTERM');
      await new Promise((r) => (nginx!.proc.exitCode !== null ? r(null) : nginx!.proc.once('exit', r)));
      const errors = (() => {
        try {
          return readFileSync(path.join(nginx.dir, 'error.log'), 'utf8').trim();
        } catch {
          return '';
        }
      })();
      if (errors) log(`[${o.label}] nginx error.log (last lines):\n${errors.split('\n').slice(-10).join('\n')}`);
      rmSync(nginx.dir, { recursive: true, force: true });
    }
    await Promise.all(gateways.map(stopChild));
  }
}
