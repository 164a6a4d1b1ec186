/**
 * Runtime driver choice (README "Runtime driver"): `RUNTIME_DRIVER=docker|process|auto` (default auto).
 *   auto    → `docker` when an engine answers a ping at DOCKER_HOST / the default socket within 2 s, else `process`
 *   docker  → `docker`; fails when no engine answers (no silent fallback when it was asked for)
 *   process → `process`
 * Docker images of the region template come from SW_DOCKER_REGION_IMAGE / SW_DOCKER_POSTGRES_IMAGE /
 * SW_DOCKER_REDIS_IMAGE (production: the published images); when unset they are built locally and offline
 * (region-image.ts → build-base-images.sh; ~40 s the first time, ~1 s cached).
 * SW_DOCKER_REGION_COMMAND: command of the region-server container as a JSON array (default: the image's CMD).
 * SW_DOCKER_SHARED_NETWORK: network the region containers also join when the orchestrator runs in a container.
 * SW_DOCKER_ADMIN_SECRET: secret the region Postgres superuser passwords are derived from (required and checked in
 * production, admin-secret.ts).
 */
import Docker from 'dockerode';
import type { RegionRuntimeDriver } from '../driver.ts';
import { createProcessDriver } from '../process/process-driver.ts';
import { createDockerDriver } from './docker-driver.ts';
import { ensureTemplateImages } from './region-image.ts';

export type RuntimeDriverName = 'docker' | 'process';

export interface ChooseDriverOptions {
  hubUrl: string;
  instance?: string;
  env?: NodeJS.ProcessEnv;
  /** Process driver: folder for region-server logs. */
  stateDir?: string;
  /** Extra env for region-servers (both drivers). */
  regionServerEnv?: Record<string, string>;
  log?: (msg: string, data?: Record<string, unknown>) => void;
  /** Engine client (tests); default from DOCKER_HOST / socket. */
  docker?: Docker;
}

/** True when a Docker engine answers `GET /_ping` within `timeoutMs`. */
export async function dockerEngineAnswers(docker: Docker = new Docker(), timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    // dockerode types the ping answer as any; the engine sends the text OK.
    const pong: unknown = await Promise.race([
      docker.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return String(pong).trim() === 'OK';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Picks and creates the driver; `reason` says why (for the startup log). */
export async function chooseDriver(opts: ChooseDriverOptions): Promise<{ driver: RegionRuntimeDriver; name: RuntimeDriverName; reason: string }> {
  const env = opts.env ?? process.env;
  const wanted = (env.RUNTIME_DRIVER ?? 'auto').trim().toLowerCase() || 'auto';
  if (!['auto', 'docker', 'process'].includes(wanted)) throw new Error(`RUNTIME_DRIVER must be docker, process or auto (got ${wanted})`);
  const makeProcess = (reason: string) => ({
    driver: createProcessDriver({ hubUrl: opts.hubUrl, instance: opts.instance, stateDir: opts.stateDir, extraEnv: opts.regionServerEnv, log: opts.log }),
    name: 'process' as const,
    reason,
  });
  if (wanted === 'process') return makeProcess('RUNTIME_DRIVER=process');
  const docker = opts.docker ?? new Docker();
  const answers = await dockerEngineAnswers(docker);
  if (!answers) {
    if (wanted === 'docker') throw new Error('RUNTIME_DRIVER=docker but no Docker engine answers at DOCKER_HOST / /var/run/docker.sock');
    return makeProcess('auto: no Docker engine answers');
  }
  let images = {
    regionServer: env.SW_DOCKER_REGION_IMAGE ?? '',
    postgres: env.SW_DOCKER_POSTGRES_IMAGE ?? '',
    redis: env.SW_DOCKER_REDIS_IMAGE ?? '',
  };
  if (!images.regionServer || !images.postgres || !images.redis) {
    const built = await ensureTemplateImages({ log: (m) => opts.log?.(m) });
    images = {
      regionServer: images.regionServer || built.regionServer,
      postgres: images.postgres || built.postgres,
      redis: images.redis || built.redis,
    };
  }
  const driver = createDockerDriver({
    docker,
    images,
    instance: opts.instance,
    sharedNetwork: env.SW_DOCKER_SHARED_NETWORK || undefined,
    regionServerCmd: env.SW_DOCKER_REGION_COMMAND ? parseCommand(env.SW_DOCKER_REGION_COMMAND) : undefined,
    adminSecret: env.SW_DOCKER_ADMIN_SECRET || undefined,
    extraEnv: opts.regionServerEnv,
    log: opts.log,
  });
  return { driver, name: 'docker', reason: wanted === 'docker' ? 'RUNTIME_DRIVER=docker' : 'auto: a Docker engine answers' };
}

/** A command given as a JSON array of strings (or, failing that, split on whitespace). */
export function parseCommand(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  } catch {
    /* not JSON */
  }
  return text.trim().split(/\s+/).filter(Boolean);
}
