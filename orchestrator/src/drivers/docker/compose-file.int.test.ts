/**
 * docker-compose.multi-regional.yml against the compose tool's own `config` check (the docker CLI plugin or
 * Debian's docker-compose; neither needs a running engine), then the seed's services / ports / networks in the
 * resolved config, and the Prometheus / Grafana / nginx files it mounts. Skips with a clear message when no compose
 * tool exists, unless SW_REQUIRE_DOCKER=1 (CI runs ensure-engine.sh, which installs one).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './region-image.ts';

const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.multi-regional.yml');

function composeTool(): string[] | null {
  const tries: string[][] = [['docker', 'compose'], ['docker-compose']];
  for (const t of tries) {
    try {
      execFileSync(t[0]!, [...t.slice(1), 'version'], { stdio: 'ignore', timeout: 20_000 });
      return t;
    } catch {
      /* next */
    }
  }
  return null;
}

const tool = composeTool();
if (!tool && process.env.SW_REQUIRE_DOCKER === '1') throw new Error('SW_REQUIRE_DOCKER=1 but neither `docker compose` nor `docker-compose` exists (run packages/launcher/docker/ensure-engine.sh)');
if (!tool) console.warn('[compose-file.int.test] SKIPPED: no compose tool (`docker compose` / `docker-compose`); run packages/launcher/docker/ensure-engine.sh');

function compose(args: string[], extraEnv: Record<string, string> = {}): string {
  return execFileSync(tool![0]!, [...tool!.slice(1), '-f', COMPOSE_FILE, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    // Required variables of the file get throwaway values here (config rendering only).
    env: { REGION_SECRETS_KEY: 'dGhyb3dhd2F5LWNvbXBvc2UtY29uZmlnLXRlc3Qta2V5', ...process.env, ...extraEnv },
  });
}

/** Published → target pairs, whatever form (v1 "80:80/tcp" strings or v2 objects) the tool prints. */
function portsOf(svc: { ports?: Array<string | { published?: string | number; target?: number }> }): string[] {
  return (svc.ports ?? []).map((p) => {
    if (typeof p === 'string') {
      const parts = p.replace(/\/tcp$/, '').split(':');
      return `${parts.at(-2)}:${parts.at(-1)}`;
    }
    return `${p.published}:${p.target}`;
  });
}

describe.skipIf(!tool)('docker-compose.multi-regional.yml', () => {
  it('passes the compose tool config check, with and without the region-template profile', () => {
    compose(['config', '-q']);
    compose(['--profile', 'region-template', 'config', '-q']);
  });

  it('has the seed services, ports and networks', () => {
    const cfg = parse(compose(['config'])) as {
      services: Record<string, { profiles?: string[]; ports?: Array<string | { published?: string | number; target?: number }>; volumes?: unknown[]; networks?: unknown; environment?: Record<string, string>; image?: string }>;
      networks: Record<string, { name?: string; ipam?: { config?: Array<{ subnet: string }> } }>;
    };
    const expected: Record<string, string[]> = {
      'nginx-gateway': ['80:80', '443:443'],
      'central-nexus-server': ['8080:8080'],
      'central-nexus-db': ['5433:5432'],
      'redis-nexus': ['6379:6379'],
      'region-manager': ['8081:8081'],
      'player-client': ['3000:3000'],
      'admin-ui': ['3001:3001'],
      prometheus: ['9090:9090'],
      grafana: ['3002:3000'],
    };
    for (const [name, ports] of Object.entries(expected)) {
      expect(cfg.services[name], name).toBeDefined();
      expect(portsOf(cfg.services[name]!).sort(), name).toEqual([...ports].sort());
    }
    // The region template is only a profile: not started by default (the region-manager instantiates it per region).
    const tpl = cfg.services['region-template'] as { profiles?: string[] } | undefined;
    if (tpl) expect(tpl.profiles).toEqual(['region-template']);
    // The region-manager reaches the engine through the mounted socket and runs the docker driver.
    const rm = cfg.services['region-manager']!;
    expect(JSON.stringify(rm.volumes)).toContain('/var/run/docker.sock');
    expect(rm.environment).toMatchObject({ RUNTIME_DRIVER: 'docker', SW_DOCKER_SHARED_NETWORK: 'sw_regional_network' });
    const subnets = Object.values(cfg.networks).map((n) => n.ipam?.config?.[0]?.subnet);
    expect(subnets).toEqual(expect.arrayContaining(['172.20.0.0/16', '172.21.0.0/16']));
    expect(cfg.networks.regional_network?.name).toBe('sw_regional_network');
    // Grafana gets provisioned datasources and dashboards.
    expect(JSON.stringify(cfg.services.grafana!.volumes)).toContain('grafana/provisioning');
    expect(JSON.stringify(cfg.services.grafana!.volumes)).toContain('grafana/dashboards');
  });

  it('takes local base images for offline machines through env', () => {
    const cfg = parse(compose(['config'], { POSTGRES_IMAGE: 'sw-local/postgres:15', REDIS_IMAGE: 'sw-local/redis:7', BASE_IMAGE: 'sw-local/node:24' })) as {
      services: Record<string, { image?: string; build?: { args?: Record<string, string> } }>;
    };
    expect(cfg.services['central-nexus-db']!.image).toBe('sw-local/postgres:15');
    expect(cfg.services['redis-nexus']!.image).toBe('sw-local/redis:7');
    expect(cfg.services.gateway!.build?.args?.BASE_IMAGE).toBe('sw-local/node:24');
  });

  it('ships valid Prometheus, Grafana and nginx files', () => {
    const dir = path.join(REPO_ROOT, 'packages/launcher/docker');
    const prom = parse(readFileSync(path.join(dir, 'prometheus.yml'), 'utf8')) as { scrape_configs: Array<{ job_name: string; docker_sd_configs?: Array<{ filters: Array<{ values: string[] }> }> }> };
    expect(prom.scrape_configs.map((j) => j.job_name)).toEqual(['hub', 'region-servers']);
    const sd = prom.scrape_configs[1]!.docker_sd_configs![0]!;
    expect(sd.filters.flatMap((f) => f.values)).toContain('io.sectorwars.role=server');
    const ds = parse(readFileSync(path.join(dir, 'grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as { datasources: Array<{ uid: string; url: string }> };
    expect(ds.datasources[0]).toMatchObject({ uid: 'sw-prometheus', url: 'http://prometheus:9090' });
    const prov = parse(readFileSync(path.join(dir, 'grafana/provisioning/dashboards/sectorwars.yml'), 'utf8')) as { providers: Array<{ options: { path: string } }> };
    expect(prov.providers[0]!.options.path).toBe('/var/lib/grafana/dashboards');
    const dashboards = readdirSync(path.join(dir, 'grafana/dashboards')).filter((f) => f.endsWith('.json'));
    expect(dashboards.length).toBeGreaterThanOrEqual(2);
    for (const f of dashboards) {
      const d = JSON.parse(readFileSync(path.join(dir, 'grafana/dashboards', f), 'utf8')) as { uid: string; panels: Array<{ datasource: { uid: string } }> };
      expect(d.uid).toMatch(/^sw-/);
      for (const p of d.panels) expect(p.datasource.uid).toBe('sw-prometheus');
    }
    const nginx = readFileSync(path.join(dir, 'nginx.conf'), 'utf8');
    expect(nginx).toMatch(/listen 80;/);
    expect(nginx).toMatch(/listen 443 ssl;/);
    expect(nginx).toContain('server gateway:4000');
    expect(existsSync(path.join(dir, 'service.Dockerfile'))).toBe(true);
  });
});
