/**
 * Watches the Docker engine for the driver's containers (events are a hint, not a
 * log). It keeps one `GET /events` stream open, filtered by the ownership labels, splits the NDJSON on newlines
 * (chunks do not align with events), and when the stream ends or fails (daemon restart, proxy idle-out) reconnects
 * with exponential backoff (250 ms doubling to 10 s). After EVERY (re)connect, and every `resyncEveryMs` as a
 * heartbeat, it does a full list + inspect of the labelled containers and hands the snapshot to `onResync`, so
 * nothing lost while disconnected (the daemon replays only its last 256 events) stays unseen.
 */
import type Docker from 'dockerode';
import { LABEL, labelFilter } from './docker-labels.ts';
import { createNdjsonSplitter } from './ndjson-splitter.ts';

export interface EngineEvent {
  /** Docker action: create, start, die, health_status: healthy, update, destroy, oom, ... */
  action: string;
  containerId: string;
  regionId: string | null;
  role: string | null;
  at: number;
  attributes: Record<string, string>;
}

export interface ContainerSnapshot {
  id: string;
  name: string;
  regionId: string | null;
  role: string | null;
  status: string; // running, exited, created, restarting, ...
  health: string | null; // starting, healthy, unhealthy, or null without a health check
  nanoCpus: number;
  memory: number;
}

export interface EngineWatcherOptions {
  docker: Docker;
  instance: string;
  onEvent?: (e: EngineEvent) => void;
  onResync?: (snapshot: ContainerSnapshot[], reason: 'connect' | 'reconnect' | 'heartbeat') => void;
  onError?: (err: unknown) => void;
  resyncEveryMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface EngineWatcher {
  /** Resolves after the first connection and its resync. */
  ready(): Promise<void>;
  /** Number of (re)connections so far (1 after the first). */
  connections(): number;
  /** Ends the current stream as a daemon restart would; the watcher reconnects and resyncs. */
  dropConnection(): void;
  stop(): Promise<void>;
}

/** Full list + inspect of the instance's labelled containers. */
export async function snapshotContainers(docker: Docker, instance: string): Promise<ContainerSnapshot[]> {
  const list = await docker.listContainers({ all: true, filters: { label: labelFilter(instance) } });
  const out: ContainerSnapshot[] = [];
  for (const c of list) {
    try {
      const info = await docker.getContainer(c.Id).inspect();
      out.push({
        id: c.Id,
        name: info.Name.replace(/^\//, ''),
        regionId: info.Config.Labels?.[LABEL.regionId] ?? null,
        role: info.Config.Labels?.[LABEL.role] ?? null,
        status: info.State.Status,
        health: info.State.Health?.Status ?? null,
        nanoCpus: info.HostConfig.NanoCpus ?? 0,
        memory: info.HostConfig.Memory ?? 0,
      });
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err; // removed between list and inspect
    }
  }
  return out;
}

export function createEngineWatcher(opts: EngineWatcherOptions): EngineWatcher {
  const minBackoff = opts.minBackoffMs ?? 250;
  const maxBackoff = opts.maxBackoffMs ?? 10_000;
  let stopped = false;
  let stream: (NodeJS.ReadableStream & { destroy?: (e?: Error) => void }) | null = null;
  let connections = 0;
  let wake: (() => void) | null = null;
  let readyResolve!: () => void;
  const readyPromise = new Promise<void>((r) => (readyResolve = r));
  const heartbeat = opts.resyncEveryMs
    ? setInterval(() => {
        if (stream && !stopped) void resync('heartbeat');
      }, opts.resyncEveryMs)
    : null;
  heartbeat?.unref();

  async function resync(reason: 'connect' | 'reconnect' | 'heartbeat') {
    try {
      const snap = await snapshotContainers(opts.docker, opts.instance);
      if (!stopped) opts.onResync?.(snap, reason);
    } catch (err) {
      opts.onError?.(err);
    }
  }

  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  async function loop() {
    let backoff = minBackoff;
    while (!stopped) {
      try {
        const s = (await opts.docker.getEvents({
          filters: { type: ['container'], label: labelFilter(opts.instance) },
        })) as NodeJS.ReadableStream & { destroy?: (e?: Error) => void };
        if (stopped) {
          s.destroy?.();
          break;
        }
        stream = s;
        connections++;
        backoff = minBackoff;
        const ended = new Promise<void>((resolve) => {
          const splitter = createNdjsonSplitter((raw) => {
            const e = raw as { Action?: string; status?: string; id?: string; Actor?: { ID?: string; Attributes?: Record<string, string> }; time?: number };
            const attributes = e.Actor?.Attributes ?? {};
            opts.onEvent?.({
              action: e.Action ?? e.status ?? '',
              containerId: e.Actor?.ID ?? e.id ?? '',
              regionId: attributes[LABEL.regionId] ?? null,
              role: attributes[LABEL.role] ?? null,
              at: (e.time ?? Date.now() / 1000) * 1000,
              attributes,
            });
          });
          s.on('data', (chunk: Buffer) => splitter.push(chunk));
          s.once('end', () => resolve());
          s.once('close', () => resolve());
          s.once('error', (err: unknown) => {
            opts.onError?.(err);
            resolve();
          });
        });
        // Resync AFTER subscribing, so a change between list and subscribe is still seen as an event.
        await resync(connections === 1 ? 'connect' : 'reconnect');
        if (connections === 1) readyResolve();
        await ended;
        stream = null;
      } catch (err) {
        opts.onError?.(err);
      }
      if (stopped) break;
      await sleep(backoff);
      backoff = Math.min(maxBackoff, backoff * 2);
    }
  }
  void loop();

  return {
    ready: () => readyPromise,
    connections: () => connections,
    dropConnection() {
      stream?.destroy?.();
    },
    async stop() {
      stopped = true;
      if (heartbeat) clearInterval(heartbeat);
      stream?.destroy?.();
      wake?.();
      readyResolve();
    },
  };
}
