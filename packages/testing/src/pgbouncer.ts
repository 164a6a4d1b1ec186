/**
 * A throw-away pgbouncer (the machine's Debian package, 1.18) in front of the local Postgres for integration tests:
 * its own config, auth file, log and pid file in a temp dir, a free loopback port, no unix socket. pgbouncer refuses to
 * run as root, so under root it runs as the `postgres` system user. `stop()` ends it and removes the dir.
 */
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitFor } from './free-port.ts';

const run = promisify(execFile);

export interface TestPgbouncer {
  port: number;
  /** `url` with its host/port replaced by pgbouncer's (same user, password and database). */
  urlFor(databaseUrl: string): string;
  /** Rows of an admin console command (SHOW POOLS, SHOW STATS, ...), as column → value. */
  show(command: string): Promise<Array<Record<string, string>>>;
  /** pgbouncer's log so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

export interface PgbouncerOptions {
  /** The Postgres server pgbouncer forwards to (default 127.0.0.1:5432, trust auth as on the dev machines). */
  serverHost?: string;
  serverPort?: number;
  poolMode?: 'session' | 'transaction' | 'statement';
  /** Server connections per database/user pair (default 2: far fewer than the clients, so pooling is visible). */
  defaultPoolSize?: number;
  /** The user pgbouncer lets in (trust) and lists as admin (default postgres). */
  user?: string;
}

function systemUser(name: string): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim()),
  };
}

export async function startPgbouncer(opts: PgbouncerOptions = {}): Promise<TestPgbouncer> {
  const user = opts.user ?? 'postgres';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sw-pgbouncer-'));
  const ini = join(dir, 'pgbouncer.ini');
  const logFile = join(dir, 'pgbouncer.log');
  writeFileSync(join(dir, 'userlist.txt'), `"${user}" ""\n`);
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=${opts.serverHost ?? '127.0.0.1'} port=${opts.serverPort ?? 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      `admin_users = ${user}`,
      `stats_users = ${user}`,
      `pool_mode = ${opts.poolMode ?? 'transaction'}`,
      `default_pool_size = ${opts.defaultPoolSize ?? 2}`,
      'max_client_conn = 500',
      `logfile = ${logFile}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('postgres') : undefined;
  if (owner) for (const f of [dir, ini, join(dir, 'userlist.txt')]) chownSync(f, owner.uid, owner.gid);
  const child: ChildProcess = spawn('pgbouncer', [ini], { stdio: 'ignore', ...(owner ?? {}) });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const psql = async (command: string) => {
    const { stdout } = await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', 'pgbouncer', '-X', '-A', '-F', '\t', '-P', 'footer=off', '-c', command], {
      timeout: 10_000,
      env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
    });
    const [header, ...rows] = stdout.trimEnd().split('\n');
    const cols = (header ?? '').split('\t');
    return rows.filter((r) => r !== '').map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i] ?? String(i), v])));
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('pgbouncer answering', async () => {
      if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}): ${log()}`);
      await psql('SHOW VERSION');
      return true;
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    port,
    urlFor(databaseUrl) {
      const u = new URL(databaseUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    show: psql,
    log,
    stop,
  };
}
