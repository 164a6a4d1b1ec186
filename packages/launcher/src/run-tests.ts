/**
 * The whole test suite in one command: typecheck, lint (type-aware typescript-eslint), vitest (unit + integration
 * against the real local Postgres/Redis), then Playwright end-to-end tests in Debian Chromium against the running
 * platform. Every stage runs even when an earlier one failed, so one run shows everything; the run fails when any stage
 * does, and the last line is the total ("Tests: N passed, N failed, N skipped").
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

/** A JSON report written by a stage, or null when the stage did not write one (it crashed before). */
function readReport(path: string): Record<string, unknown> | null {
  if (!existsSync(path)) return null;
  const report: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return typeof report === 'object' && report !== null ? (report as Record<string, unknown>) : null;
}

/** The number at `keys` (nested) in a report; 0 when absent. */
function count(report: Record<string, unknown> | null, ...keys: string[]): number {
  let v: unknown = report;
  for (const k of keys) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return typeof v === 'number' ? v : 0;
}

const stages: StageResult[] = [];

const tsc = run('typecheck', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'], REPO_ROOT);
stages.push({ name: 'typecheck', ok: tsc.ok, passed: 0, failed: tsc.ok ? 0 : 1, skipped: 0, seconds: tsc.seconds });

// Type-aware lint (eslint.config.js: no floating / misused promises, no unsafe any). No --cache: ESLint's cache is keyed
// per file, so a type change in one file would not re-lint the files that use it (stale passes).
const lint = run('lint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0'], REPO_ROOT);
stages.push({ name: 'lint', ok: lint.ok, passed: 0, failed: lint.ok ? 0 : 1, skipped: 0, seconds: lint.seconds });

const vitestJson = join(resultsDir, 'vitest.json');
const vt = run(
  'vitest',
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  REPO_ROOT,
);
const v = readReport(vitestJson);
const vFailed = count(v, 'numFailedTests');
stages.push({
  name: 'vitest',
  ok: vt.ok && v !== null,
  passed: count(v, 'numPassedTests'),
  failed: v ? vFailed + (vt.ok ? 0 : vFailed === 0 ? 1 : 0) : 1,
  skipped: count(v, 'numPendingTests') + count(v, 'numTodoTests'),
  seconds: vt.seconds,
});

// The e2e stage serves a production build of the web app; building it is part of the suite (it also typechecks web/).
const web = run('web build', ['node_modules/next/dist/bin/next', 'build'], join(REPO_ROOT, 'web'), { NEXT_TELEMETRY_DISABLED: '1' });
stages.push({ name: 'web build', ok: web.ok, passed: 0, failed: web.ok ? 0 : 1, skipped: 0, seconds: web.seconds });

const pwJson = join(resultsDir, 'playwright.json');
const pw = run('e2e (playwright)', ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], join(REPO_ROOT, 'e2e'), {
  PLAYWRIGHT_JSON_OUTPUT_FILE: pwJson,
});
const p = readReport(pwJson);
const pFailed = count(p, 'stats', 'unexpected');
stages.push({
  name: 'e2e',
  ok: pw.ok && p !== null,
  passed: count(p, 'stats', 'expected') + count(p, 'stats', 'flaky'),
  failed: p ? pFailed + (pw.ok ? 0 : pFailed === 0 ? 1 : 0) : 1,
  skipped: count(p, 'stats', 'skipped'),
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
