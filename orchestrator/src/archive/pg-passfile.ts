/**
 * Runs libpq tools (pg_dump, pg_restore) without passwords on their command line, where any local user
 * can read them in `ps` / /proc/<pid>/cmdline: the passwords of the given URLs go into a temporary
 * PGPASSFILE (mode 0600, in a private 0700 directory, removed afterwards, also on failure) and the tools
 * get the URLs without them. The tools also get an explicit environment, not the orchestrator's.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** One .pgpass field: backslash and colon are escaped (libpq's format). */
const field = (v: string) => v.replaceAll('\\', '\\\\').replaceAll(':', '\\:');

/** A URL without its password (everything else kept). */
export function withoutPassword(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

/** The .pgpass line that supplies the password of `url` (null when it has none). */
export function pgpassLine(url: string): string | null {
  const u = new URL(url);
  if (!u.password) return null;
  const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || '*';
  return [u.hostname || 'localhost', u.port || '5432', db, decodeURIComponent(u.username) || '*', decodeURIComponent(u.password)].map(field).join(':');
}

/**
 * Calls `fn` with an environment whose PGPASSFILE holds the passwords of `urls`, and the URLs stripped of
 * them (same order). The file is gone when the returned promise settles.
 */
export async function withPgPassfile<T>(urls: string[], fn: (env: NodeJS.ProcessEnv, stripped: string[]) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sw-pgpass-'));
  try {
    const file = path.join(dir, 'pgpass');
    const lines = urls.map(pgpassLine).filter((l): l is string => l !== null);
    await writeFile(file, lines.length ? `${lines.join('\n')}\n` : '', { mode: 0o600 });
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', PGPASSFILE: file, PGCONNECT_TIMEOUT: '10' };
    return await fn(env, urls.map(withoutPassword));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
