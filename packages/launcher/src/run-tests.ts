/**
 * The whole test suite in one command: typecheck, vitest (unit + integration against the real local Postgres/Redis),
 * then Playwright end-to-end tests in Debian Chromium against the running platform. Every stage runs even when an
 * earlier one failed, so one run shows everything; the last line is the total ("Tests: N passed, N failed, N skipped").
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './service-table.ts';

const resultsDir = join(REPO_ROOT, 'var', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

interface StageResult {
  name: string;
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
}

function run(name: string, cmd: string[], cwd: string, env: Record<string, string> = {}): { ok: boolean; seconds: number } {
  const t0 = performance.now();
  process.stdout.write(`\n=== ${name}: ${cmd.join(' ')}\n`);
  const res = spawnSync(process.execPath, cmd, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: res.status === 0, seconds: (performance.now() - t0) / 1000 };
}

function readJson(path: string): any {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

const stages: StageResult[] = [];

const tsc = run('typecheck', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'], REPO_ROOT);
stages.push({ name: 'typecheck', ok: tsc.ok, passed: 0, failed: tsc.ok ? 0 : 1, skipped: 0, seconds: tsc.seconds });

const vitestJson = join(resultsDir, 'vitest.json');
const vt = run(
  'vitest',
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  REPO_ROOT,
);
const v = readJson(vitestJson);
stages.push({
  name: 'vitest',
  ok: vt.ok && v !== null,
  passed: v?.numPassedTests ?? 0,
  failed: v ? v.numFailedTests + (vt.ok ? 0 : v.numFailedTests === 0 ? 1 : 0) : 1,
  skipped: (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0),
  seconds: vt.seconds,
});

// The e2e stage serves a production build of the web app; building it is part of the suite (it also typechecks web/).
const web = run('web build', ['node_modules/next/dist/bin/next', 'build'], join(REPO_ROOT, 'web'), { NEXT_TELEMETRY_DISABLED: '1' });
stages.push({ name: 'web build', ok: web.ok, passed: 0, failed: web.ok ? 0 : 1, skipped: 0, seconds: web.seconds });

const pwJson = join(resultsDir, 'playwright.json');
const pw = run('e2e (playwright)', ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], join(REPO_ROOT, 'e2e'), {
  PLAYWRIGHT_JSON_OUTPUT_FILE: pwJson,
});
const p = readJson(pwJson);
stages.push({
  name: 'e2e',
  ok: pw.ok && p !== null,
  passed: (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0),
  failed: p ? p.stats.unexpected + (pw.ok ? 0 : p.stats.unexpected === 0 ? 1 : 0) : 1,
  skipped: p?.stats?.skipped ?? 0,
  seconds: pw.seconds,
});

process.stdout.write('\n=== summary\n');
for (const s of stages) {
  process.stdout.write(
    `${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(10)} ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped (${s.seconds.toFixed(1)} s)\n`,
  );
}
const total = stages.reduce((a, s) => ({ p: a.p + s.passed, f: a.f + s.failed, k: a.k + s.skipped }), { p: 0, f: 0, k: 0 });
process.stdout.write(`Tests: ${total.p} passed, ${total.f} failed, ${total.k} skipped\n`);
process.exit(stages.every((s) => s.ok) ? 0 : 1);
