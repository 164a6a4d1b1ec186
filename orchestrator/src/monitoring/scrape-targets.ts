/**
 * Prometheus file-based service discovery of region-servers (docs/decisions/monitoring.md). The orchestrator is the
 * one component that knows where every region-server runs, so it keeps `<PROMETHEUS_SD_DIR>/region-servers.json`
 * current: after every reconcile pass (attach, restart, detach, termination all end one) and on a timer, it reads
 * the hub's regions and rewrites the file when its content changed. The write is atomic (temporary file in the same
 * directory, fsync, rename), so Prometheus never reads half a file.
 *
 * Next to it goes `region-metrics.token` (0600): the fleet's scrape token, Prometheus's credentials_file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type postgres from 'postgres';
import type { RegionRuntimeState } from '@sw/domain';
import type { Log } from '../reconciler/context.ts';

export const REGION_TARGETS_FILE = 'region-servers.json';
export const REGION_METRICS_TOKEN_FILE = 'region-metrics.token';

/** One target group of Prometheus's file_sd format. */
export interface FileSdGroup {
  targets: string[];
  labels: Record<string, string>;
}

export interface RegionTargetRow {
  id: string;
  name: string;
  runtimeState: RegionRuntimeState;
  /** The observed stack's endpoint (runtime_observed.endpoint, else runtime_endpoint). */
  endpoint: string | null;
}

/** States in which a region-server stack is meant to be up, so a failed scrape is news (unhealthy included). */
const SCRAPED_STATES: ReadonlySet<RegionRuntimeState> = new Set<RegionRuntimeState>(['provisioning', 'ready', 'unhealthy', 'draining', 'attachment_pending']);

/** host:port of an http(s) endpoint URL, or null when it is not one. */
export function targetOfEndpoint(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

/**
 * The file_sd groups of the fleet: one group per region-server with a usable endpoint in a scraped state, labelled
 * with the region's id and name (never its state: a label that changes would split the series). Sorted by region
 * id, so the same fleet always renders the same bytes.
 */
export function regionScrapeGroups(rows: readonly RegionTargetRow[]): FileSdGroup[] {
  return rows
    .filter((r) => SCRAPED_STATES.has(r.runtimeState) && r.endpoint)
    .map((r) => ({ r, target: targetOfEndpoint(r.endpoint!) }))
    .filter((x): x is { r: RegionTargetRow; target: string } => x.target !== null)
    .sort((a, b) => (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0))
    .map(({ r, target }) => ({ targets: [target], labels: { region_id: r.id, region_name: r.name } }));
}

/** The file's bytes (JSON, one trailing newline). */
export function renderFileSd(groups: readonly FileSdGroup[]): string {
  return `${JSON.stringify(groups, null, 2)}\n`;
}

/** Writes `content` to `file` atomically: a temporary sibling, fsync, rename over the target. */
export function writeFileAtomic(file: string, content: string, mode = 0o644): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export interface RegionTargetsWriter {
  /** Re-reads the fleet and rewrites the file when it changed; concurrent calls coalesce into one more pass. */
  refresh(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  readonly file: string;
}

export interface RegionTargetsWriterOptions {
  sql: postgres.Sql;
  /** Directory Prometheus reads (PROMETHEUS_SD_DIR). */
  dir: string;
  /** The fleet's scrape token, written to region-metrics.token (0600). */
  metricsToken: string;
  log: Log;
  /** Period of the refresh timer (default 15 s; every reconcile pass also refreshes). */
  periodMs?: number;
}

export async function readRegionTargetRows(sql: postgres.Sql): Promise<RegionTargetRow[]> {
  return await sql<RegionTargetRow[]>`
    SELECT id, name, runtime_state AS "runtimeState", coalesce(runtime_observed->>'endpoint', runtime_endpoint) AS endpoint
    FROM regions WHERE region_type = 'player_owned'`;
}

export function createRegionTargetsWriter(opts: RegionTargetsWriterOptions): RegionTargetsWriter {
  const file = path.join(opts.dir, REGION_TARGETS_FILE);
  const tokenFile = path.join(opts.dir, REGION_METRICS_TOKEN_FILE);
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  async function pass(): Promise<void> {
    if (readOrNull(tokenFile) !== opts.metricsToken) writeFileAtomic(tokenFile, opts.metricsToken, 0o600);
    const content = renderFileSd(regionScrapeGroups(await readRegionTargetRows(opts.sql)));
    if (readOrNull(file) === content) return;
    writeFileAtomic(file, content);
  }

  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass().catch((err: unknown) => opts.log.warn({ err: String(err), file }, 'could not update the Prometheus region targets'));
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    file,
    refresh,
    start() {
      if (timer) return;
      void refresh();
      timer = setInterval(() => void refresh(), opts.periodMs ?? 15_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
