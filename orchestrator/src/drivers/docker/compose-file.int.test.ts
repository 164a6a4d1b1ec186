/**
 * docker-compose.multi-regional.yml against the compose tool's own `config` check (the docker CLI plugin or
 * Debian's docker-compose; neither needs a running engine), then the seed's services / networks in the resolved
 * config, what it exposes and which secrets it requires (docs/decisions/exposure-of-services.md), and the
 * Prometheus / Grafana / nginx files it mounts. Skips with a clear message when no compose tool exists, unless
 * SW_REQUIRE_DOCKER=1 (CI runs ensure-engine.sh, which installs one).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { productionSecretProblems } from '@sw/auth';
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

/** Every variable the compose file requires (`${VAR:?...}`): secrets and production credentials, no defaults. */
const REQUIRED_VARS = [
  'JWT_SECRET',
  'INTERNAL_CLAIMS_SECRET',
  'HUB_DB_SUPERUSER_PASSWORD',
  'HUB_DB_MIGRATOR_PASSWORD',
  'HUB_DB_APP_PASSWORD',
  'HUB_DB_MANAGER_PASSWORD',
  'REDIS_PASSWORD',
  'REGION_DB_ADMIN_SECRET',
  'REGION_SECRETS_KEY',
  'GRAFANA_ADMIN_PASSWORD',
  'PAYPAL_CLIENT_ID',
  'PAYPAL_CLIENT_SECRET',
  'PAYPAL_WEBHOOK_ID',
  'PAYPAL_REGIONAL_OWNER_PLAN_ID',
  'PAYPAL_GALACTIC_CITIZEN_PLAN_ID',
] as const;

/** Fresh random values for every required variable (what an operator's .env holds). */
const requiredEnv: Record<string, string> = Object.fromEntries(REQUIRED_VARS.map((v) => [v, randomBytes(32).toString('hex')]));

/** The caller's environment without any of the required variables (a developer shell may export some). */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const v of REQUIRED_VARS) delete env[v];
  return env;
}

function compose(args: string[], extraEnv: Record<string, string> = {}): string {
  return execFileSync(tool![0]!, [...tool!.slice(1), '-f', COMPOSE_FILE, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...baseEnv(), ...requiredEnv, ...extraEnv },
  });
}

type PortSpec = string | { published?: string | number; target?: number; host_ip?: string };

/** [host_ip:]published:target, whatever form (v1 "80:80/tcp" strings or v2 objects) the tool prints. */
function portsOf(svc: { ports?: PortSpec[] }): string[] {
  return (svc.ports ?? []).map((p) => {
    if (typeof p === 'string') return p.replace(/\/tcp$/, '');
    return `${p.host_ip ? `${p.host_ip}:` : ''}${p.published}:${p.target}`;
  });
}

interface ResolvedService {
  profiles?: string[];
  ports?: PortSpec[];
  expose?: Array<string | number>;
  volumes?: unknown[];
  networks?: unknown;
  environment?: Record<string, string>;
  image?: string;
  command?: string[] | string;
  depends_on?: Record<string, { condition: string }> | string[];
}

describe.skipIf(!tool)('docker-compose.multi-regional.yml', () => {
  it('passes the compose tool config check, with and without the region-template profile', () => {
    compose(['config', '-q']);
    compose(['--profile', 'region-template', 'config', '-q']);
  });

  it('refuses to resolve without each required secret, naming the missing variable', () => {
    for (const missing of REQUIRED_VARS) {
      const env: NodeJS.ProcessEnv = { ...baseEnv(), ...requiredEnv };
      delete env[missing];
      const r = spawnSync(tool![0]!, [...tool!.slice(1), '-f', COMPOSE_FILE, 'config', '-q'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env });
      expect(r.status, missing).not.toBe(0);
      expect(r.stderr, missing).toContain(missing);
    }
  });

  it('has no default for any secret-like variable (no change-me fallbacks)', () => {
    const text = readFileSync(COMPOSE_FILE, 'utf8');
    const defaults = [...text.matchAll(/\$\{([A-Z0-9_]+):?-[^}]*\}/g)].map((m) => m[1]!);
    expect(defaults.filter((name) => /SECRET|PASSWORD|TOKEN|KEY|PAYPAL_CLIENT/.test(name))).toEqual([]);
    expect(text).not.toMatch(/change-?me/i);
  });

  it('publishes only nginx 80/443, the web apps 3000/3001 and monitoring (Grafana 3002, Prometheus on loopback)', () => {
    const cfg = parse(compose(['config'])) as { services: Record<string, ResolvedService> };
    const published = Object.fromEntries(
      Object.entries(cfg.services)
        .map(([name, svc]) => [name, portsOf(svc).sort()] as const)
        .filter(([, ports]) => ports.length > 0),
    );
    expect(published).toEqual({
      'nginx-gateway': ['443:443', '80:80'],
      'player-client': ['3000:3000'],
      'admin-ui': ['3001:3001'],
      grafana: ['3002:3000'],
      prometheus: ['127.0.0.1:9090:9090'],
    });
    // The seed's internal ports stay the documented ones, on the compose networks only.
    const exposed = (name: string) => (cfg.services[name]!.expose ?? []).map(String);
    expect(exposed('central-nexus-server')).toEqual(['8080']);
    expect(exposed('region-manager')).toEqual(['8081']);
    expect(exposed('central-nexus-db')).toEqual(['5432']);
    expect(exposed('redis-nexus')).toEqual(['6379']);
  });

  it('runs every hub service as a row-access database role with the Redis password, and no web app sees a secret', () => {
    const cfg = parse(compose(['config'])) as { services: Record<string, ResolvedService> };
    const backend = ['gateway-1', 'gateway-2', 'gateway-3', 'central-nexus-server', 'region-subgraph', 'governance-subgraph', 'region-manager'];
    for (const name of backend) {
      const env = cfg.services[name]!.environment!;
      const [user, password] = name === 'region-manager' ? ['sw_region_manager', requiredEnv.HUB_DB_MANAGER_PASSWORD] : ['sw_app', requiredEnv.HUB_DB_APP_PASSWORD];
      expect(new URL(env.DATABASE_URL!).username, name).toBe(user);
      expect(new URL(env.DATABASE_URL!).password, name).toBe(password);
      // The gateways and subgraphs go through the transaction-pooling pgbouncer; the region-manager, which holds session
      // advisory locks, connects directly (docs/decisions/hub-connection-pooling.md).
      if (name === 'region-manager') {
        expect(new URL(env.DATABASE_URL!).host, name).toBe('central-nexus-db:5432');
        expect(env.DATABASE_POOL_MODE, name).toBeUndefined();
      } else {
        expect(new URL(env.DATABASE_URL!).host, name).toBe('hub-pgbouncer:6432');
        expect(env.DATABASE_POOL_MODE, name).toBe('transaction');
        expect(cfg.services[name]!.depends_on, name).toMatchObject({ 'hub-pgbouncer': { condition: 'service_healthy' } });
      }
      expect(new URL(env.REDIS_URL!).password, name).toBe(requiredEnv.REDIS_PASSWORD);
      expect(env.NODE_ENV, name).toBe('production');
      // What the services check at startup accepts what the compose file hands them.
      expect(productionSecretProblems(env), name).toEqual([]);
      expect(cfg.services[name]!.depends_on, name).toMatchObject({ 'hub-migrate': { condition: 'service_completed_successfully' } });
    }
    for (const name of ['player-client', 'admin-ui']) {
      const env = cfg.services[name]!.environment!;
      expect(Object.keys(env).filter((k) => /SECRET|PASSWORD|DATABASE_URL|REDIS_URL/.test(k)), name).toEqual([]);
    }
    // Only the one-shot migration job holds the superuser and migration-role credentials.
    const migrate = cfg.services['hub-migrate']!.environment!;
    expect(new URL(migrate.HUB_DB_ADMIN_URL!).username).toBe('postgres');
    expect(new URL(migrate.DATABASE_URL!).username).toBe('sw_migrator');
    expect(migrate.DATABASE_APP_ROLE).toBe('sw_app');
    expect(migrate.DATABASE_MANAGER_ROLE).toBe('sw_region_manager');
    for (const [name, svc] of Object.entries(cfg.services)) {
      if (name === 'hub-migrate' || name === 'central-nexus-db') continue;
      expect(JSON.stringify(svc.environment ?? {}), name).not.toContain(requiredEnv.HUB_DB_SUPERUSER_PASSWORD);
      expect(JSON.stringify(svc.environment ?? {}), name).not.toContain(requiredEnv.HUB_DB_MIGRATOR_PASSWORD);
    }
    expect(JSON.stringify(cfg.services['redis-nexus']!.command)).toContain('--requirepass');
    // The pooler logs in as sw_app with the app password (and accepts only that role).
    expect(cfg.services['hub-pgbouncer']!.environment).toMatchObject({
      PGBOUNCER_SERVER_HOST: 'central-nexus-db',
      PGBOUNCER_USER: 'sw_app',
      PGBOUNCER_PASSWORD: requiredEnv.HUB_DB_APP_PASSWORD,
    });
  });

  it('has the seed services and networks', () => {
    const cfg = parse(compose(['config'])) as {
      services: Record<string, ResolvedService>;
      networks: Record<string, { name?: string; ipam?: { config?: Array<{ subnet: string }> } }>;
    };
    for (const name of ['nginx-gateway', 'central-nexus-server', 'central-nexus-db', 'redis-nexus', 'region-manager', 'player-client', 'admin-ui', 'prometheus', 'grafana']) {
      expect(cfg.services[name], name).toBeDefined();
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
    expect(cfg.services['gateway-1']!.build?.args?.BASE_IMAGE).toBe('sw-local/node:24');
  });

  it('ships valid Prometheus, Grafana and nginx files', () => {
    const cfg = parse(compose(['config'])) as { services: Record<string, ResolvedService> };
    const dir = path.join(REPO_ROOT, 'packages/launcher/docker');
    const prom = parse(readFileSync(path.join(dir, 'prometheus.yml'), 'utf8')) as { rule_files: string[]; scrape_configs: Array<{ job_name: string; file_sd_configs?: Array<{ files: string[] }>; authorization?: { credentials_file: string } }> };
    expect(prom.scrape_configs.map((j) => j.job_name)).toEqual(['hub', 'region-servers']);
    // Region-servers come from the file the region-manager writes into the shared volume (PROMETHEUS_SD_DIR).
    const sdDir = cfg.services['region-manager']!.environment!.PROMETHEUS_SD_DIR!;
    expect(prom.scrape_configs[1]!.file_sd_configs![0]!.files).toEqual([`${sdDir}/region-servers.json`]);
    expect(prom.scrape_configs[1]!.authorization!.credentials_file).toBe(`${sdDir}/region-metrics.token`);
    expect(JSON.stringify(cfg.services.prometheus!.volumes)).toContain(sdDir);
    expect(JSON.stringify(cfg.services['region-manager']!.volumes)).toContain(sdDir);
    expect(JSON.stringify(cfg.services.prometheus!.volumes)).toContain('rules.yml');
    const hub = JSON.parse(readFileSync(path.join(dir, 'prometheus-hub-services.json'), 'utf8')) as Array<{ targets: string[] }>;
    for (const t of hub.flatMap((g) => g.targets)) expect(Object.keys(cfg.services)).toContain(t.split(':')[0]);
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
    // PayPal reaches the (unpublished) region-manager through nginx, on the webhook path only.
    expect(nginx.match(/location = \/api\/v1\/paypal\/webhooks/g)).toHaveLength(2);
    expect(nginx).toContain('server region-manager:8081');
    expect(nginx).toMatch(/listen 443 ssl;/);
    // Three gateway processes: WebSockets by consistent hash on the affinity key, the rest round-robin.
    for (const g of ['gateway-1', 'gateway-2', 'gateway-3']) {
      expect(cfg.services[g], g).toBeDefined();
      expect(nginx.match(new RegExp(`server ${g}:4000 `, 'g')), g).toHaveLength(2);
    }
    expect(nginx).toMatch(/upstream sw_gateway_ws \{\s+hash \$sw_affinity consistent;/);
    expect(existsSync(path.join(dir, 'service.Dockerfile'))).toBe(true);
  });
});
