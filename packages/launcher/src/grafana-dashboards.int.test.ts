/**
 * The provisioned Grafana dashboards (packages/launcher/docker/grafana/dashboards) against a running Prometheus (Debian's
 * binary, the launcher's configuration and rules): every panel query must be accepted by /api/v1/query, and every
 * metric it names must be one a service of this repository registers (or Prometheus / prom-client's own, or a series
 * recorded by rules.yml) — a renamed metric breaks this test, not a dashboard in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusProcess, RULES_FILE } from './prometheus.ts';
import { REPO_ROOT } from './service-table.ts';

const DASHBOARDS = path.join(REPO_ROOT, 'packages/launcher/docker/grafana/dashboards');
interface Dashboard { uid: string; title: string; panels: Array<{ title: string; targets: Array<{ expr: string }> }> }
const dashboards = readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json')).map((f) => ({ file: f, d: JSON.parse(readFileSync(path.join(DASHBOARDS, f), 'utf8')) as Dashboard }));

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'inf', 'nan']);
/** Metric names in a PromQL expression: identifiers that are not functions, keywords, label names or durations. */
function metricNamesOf(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  return [...stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)]
    .filter((m) => m[2] === undefined) // a name followed by "(" is a function
    .map((m) => m[1]!)
    .filter((n, i, all) => !KEYWORDS.has(n) && all.indexOf(n) === i);
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const sources = ['gateway/src', 'orchestrator/src', 'packages', 'subgraphs'].flatMap((d) => sourceFiles(path.join(REPO_ROOT, d))).map((f) => readFileSync(f, 'utf8')).join('\n');
const recorded = new Set([...readFileSync(RULES_FILE, 'utf8').matchAll(/record:\s*(\S+)/g)].map((m) => m[1]!));

function known(name: string): boolean {
  if (name === 'up' || /^(process|nodejs)_/.test(name)) return true; // Prometheus's own and prom-client's default metrics
  if (name.includes(':')) return recorded.has(name);
  const base = name.replace(/_(bucket|count|sum)$/, '');
  return sources.includes(`'${name}'`) || sources.includes(`'${base}'`);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'sw-grafana-'));
let prom: ChildProcess | null = null;
let url = '';

async function freePort(): Promise<number> {
  return await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  const p = prometheusProcess({ port, prefix: work, hubTargets: [], metricsToken: 'test' });
  for (const [file, content] of Object.entries(p.files)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  writeFileSync(path.join(p.sdDir, 'region-servers.json'), '[]\n');
  prom = spawn(p.bin, p.args, { stdio: 'ignore' });
  url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !(await fetch(`${url}/-/ready`).then((r) => r.ok, () => false))) await new Promise((r) => setTimeout(r, 200));
});

afterAll(() => {
  prom?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

describe('Grafana dashboards', () => {
  it('ships the fleet, gateway, billing and governance dashboards', () => {
    expect(dashboards.map((x) => x.d.uid)).toEqual(expect.arrayContaining(['sw-fleet', 'sw-gateway', 'sw-billing', 'sw-governance']));
  });

  it('finds the metric names of a query', () => {
    expect(metricNamesOf('histogram_quantile(0.95, sum by (le, operation_type) (rate(graphql_request_duration_seconds_bucket{service="governance"}[5m])))')).toEqual(['graphql_request_duration_seconds_bucket']);
    expect(metricNamesOf('time() - max(sw_treasury_reconciliation_last_run_timestamp_seconds)')).toEqual(['sw_treasury_reconciliation_last_run_timestamp_seconds']);
    expect(metricNamesOf('sw:backup_age_seconds > sw_backup_max_age_seconds')).toEqual(['sw:backup_age_seconds', 'sw_backup_max_age_seconds']);
    expect(known('region_players_online')).toBe(false);
    expect(known('sw_region_players_online')).toBe(true);
  });

  for (const { file, d } of dashboards) {
    it(`${file}: every panel query runs on Prometheus and names only metrics the services export`, async () => {
      for (const panel of d.panels) {
        for (const t of panel.targets) {
          const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(t.expr)}`);
          const body = (await res.json()) as { status: string; error?: string };
          expect(body, `${d.uid} / ${panel.title}: ${t.expr}`).toMatchObject({ status: 'success' });
          for (const name of metricNamesOf(t.expr)) expect(known(name), `${d.uid} / ${panel.title}: unknown metric ${name}`).toBe(true);
        }
      }
    });
  }
});
