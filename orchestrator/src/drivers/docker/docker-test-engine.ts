/**
 * Test support for the docker driver's integration tests: whether an engine answers (and, with
 * SW_REQUIRE_DOCKER=1, making one answer via ensure-engine.sh), plus label-filtered cleanup of everything a
 * test instance created. Tests SKIP with a clear message when no engine answers and SW_REQUIRE_DOCKER is not
 * '1'; with SW_REQUIRE_DOCKER=1 a missing engine is a failure, never a skip.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { LABEL, MANAGED_BY } from './docker-labels.ts';
import { ensureTemplateImages, LAUNCHER_DOCKER_DIR, type TemplateImages } from './region-image.ts';

export interface TestEngine {
  available: boolean;
  /** True when this process started dockerd (then stopTestEngine stops it). */
  startedHere: boolean;
  reason: string;
}

function dockerInfoOk(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

/** Synchronous (runs at collection time so describe.skipIf can use it). */
export function detectTestEngine(): TestEngine {
  if (dockerInfoOk()) return { available: true, startedHere: false, reason: 'engine answers' };
  if (process.env.SW_REQUIRE_DOCKER !== '1') {
    return { available: false, startedHere: false, reason: 'SKIPPED: no Docker engine answers (`docker info` failed). Run packages/launcher/docker/ensure-engine.sh, or set SW_REQUIRE_DOCKER=1 to make this a failure.' };
  }
  // Required: try to bring one up (installs docker.io / starts dockerd when possible).
  const out = execFileSync('bash', [path.join(LAUNCHER_DOCKER_DIR, 'ensure-engine.sh')], { encoding: 'utf8', timeout: 180_000 });
  if (!dockerInfoOk()) throw new Error(`SW_REQUIRE_DOCKER=1 but no Docker engine answers after ensure-engine.sh: ${out}`);
  return { available: true, startedHere: /engine: started/.test(out), reason: out.trim() };
}

export function stopTestEngine(engine: TestEngine): void {
  if (engine.startedHere) execFileSync('bash', [path.join(LAUNCHER_DOCKER_DIR, 'stop-engine.sh')], { stdio: 'ignore', timeout: 60_000 });
}

/** Removes every container, volume and network labelled with this driver instance. */
export async function removeInstanceObjects(docker: Docker, instance: string): Promise<{ containers: number; volumes: number; networks: number }> {
  const label = [`${LABEL.managedBy}=${MANAGED_BY}`, `${LABEL.instance}=${instance}`];
  // Retried a few times: a volume / network can still be "in use" for a moment after its container went away.
  const retry = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 10; i++) {
      try {
        await fn();
        return;
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  };
  const containers = await docker.listContainers({ all: true, filters: { label } });
  for (const c of containers) await retry(() => docker.getContainer(c.Id).remove({ force: true }));
  const vols = (await docker.listVolumes({ filters: { label } })).Volumes ?? [];
  for (const v of vols) await retry(() => docker.getVolume(v.Name).remove());
  const nets = await docker.listNetworks({ filters: { label } });
  for (const n of nets) await retry(() => docker.getNetwork(n.Id).remove());
  return { containers: containers.length, volumes: vols.length, networks: nets.length };
}

const USERS_DIR = process.env.SW_DOCKER_TEST_USERS_DIR ?? '/tmp/sw-docker-test-image-users';
const BEFORE_FILE = path.join(USERS_DIR, 'tags-before.json');

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Live user tokens (`<pid>-<uuid>`), dropping those of dead processes. */
function liveUsers(): string[] {
  if (!existsSync(USERS_DIR)) return [];
  return readdirSync(USERS_DIR).filter((f) => {
    const m = /^(\d+)-/.exec(f);
    if (!m) return false;
    if (pidAlive(Number(m[1]))) return true;
    rmSync(path.join(USERS_DIR, f), { force: true });
    return false;
  });
}

async function ourImageTags(docker: Docker): Promise<string[]> {
  const imgs = await docker.listImages({ filters: { label: [LABEL.managedBy] } });
  return imgs.flatMap((i) => i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
}

/**
 * Template images for a test file, shared by every test file of the run: the first user records which of our
 * (label-filtered) image tags existed before; the LAST user to release removes the tags created since
 * (SW_KEEP_TEST_IMAGES=1 keeps them). Several test files running in parallel thus never delete an image another
 * one still uses.
 */
export async function acquireTestImages(docker: Docker): Promise<{ images: TemplateImages; release(): Promise<void> }> {
  mkdirSync(USERS_DIR, { recursive: true });
  const token = `${process.pid}-${randomUUID()}`;
  if (liveUsers().length === 0 || !existsSync(BEFORE_FILE)) writeFileSync(BEFORE_FILE, JSON.stringify(await ourImageTags(docker)));
  writeFileSync(path.join(USERS_DIR, token), '');
  const images = await ensureTemplateImages({ pruneStale: false });
  let released = false;
  return {
    images,
    async release() {
      if (released) return;
      released = true;
      rmSync(path.join(USERS_DIR, token), { force: true });
      if (liveUsers().length > 0) return;
      const before = new Set<string>(existsSync(BEFORE_FILE) ? (JSON.parse(readFileSync(BEFORE_FILE, 'utf8')) as string[]) : []);
      rmSync(BEFORE_FILE, { force: true });
      if (process.env.SW_KEEP_TEST_IMAGES === '1') return;
      for (const tag of await ourImageTags(docker)) if (!before.has(tag)) await docker.getImage(tag).remove().catch(() => {});
    },
  };
}
