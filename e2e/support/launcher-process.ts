import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (e2e/support → ../..). */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');
/** Launcher output for the e2e run, kept for post-mortems. */
export const LAUNCHER_LOG = join(REPO_ROOT, 'var', 'log', 'e2e-launcher.log');

/**
 * Node 24 for the launcher (it relies on native type stripping). Playwright itself usually runs on it already
 * (pnpm puts the workspace's node first on PATH); otherwise the workspace's `node` devDependency is used.
 */
export function node24(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) return process.execPath;
  const local = join(REPO_ROOT, 'node_modules', '.bin', 'node');
  if (existsSync(local)) return local;
  throw new Error(`Node >= 24 is required to start the platform (running ${process.version})`);
}

let allHealthy = false;
/**
 * True once the launcher printed that EVERY service answers its health check. The gateway and the web app can answer
 * before the orchestrator does (with the docker runtime it first builds the region image), so those two URLs alone
 * do not mean the platform is up.
 */
export const launcherReportedHealthy = (): boolean => allHealthy;

/**
 * Starts `node packages/launcher/src/start.ts` in its own process group (detached), on a throw-away database
 * (SW_EPHEMERAL_DB=1, dropped by the launcher when it stops). Output goes to var/log/e2e-launcher.log; the launcher's
 * own `[platform]` lines are echoed so a run shows its progress.
 */
export function spawnLauncher(): ChildProcess {
  mkdirSync(join(REPO_ROOT, 'var', 'log'), { recursive: true });
  const log = createWriteStream(LAUNCHER_LOG, { flags: 'w' });
  const child = spawn(node24(), ['packages/launcher/src/start.ts'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SW_EPHEMERAL_DB: process.env.E2E_EPHEMERAL_DB === '0' ? '0' : '1',
      // The e2e suite runs the embedded default's process runtime even when a Docker engine happens to answer
      // (CI starts one for the docker driver's own tests); E2E_RUNTIME_DRIVER=docker runs it on containers instead.
      RUNTIME_DRIVER: process.env.E2E_RUNTIME_DRIVER ?? 'process',
      // Every browser of the run reaches the gateway from 127.0.0.1: one anonymous budget for all of them.
      RATE_LIMIT_ANONYMOUS_PER_MIN: process.env.RATE_LIMIT_ANONYMOUS_PER_MIN ?? '6000',
      // Budgets of this run only: the limiter's counters live in the machine's shared Redis, and an earlier run's
      // registrations from 127.0.0.1 (20 per hour) must not refuse this run's sign-ups.
      RATE_LIMIT_PREFIX: process.env.RATE_LIMIT_PREFIX ?? `sw:rl:e2e:${randomUUID()}:`,
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.startsWith('[platform]')) continue;
      process.stdout.write(`${line}\n`);
      if (line.includes('all services healthy')) allHealthy = true;
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
  return child;
}

/** The last `lines` lines of the launcher log, for error messages. */
export function launcherLogTail(lines = 30): string {
  if (!existsSync(LAUNCHER_LOG)) return '(no launcher log)';
  return readFileSync(LAUNCHER_LOG, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a launcher started by spawnLauncher: SIGTERM to the launcher alone first, so it stops its services in order
 * and drops the ephemeral database; after `graceMs` whatever is left of its process group gets SIGKILL.
 */
export async function stopLauncher(pid: number, graceMs = 30_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  try {
    // Negative pid = the whole group: children the launcher could not stop in time.
    process.kill(-pid, 'SIGKILL');
  } catch {
    // group already gone
  }
}
