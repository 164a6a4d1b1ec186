/**
 * The alert and recording rules (packages/launcher/prometheus/rules.yml) against their promtool unit tests, and the
 * launcher's generated prometheus.yml through `promtool check config` (rule files included). Needs Debian's
 * prometheus package (bootstrap.sh installs it); promtool ships with it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES_FILE } from './prometheus.ts';
import { platformServices, withPrometheus } from './service-table.ts';
import { spawnService } from './spawn-service.ts';

const promtool = (...args: string[]) => spawnSync('promtool', args, { encoding: 'utf8', cwd: path.dirname(RULES_FILE) });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sw-promtool-'));
let prefix = '';
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

describe('Prometheus rules and configuration', () => {
  it('promtool is installed', () => {
    expect(promtool('--version').status).toBe(0);
  });

  it('the rules pass their promtool unit tests', () => {
    const r = promtool('test', 'rules', 'rules.test.yml');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('SUCCESS');
  });

  it('a broken expectation fails the rule tests (the run really evaluates them)', () => {
    const broken = path.join(tmp, 'broken.test.yml');
    writeFileSync(broken, [
      `rule_files: [${JSON.stringify(RULES_FILE)}]`,
      'tests:',
      '  - interval: 1m',
      "    input_series: [{ series: 'sw_treasury_reconciliation_mismatches', values: '0x5' }]",
      '    alert_rule_test:',
      '      - { alertname: TreasuryReconciliationMismatch, eval_time: 3m, exp_alerts: [{ exp_labels: { severity: critical } }] }',
    ].join('\n'));
    expect(promtool('test', 'rules', broken).status).not.toBe(0);
  });

  it('the generated prometheus.yml of the embedded platform passes promtool check config', async () => {
    // The launcher's own table on a port of this test (its files go to var/prometheus/<port>/, removed afterwards).
    const services = withPrometheus(platformServices(['nexus', 'region', 'governance', 'orchestrator', 'gateway']), { ...process.env, PROMETHEUS_PORT: '21990' });
    const prom = services.find((s) => s.id === 'prometheus')!;
    const confPath = Object.keys(prom.files!).find((p) => p.endsWith('prometheus.yml'))!;
    prefix = path.dirname(confPath);
    // spawnService writes the generated files before it runs the program: run promtool in its place.
    const child = spawnService({ ...prom, bin: 'true', args: [] }, process.env, 'ignore');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(statSync(path.join(prefix, 'sd', 'region-metrics.token')).mode & 0o777).toBe(0o600);
    const r = promtool('check', 'config', confPath);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS: \d+ rules found/);
  });
});
