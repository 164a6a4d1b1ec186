/**
 * Docker half of `pnpm bench:provision` (called by bench/provision.bench.ts):
 * - provision_ready_ms_docker: wall time from a provision request to a READY region on the docker driver —
 *   region network + region Postgres container (initdb) + database/role, then cache + region-server containers
 *   until GET /health answers ok with the region id (the region-server migrates its empty database on start).
 *   Images are built (or found cached) BEFORE the clock starts. Goal <= 15000 ms.
 * - docker_regions_live: how many docker regions are live at once on this machine — regions are provisioned one
 *   after another (small limits: opts.cpu / opts.memoryGb) up to opts.maxRegions (default 10), stopping at the
 *   first failure or when one takes longer than opts.perRegionTimeoutMs; the count is the regions whose /health
 *   answers ok at the end, all at the same time.
 * Everything created is removed afterwards (label-filtered by a unique instance). Needs an engine
 * (packages/launcher/docker/ensure-engine.sh); throws when none answers.
 */
import { randomUUID } from 'node:crypto';
import { regionServerToken } from '../packages/auth/src/region-server-token.ts';
import { regionDbName } from '../orchestrator/src/drivers/driver.ts';
import { dockerEngineAnswers } from '../orchestrator/src/drivers/docker/choose-driver.ts';
import { createDockerDriver } from '../orchestrator/src/drivers/docker/docker-driver.ts';
import { removeInstanceObjects } from '../orchestrator/src/drivers/docker/docker-test-engine.ts';
import { ensureTemplateImages } from '../orchestrator/src/drivers/docker/region-image.ts';

export interface MeasureDockerProvisionOptions {
  /** Upper bound of regions started for the "live at once" figure (default 10). */
  maxRegions?: number;
  cpu?: number;
  memoryGb?: number;
  perRegionTimeoutMs?: number;
  log?: (msg: string) => void;
}

export interface DockerProvisionResult {
  provision_ready_ms_docker: number;
  docker_regions_live: number;
  /** Per-region provision times (ms), first one = provision_ready_ms_docker. */
  provision_ms_each: number[];
}

export async function measureDockerProvision(opts: MeasureDockerProvisionOptions = {}): Promise<DockerProvisionResult> {
  const log = opts.log ?? ((m: string) => console.log(m));
  if (!(await dockerEngineAnswers())) throw new Error('no Docker engine answers; run packages/launcher/docker/ensure-engine.sh first');
  const maxRegions = opts.maxRegions ?? 10;
  const images = await ensureTemplateImages({ log });
  const instance = `bench-${randomUUID().slice(0, 8)}`;
  const driver = createDockerDriver({ images, instance, startTimeoutMs: opts.perRegionTimeoutMs ?? 60_000 });
  const docker = driver.docker;
  const regions: Array<{ regionId: string; observed: Awaited<ReturnType<typeof driver.ensureStack>>['observed'] }> = [];
  const times: number[] = [];
  try {
    for (let i = 0; i < maxRegions; i++) {
      const regionId = randomUUID();
      const dbName = regionDbName(regionId);
      const t0 = performance.now();
      try {
        const db = await driver.ensureDatabase({ regionId, dbName, roleName: dbName, password: `pw-${randomUUID()}` });
        const res = await driver.ensureStack(
          { regionId, regionName: `bench-${i}`, generation: 1, databaseUrl: db.url, cpu: opts.cpu ?? 1, memoryGb: opts.memoryGb ?? 0.5, storageGb: 10, maxPlayers: 10, serviceToken: regionServerToken(regionId) },
          null,
        );
        const ms = Math.round(performance.now() - t0);
        times.push(ms);
        regions.push({ regionId, observed: res.observed });
        log(`docker region ${i + 1}/${maxRegions} ready in ${ms} ms`);
        if (opts.perRegionTimeoutMs && ms > opts.perRegionTimeoutMs) break;
      } catch (err) {
        log(`docker region ${i + 1} failed: ${String(err).slice(0, 300)}`);
        break;
      }
    }
    let live = 0;
    for (const r of regions) if ((await driver.inspectStack(r.regionId, r.observed)).healthy) live++;
    return { provision_ready_ms_docker: times[0] ?? Number.NaN, docker_regions_live: live, provision_ms_each: times };
  } finally {
    await driver.close();
    await removeInstanceObjects(docker, instance);
  }
}

// `node bench/provision-docker.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const res = await measureDockerProvision({ maxRegions: Number(process.env.BENCH_DOCKER_MAX_REGIONS ?? 10) });
  console.log(JSON.stringify(res));
}
