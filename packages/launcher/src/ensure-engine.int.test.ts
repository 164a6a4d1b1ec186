/**
 * ensure-engine.sh serialises itself with a flock on fd 9. The daemon it starts must not inherit that fd: a daemon
 * holding it keeps the lock for as long as it lives, and every later ensure-engine.sh (a second CI run, the bench
 * after the tests) blocks on flock forever.
 *
 * 1. Always (no Docker needed): a stand-in `dockerd` / `docker` on PATH, with the script's own pid / lock / log
 *    files in a temp dir. The first call starts the stand-in daemon; the second call must return at once, and the
 *    daemon must hold no fd on the lock file. stop-engine.sh then stops exactly that daemon.
 * The real daemon gets the same check at the end of orchestrator/src/drivers/docker/docker-driver.int.test.ts
 * (after its daemon-restart test, which starts a new dockerd through this script).
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './stage-app.ts';

const run = promisify(execFile);
const DOCKER_DIR = path.join(REPO_ROOT, 'packages/launcher/docker');
const ENSURE = path.join(DOCKER_DIR, 'ensure-engine.sh');
const STOP = path.join(DOCKER_DIR, 'stop-engine.sh');
/** A second call returns in well under a second; this bound only tells "prompt" from "blocked forever". */
const PROMPT_MS = 20_000;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'sw-ensure-engine-'));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Files the process has open (targets of /proc/<pid>/fd/*). */
function openFiles(pid: number): string[] {
  const dir = `/proc/${pid}/fd`;
  return readdirSync(dir).flatMap((fd) => {
    try {
      return [readlinkSync(path.join(dir, fd))];
    } catch {
      return [];
    }
  });
}

/** Runs ensure-engine.sh; rejects when it does not finish within PROMPT_MS (the symptom of an inherited lock). */
async function ensureEngine(env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run('bash', [ENSURE], { env, timeout: PROMPT_MS, killSignal: 'SIGKILL' });
  return stdout;
}

let fakePid: number | null = null;
afterAll(() => {
  if (fakePid && pidAlive(fakePid)) process.kill(fakePid, 'SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

describe('ensure-engine.sh', () => {
  it('a daemon it starts does not hold its lock: the next call returns promptly (stand-in daemon)', async () => {
    const bin = path.join(tmp, 'bin');
    const marker = path.join(tmp, 'engine-up');
    mkdirSync(bin);
    // The stand-in daemon marks itself up and stays alive like dockerd, keeping every fd it was given.
    writeFileSync(path.join(bin, 'dockerd'), `#!/bin/sh\ntouch '${marker}'\nexec sleep 300\n`);
    // `docker info` answers once the daemon is up; `docker compose version` answers so nothing is installed.
    writeFileSync(path.join(bin, 'docker'), `#!/bin/sh\ncase "$1" in\n  info) test -f '${marker}' ;;\n  compose) exit 0 ;;\n  *) exit 1 ;;\nesac\n`);
    chmodSync(path.join(bin, 'dockerd'), 0o755);
    chmodSync(path.join(bin, 'docker'), 0o755);
    const pidFile = path.join(tmp, 'dockerd.pid');
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, SW_DOCKERD_PIDFILE: pidFile, SW_DOCKERD_LOG: path.join(tmp, 'dockerd.log'), SW_DOCKERD_WAIT_S: '15' };

    const first = await ensureEngine(env);
    expect(first).toMatch(/engine: started \d+/);
    fakePid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(pidAlive(fakePid)).toBe(true);
    expect(openFiles(fakePid)).not.toContain(`${pidFile}.lock`);

    const t0 = Date.now();
    expect(await ensureEngine(env)).toMatch(/engine: already-running/);
    expect(Date.now() - t0).toBeLessThan(PROMPT_MS);

    expect((await run('bash', [STOP], { env, timeout: 60_000 })).stdout).toMatch(new RegExp(`engine: stopped ${fakePid}`));
    expect(pidAlive(fakePid)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  });
});
