import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { node24, REPO_ROOT } from './launcher-process.ts';

/**
 * Direct access to the platform's own database for set-up that the API cannot do quickly (an election window days
 * long, more sign-ups than the registration rate limit allows). E2E_DATABASE_URL, else the database the launcher
 * wrote to var/platform.json (the run's throw-away database). Never used to check what the UI shows.
 */
export function platformDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const file = join(REPO_ROOT, 'var', 'platform.json');
  if (!existsSync(file)) throw new Error('no var/platform.json: start the platform with the launcher or set E2E_DATABASE_URL');
  return (JSON.parse(readFileSync(file, 'utf8')) as { databaseUrl: string }).databaseUrl;
}

export type Sql = postgres.Sql;

/** Runs `fn` with a one-connection client (the machine's Postgres is shared: keep pools small), then closes it. */
export async function withDatabase<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = postgres(platformDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** What one sweep did (the governance service's SweepReport). */
export interface SweepReport {
  electionsOpened: number;
  electionsCancelled: number;
  electionsTallied: number;
  [k: string]: number;
}

/** Runs the real governance sweep once against the platform's database (governance-sweep-cli.ts, on Node 24). */
export function runGovernanceSweep(): SweepReport {
  const r = spawnSync(node24(), [join(import.meta.dirname, 'governance-sweep-cli.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: platformDatabaseUrl() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`governance sweep failed (${r.status ?? r.signal}): ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as SweepReport;
}
