/**
 * Runs the whole platform on its embedded default: migrates and seeds the hub database, builds the web app when
 * its build is missing, starts every service as a child process on Node 24, waits until each answers its health
 * endpoint, prints the URLs, and on Ctrl-C (SIGINT) or SIGTERM stops everything it started.
 *
 * SW_EPHEMERAL_DB=1 runs on a fresh, randomly named database that is dropped on exit (end-to-end tests use it).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, readEnv } from '@sw/config';
import { migrateHub, createDb, seedDemoUsers } from '@sw/db';
import { ensureDatabase, dropDatabase } from './database.ts';
import { platformServices, REPO_ROOT, type ServiceSpec } from './service-table.ts';
import { waitForHealthy } from './wait-healthy.ts';
import { portIsFree } from './port-free.ts';
import { seedBaseGalaxy } from './seed-galaxy.ts';
import { spawnService } from './spawn-service.ts';
import { APP_ROLE_SERVICES, prepareAppRole } from './app-role.ts';

const started = performance.now();
const logDir = join(REPO_ROOT, 'var', 'log');
mkdirSync(logDir, { recursive: true });

const ephemeral = process.env.SW_EPHEMERAL_DB === '1';
let databaseUrl = readEnv('DATABASE_URL', DEFAULT_DATABASE_URL);
if (ephemeral) {
  const url = new URL(databaseUrl);
  url.pathname = `/sw_run_${randomBytes(4).toString('hex')}`;
  databaseUrl = url.toString();
}
const redisUrl = readEnv('REDIS_URL', DEFAULT_REDIS_URL);
/** SW_DB_APP_ROLE: run the subgraphs and the gateway as this least-privilege role (docs/decisions/hub-database-roles.md). */
const appRole = readEnv('SW_DB_APP_ROLE', '');
let appDatabaseUrl: string | null = null;
const children = new Map<string, ChildProcess>();
let stopping = false;

function say(line: string) {
  process.stdout.write(`[platform] ${line}\n`);
}

let stopPromise: Promise<void> | null = null;

/**
 * A child's grace between SIGTERM and SIGKILL. Longer than a service's own stop deadline (the orchestrator's is 10 s,
 * orchestrator/src/main.ts), so a graceful stop — the orchestrator stopping its region-servers — is never cut short.
 */
const STOP_GRACE_MS = 15_000;

/**
 * Stops every child (SIGTERM, SIGKILL after STOP_GRACE_MS), drops an ephemeral database, exits. On Ctrl-C the
 * terminal has already sent SIGINT to every child (one process group); the SIGTERM here covers `kill <launcher>`.
 */
async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  stopPromise ??= (async () => {
    say('stopping services...');
    await Promise.all(
      [...children.values()].reverse().map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const killTimer = setTimeout(() => {
              say(`a service (pid ${child.pid}) did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
              child.kill('SIGKILL');
            }, STOP_GRACE_MS);
            child.once('exit', () => {
              clearTimeout(killTimer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    if (ephemeral) await dropDatabase(databaseUrl).catch((e) => say(`could not drop ${databaseUrl}: ${e}`));
    say('stopped');
  })();
  await stopPromise;
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** Newest modification time (ms) of any file below `dir`, skipping build output and dependencies. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when it has no build yet or its sources changed since the last build. */
function ensureWebBuild() {
  const buildId = join(REPO_ROOT, 'web', '.next', 'BUILD_ID');
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestMtime(join(REPO_ROOT, 'web'))) return;
  say('building the web app (sources changed or first run)...');
  const result = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    cwd: join(REPO_ROOT, 'web'),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('web build failed');
}

function startService(spec: ServiceSpec): ChildProcess {
  const log = createWriteStream(join(logDir, `${spec.id}.log`), { flags: 'a' });
  const child = spawnService(spec, {
    ...process.env,
    DATABASE_URL: appDatabaseUrl && APP_ROLE_SERVICES.has(spec.name) ? appDatabaseUrl : databaseUrl,
    ...(appDatabaseUrl && APP_ROLE_SERVICES.has(spec.name) ? { JOBS_MIGRATE: 'false' } : {}),
    REDIS_URL: redisUrl,
    ORCHESTRATOR_STOP_REGIONS_ON_EXIT: process.env.ORCHESTRATOR_STOP_REGIONS_ON_EXIT ?? 'true',
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    say(`${spec.id} exited unexpectedly (code ${code}, signal ${signal}); see var/log/${spec.id}.log`);
    void stopAll(1);
  });
  child.on('error', (err) => {
    if (stopping) return;
    say(`${spec.id} could not start (${spec.bin ?? process.execPath}): ${err.message}`);
    void stopAll(1);
  });
  children.set(spec.id, child);
  return child;
}

async function main() {
  const only = process.env.SW_SERVICES?.split(',').map((s) => s.trim());
  let services = platformServices(only);
  // bootstrap.sh installs Debian's prometheus; without it the platform still runs, unmonitored.
  const prom = services.find((s) => s.id === 'prometheus');
  if (prom && spawnSync(prom.bin ?? 'prometheus', ['--version'], { stdio: 'ignore' }).error) {
    say(`${prom.bin ?? 'prometheus'} is not installed (bash packages/launcher/bootstrap.sh installs it): running without Prometheus`);
    services = platformServices(only).filter((s) => s.id !== 'prometheus').map((s) => (s.name === 'orchestrator' ? { ...s, env: Object.fromEntries(Object.entries(s.env ?? {}).filter(([k]) => k !== 'PROMETHEUS_SD_DIR')) } : s));
  }
  // A second platform on the same ports would be "healthy" through the first one's services; refuse clearly.
  const busy = (await Promise.all(services.map(async (s) => ((await portIsFree(s.port)) ? null : `${s.id} (:${s.port})`)))).filter(Boolean);
  if (busy.length > 0) throw new Error(`ports already in use: ${busy.join(', ')} — is the platform already running?`);
  await ensureDatabase(databaseUrl);
  await migrateHub(databaseUrl);
  const { db, sql, close } = createDb(databaseUrl);
  try {
    await seedDemoUsers(db);
    await seedBaseGalaxy(sql, (line) => say(line));
    if (appRole) {
      appDatabaseUrl = await prepareAppRole(sql, databaseUrl, appRole, readEnv('SW_DB_APP_PASSWORD', '') || undefined);
      say(`services ${[...APP_ROLE_SERVICES].join(', ')} connect as the application role ${appRole} (row access only)`);
    }
  } finally {
    await close();
  }
  if (services.some((s) => s.name === 'web')) ensureWebBuild();
  const bootStarted = performance.now();
  for (const spec of services) startService(spec);
  // Generous: with a Docker engine the orchestrator first builds the region image (about a minute on a loaded machine).
  await waitForHealthy(services, { timeoutMs: 180_000, isStopping: () => stopping });
  const readyMs = Math.round(performance.now() - started);
  const servicesMs = Math.round(performance.now() - bootStarted);
  writeFileSync(
    join(REPO_ROOT, 'var', 'platform.json'),
    JSON.stringify({ databaseUrl, readyMs, servicesMs, pids: Object.fromEntries([...children].map(([n, c]) => [n, c.pid])) }, null, 2),
  );
  say(`all services healthy in ${(readyMs / 1000).toFixed(1)} s (services started in ${(servicesMs / 1000).toFixed(1)} s)`);
  const replicas = services.filter((s) => s.id.startsWith('gateway-'));
  for (const spec of services) {
    if (spec.id.startsWith('gateway-')) continue;
    const note = spec.id === 'nginx' ? ` (nginx → ${replicas.length} gateways on :${replicas.map((r) => r.port).join(', :')})` : '';
    say(`  ${spec.name.padEnd(13)} http://127.0.0.1:${spec.port}${spec.name === 'gateway' ? '/graphql' : ''}${note}`);
  }
  const gatewayPort = services.find((s) => s.id === 'nginx' || s.id === 'gateway')?.port ?? 4000;
  say(`  health        http://127.0.0.1:${gatewayPort}/api/v1/status/health`);
  say(`  dev login     POST http://127.0.0.1:${gatewayPort}/api/v1/auth/dev-login {"username":"alice"} (admin, alice, bob, carol; this machine only)`);
  say(`logs in ${logDir}; press Ctrl-C to stop everything`);
}

main().catch(async (err) => {
  if (!stopping) say(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
  await stopAll(1);
});
