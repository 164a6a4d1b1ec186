/**
 * stage-app.sh (the region-server image's build context) on a machine that only ran `pnpm install`: an EMPTY HOME
 * (no pnpm store, no metadata cache) and an unreachable registry. The old `pnpm deploy --offline` failed exactly
 * here (ERR_PNPM_NO_OFFLINE_META). The staged context must then load on its own: a Node started inside it, with no
 * NODE_PATH and nothing of the workspace above it, imports the region-server and the orchestrator entry and
 * resolves every runtime dependency.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './stage-app.ts';

const run = promisify(execFile);
const NODE = path.join(REPO_ROOT, 'node_modules/node/bin/node');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sw-stage-test-'));
const emptyHome = path.join(tmp, 'home');
const out = path.join(tmp, 'ctx');

/** The environment of a fresh machine: nothing of pnpm's or npm's caches or config, no registry. */
function freshMachineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|PNPM_|XDG_|NODE_PATH$|NODE_OPTIONS$)/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, HOME: emptyHome, npm_config_registry: 'http://127.0.0.1:9/', npm_config_offline: 'true' };
}

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('stage-app.sh', () => {
  it('stages @sw/orchestrator with an empty HOME and no registry, and the context runs on its own', async () => {
    const staged = await run('bash', [path.join(REPO_ROOT, 'packages/launcher/docker/stage-app.sh'), out, '@sw/orchestrator'], {
      env: freshMachineEnv(),
      timeout: 120_000,
    });
    expect(staged.stdout).toMatch(/staged @sw\/orchestrator/);

    // Production only: no dev dependency of the orchestrator (its test helpers, type packages) is staged.
    expect(existsSync(path.join(out, 'node_modules/@sw/testing'))).toBe(false);
    expect(existsSync(path.join(out, 'sw/testing'))).toBe(false);
    expect(existsSync(path.join(out, 'node_modules/@types'))).toBe(false);
    // Workspace packages live outside node_modules (Node refuses to strip types below node_modules).
    for (const dep of ['domain', 'db', 'service-kit']) {
      expect(realpathSync(path.join(out, 'node_modules/@sw', dep))).toBe(realpathSync(path.join(out, 'sw', dep)));
    }

    const pj = JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const probe = `
      for (const m of ['./src/region-server/run-region-server.ts', './src/index.ts']) await import(m);
      for (const d of ${JSON.stringify(Object.keys(pj.dependencies))}) import.meta.resolve(d);
      console.log('loaded');`;
    const loaded = await run(NODE, ['--input-type=module', '-e', probe], { cwd: out, env: freshMachineEnv(), timeout: 60_000 });
    expect(loaded.stdout.trim()).toBe('loaded');
  });
});
