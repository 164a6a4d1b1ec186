import { describe, expect, it } from 'vitest';
import { hubScrapeGroups, prometheusProcess, renderPrometheusConfig, RULES_FILE } from './prometheus.ts';
import { platformServices, withPrometheus, type ServiceSpec } from './service-table.ts';

interface Scrape { job_name: string; file_sd_configs?: Array<{ files: string[] }>; authorization?: { credentials_file: string }; static_configs?: Array<{ targets: string[] }> }

describe('renderPrometheusConfig', () => {
  it('discovers the hub and the region-servers from files, the latter with the metrics token, and loads the rules', () => {
    const text = renderPrometheusConfig({ sdDir: '/sd', self: '127.0.0.1:21090' });
    expect(text.startsWith('# Generated')).toBe(true);
    const cfg = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { rule_files: string[]; scrape_configs: Scrape[] };
    expect(cfg.rule_files).toEqual([RULES_FILE]);
    const jobs = Object.fromEntries(cfg.scrape_configs.map((s) => [s.job_name, s]));
    expect(jobs.hub!.file_sd_configs![0]!.files).toEqual(['/sd/hub-services.json']);
    expect(jobs['region-servers']!.file_sd_configs![0]!.files).toEqual(['/sd/region-servers.json']);
    expect(jobs['region-servers']!.authorization!.credentials_file).toBe('/sd/region-metrics.token');
    expect(jobs.prometheus!.static_configs![0]!.targets).toEqual(['127.0.0.1:21090']);
  });

  it('labels each hub target with its service', () => {
    expect(hubScrapeGroups([{ service: 'gateway', host: '127.0.0.1', port: 4000 }])).toEqual([{ targets: ['127.0.0.1:4000'], labels: { service: 'gateway' } }]);
  });

  it('listens on loopback with its data under the prefix', () => {
    const p = prometheusProcess({ port: 21090, prefix: '/var/p', hubTargets: [] });
    expect(p.args).toEqual(expect.arrayContaining(['--config.file=/var/p/prometheus.yml', '--storage.tsdb.path=/var/p/data', '--web.listen-address=127.0.0.1:21090']));
    expect(Object.keys(p.files).sort()).toEqual(['/var/p/prometheus.yml', '/var/p/sd/hub-services.json', '/var/p/sd/region-metrics.token']);
    expect(prometheusProcess({ port: 1, prefix: '/x', hubTargets: [], metricsToken: 't0k' }).files['/x/sd/region-metrics.token']).toBe('t0k');
    expect(p.sdDir).toBe('/var/p/sd');
  });
});

describe('the launcher runs Prometheus', () => {
  it('on PROMETHEUS_PORT, scraping every service but web, nginx and the PayPal emulator, and tells the orchestrator where to write regions', () => {
    const base: ServiceSpec[] = [
      { id: 'paypal', name: 'paypal', args: [], cwd: '/', port: 21089, healthPath: '/health' },
      { id: 'nexus', name: 'nexus', args: [], cwd: '/', port: 21001, healthPath: '/health' },
      { id: 'orchestrator', name: 'orchestrator', args: [], cwd: '/', port: 21081, healthPath: '/health', env: { A: '1' } },
      { id: 'gateway-1', name: 'gateway', args: [], cwd: '/', port: 21011, healthPath: '/health' },
      { id: 'nginx', name: 'gateway', args: [], cwd: '/', port: 21000, healthPath: '/health' },
      { id: 'web', name: 'web', args: [], cwd: '/', port: 21300, healthPath: '/api/health' },
    ];
    const out = withPrometheus(base, { PROMETHEUS_PORT: '21090' });
    const prom = out.find((s) => s.id === 'prometheus')!;
    expect(prom.port).toBe(21090);
    expect(prom.healthPath).toBe('/-/ready');
    const hub = JSON.parse(Object.entries(prom.files!).find(([p]) => p.endsWith('hub-services.json'))![1]) as Array<{ labels: { service: string } }>;
    expect(hub.map((g) => g.labels.service)).toEqual(['nexus', 'orchestrator', 'gateway-1']);
    const orch = out.find((s) => s.id === 'orchestrator')!;
    expect(orch.env).toEqual({ A: '1', PROMETHEUS_SD_DIR: expect.stringMatching(/var\/prometheus\/21090\/sd$/) as unknown, PROMETHEUS_URL: 'http://127.0.0.1:21090' });
    expect(withPrometheus(base, { SW_PROMETHEUS: '0' })).toEqual(base);
  });

  it('is part of the platform unless SW_SERVICES leaves it out', () => {
    expect(platformServices().some((s) => s.id === 'prometheus')).toBe(true);
    const some = platformServices(['nexus', 'orchestrator']);
    expect(some.map((s) => s.id)).toEqual(['nexus', 'orchestrator']);
    expect(some[1]!.env?.PROMETHEUS_SD_DIR).toBeUndefined();
  });
});

describe('rules.yml references only metrics the services export', () => {
  /** Where each metric the rules use is registered (its owning service). */
  const OWNERS: Record<string, string> = {
    sw_fleet_active_regions: 'orchestrator/src/index.ts',
    sw_fleet_soft_target: 'orchestrator/src/index.ts',
    sw_region_runtime_state: 'orchestrator/src/index.ts',
    sw_paypal_webhook_inbox_lag_seconds: 'orchestrator/src/index.ts',
    sw_backup_last_success_timestamp_seconds: 'orchestrator/src/backups/backup-metrics.ts',
    sw_backup_max_age_seconds: 'orchestrator/src/backups/backup-metrics.ts',
    sw_gateway_graphql_request_duration_seconds: 'gateway/src/gateway-metrics.ts',
    sw_treasury_reconciliation_mismatches: 'subgraphs/governance/src/start-governance-subgraph.ts',
    sw_db_pool_open_connections: 'packages/service-kit/src/db-pool-metrics.ts',
    sw_db_pool_max_connections: 'packages/service-kit/src/db-pool-metrics.ts',
  };

  it('names each metric exactly where its owner registers it', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { REPO_ROOT } = await import('./service-table.ts');
    const rules = readFileSync(RULES_FILE, 'utf8').split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
    const used = new Set([...rules.matchAll(/\b(sw_[a-z0-9_]+?)(?:_bucket|_count|_sum)?\b(?=[{\s)[]|$)/gm)].map((m) => m[1]!));
    expect([...used].sort()).toEqual(Object.keys(OWNERS).sort());
    for (const [name, file] of Object.entries(OWNERS)) {
      expect(readFileSync(join(REPO_ROOT, file), 'utf8'), `${name} in ${file}`).toContain(`'${name}'`);
    }
  });
});
