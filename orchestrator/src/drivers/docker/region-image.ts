/**
 * Builds the images of the region template on THIS machine, offline, once per content:
 * - base images (Node, Postgres, Redis) via packages/launcher/docker/build-base-images.sh (docker import of the
 *   machine's own runtimes; cached by a hash tag inside the script);
 * - the region-server image `sw-local/region-server:<hash>` from region-server.Dockerfile over a context staged by
 *   stage-app.sh, FROM the local Node base. The tag is a sha256 of every source file that ends up in the image (the
 *   workspace packages' src / migrations, package.json files, the lockfile, the Dockerfile, the stage script) and
 *   the base image id, so an unchanged tree reuses the image (~0.3 s) and any change builds a new one (~15 s).
 * Used by the docker driver's tests, the bench and the embedded start; production passes public images instead.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
export const LAUNCHER_DOCKER_DIR = path.join(REPO_ROOT, 'packages/launcher/docker');
/** Label every image built here carries (tests remove tags by it). */
export const IMAGE_LABEL = 'io.sectorwars.managed-by=sw-local-images';

export interface TemplateImages {
  regionServer: string;
  postgres: string;
  redis: string;
  node: string;
  /** True when the region-server image was built by this call (false = cache hit). */
  built: boolean;
}

/** Sources whose content goes into the region-server image. */
function hashedRoots(): string[] {
  const roots = ['orchestrator/src', 'drizzle/src', 'drizzle/migrations'];
  for (const dir of readdirSync(path.join(REPO_ROOT, 'packages'))) roots.push(`packages/${dir}/src`);
  return roots;
}

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.isFile()) out.push(p);
  }
}

/** sha256 (first 16 hex) over the region-server image's inputs plus `baseId`. */
export function regionImageHash(baseId: string): string {
  const files: string[] = [];
  for (const r of hashedRoots()) walk(path.join(REPO_ROOT, r), files);
  for (const f of ['pnpm-lock.yaml', 'package.json', 'orchestrator/package.json', 'drizzle/package.json']) files.push(path.join(REPO_ROOT, f));
  for (const dir of readdirSync(path.join(REPO_ROOT, 'packages'))) {
    const pj = path.join(REPO_ROOT, 'packages', dir, 'package.json');
    if (existsSync(pj)) files.push(pj);
  }
  files.push(path.join(LAUNCHER_DOCKER_DIR, 'region-server.Dockerfile'), path.join(LAUNCHER_DOCKER_DIR, 'stage-app.sh'));
  files.sort();
  const h = createHash('sha256').update(baseId);
  for (const f of files) {
    if (!statSync(f, { throwIfNoEntry: false })?.isFile()) continue;
    h.update(path.relative(REPO_ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

async function imageId(ref: string): Promise<string | null> {
  try {
    const { stdout } = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', ref]);
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** Runs build-base-images.sh and returns its NAME=ref lines. */
export async function buildBaseImages(): Promise<{ node: string; postgres: string; redis: string }> {
  const { stdout } = await run('bash', [path.join(LAUNCHER_DOCKER_DIR, 'build-base-images.sh')], { maxBuffer: 16 << 20, timeout: 300_000 });
  const get = (k: string) => {
    const m = new RegExp(`^${k}=(.+)$`, 'm').exec(stdout);
    if (!m) throw new Error(`build-base-images.sh printed no ${k}: ${stdout.slice(-500)}`);
    return m[1]!.trim();
  };
  return { node: get('NODE_IMAGE'), postgres: get('POSTGRES_IMAGE'), redis: get('REDIS_IMAGE') };
}

/** Untags older sw-local/region-server tags (not forced: an image a container still uses is kept by the engine). */
async function pruneRegionImages(keep: string): Promise<void> {
  const { stdout } = await run('docker', ['image', 'ls', 'sw-local/region-server', '--format', '{{.Repository}}:{{.Tag}}']);
  for (const ref of stdout.split('\n').map((l) => l.trim()).filter((l) => l && l !== keep && !l.endsWith(':<none>'))) {
    await run('docker', ['rmi', ref]).catch(() => {});
  }
}

/**
 * Ensures the region template images exist locally; builds what is missing. `baseImage` overrides the Node base
 * (default: the locally imported one).
 */
export async function ensureTemplateImages(opts: { baseImage?: string; log?: (msg: string) => void; pruneStale?: boolean } = {}): Promise<TemplateImages> {
  // One builder at a time on this machine (test files, the bench and a starting orchestrator may race).
  return await withFileLock(IMAGE_LOCK, () => ensureTemplateImagesLocked(opts));
}

const IMAGE_LOCK = '/tmp/sw-region-image.lock';

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * mkdir-based cross-process lock holding its owner's pid. A lock whose owner died (an orchestrator killed while it
 * built the image) is taken over at once; one without an owner file is considered abandoned after 10 min. Waits up
 * to 10 min for a live owner.
 */
export async function withFileLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 600_000;
  const ownerFile = path.join(dir, 'owner');
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner = 0;
      try {
        owner = Number(readFileSync(ownerFile, 'utf8').trim()) || 0;
      } catch {
        // no owner file yet (just created) or the lock is already gone: decide by age / retry
      }
      const age = Date.now() - (statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if ((owner > 0 && !pidAlive(owner)) || age > 600_000) rmSync(dir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${dir} (held by pid ${owner || 'unknown'})`);
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Build contexts left in /tmp by a builder that was killed (its pid is in the name). */
function removeDeadContexts(): void {
  for (const name of readdirSync('/tmp')) {
    const m = /^sw-region-ctx-(\d+)-\d+(\.log)?$/.exec(name);
    if (m && !pidAlive(Number(m[1]))) rmSync(path.join('/tmp', name), { recursive: true, force: true });
  }
}

async function ensureTemplateImagesLocked(opts: { baseImage?: string; log?: (msg: string) => void; pruneStale?: boolean }): Promise<TemplateImages> {
  const log = opts.log ?? (() => {});
  const base = await buildBaseImages();
  const nodeBase = opts.baseImage ?? base.node;
  const baseId = await imageId(nodeBase);
  if (!baseId) throw new Error(`base image ${nodeBase} is not present on the engine`);
  const tag = `sw-local/region-server:${regionImageHash(baseId)}`;
  let built = false;
  if (!(await imageId(tag))) {
    const started = Date.now();
    removeDeadContexts();
    const ctx = `/tmp/sw-region-ctx-${process.pid}-${Date.now()}`;
    try {
      await run('bash', [path.join(LAUNCHER_DOCKER_DIR, 'stage-app.sh'), ctx, '@sw/orchestrator'], { timeout: 300_000, maxBuffer: 16 << 20 });
      await run(
        'docker',
        ['build', '-q', '-f', path.join(LAUNCHER_DOCKER_DIR, 'region-server.Dockerfile'), '--build-arg', `BASE_IMAGE=${nodeBase}`, '--label', IMAGE_LABEL, '-t', tag, ctx],
        { timeout: 300_000, maxBuffer: 16 << 20, env: { ...process.env, DOCKER_BUILDKIT: '0' } },
      );
    } finally {
      await run('rm', ['-rf', ctx, `${ctx}.log`]).catch(() => {});
    }
    built = true;
    log(`built ${tag} in ${Date.now() - started} ms`);
    if (opts.pruneStale !== false) await pruneRegionImages(tag);
  }
  return { regionServer: tag, postgres: base.postgres, redis: base.redis, node: nodeBase, built };
}
