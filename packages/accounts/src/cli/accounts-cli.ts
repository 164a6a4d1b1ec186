/**
 * `pnpm accounts-cli <command>`: admin accounts and passwords, from the operator's shell (DATABASE_URL).
 *   create-admin --username u --email e [--scopes galaxy:manage,fleet:manage]   password on stdin
 *   grant-scopes <username> <scope...>     revoke-scopes <username> <scope...>
 *   set-password <username>                 password on stdin (e.g. for a seeded demo user)
 * Passwords are read from standard input (first line), never from arguments, so they stay out of shell history.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { DEFAULT_DATABASE_URL, readEnv } from '@sw/config';
import { createDb } from '@sw/db';
import { changeAdminScopes, createAdmin, setPassword, type AdminOutcome } from '../create-admin.ts';
import { argon2ParamsFromEnv, createPasswordHasher } from '../password-hasher.ts';

function readPassword(): string {
  const line = readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
  if (line === '') throw new Error('give the password on standard input, e.g.  printf %s "$PW" | pnpm accounts-cli ...');
  return line;
}

function report(outcome: AdminOutcome): void {
  if (outcome.kind === 'ok') {
    process.stdout.write(`${JSON.stringify({ ok: true, userId: outcome.userId, username: outcome.username, scopes: outcome.scopes })}\n`);
    return;
  }
  process.stderr.write(`${JSON.stringify({ ok: false, ...outcome })}\n`);
  process.exitCode = 1;
}

async function withDb(run: (db: ReturnType<typeof createDb>['db']) => Promise<AdminOutcome>): Promise<void> {
  const handle = createDb(readEnv('DATABASE_URL', DEFAULT_DATABASE_URL), { max: 2, applicationName: 'sw-accounts-cli' });
  try {
    report(await run(handle.db));
  } finally {
    await handle.close();
  }
}

const hasher = createPasswordHasher(argon2ParamsFromEnv());
const program = new Command('accounts-cli').description('SectorWars accounts: admin accounts, scopes and passwords');

program
  .command('create-admin')
  .description('create an admin account (password on stdin)')
  .requiredOption('--username <name>')
  .requiredOption('--email <address>')
  .option('--scopes <list>', 'comma-separated admin scopes (default: all)', '')
  .action(async (o: { username: string; email: string; scopes: string }) => {
    const password = readPassword();
    await withDb((db) => createAdmin(db, hasher, { username: o.username, email: o.email, password, scopes: o.scopes.split(',').map((s) => s.trim()).filter(Boolean) }));
  });

program
  .command('grant-scopes <username> <scopes...>')
  .description('add admin scopes to an admin account')
  .action(async (username: string, scopes: string[]) => withDb((db) => changeAdminScopes(db, { username, scopes })));

program
  .command('revoke-scopes <username> <scopes...>')
  .description('remove admin scopes from an admin account')
  .action(async (username: string, scopes: string[]) => withDb((db) => changeAdminScopes(db, { username, scopes, revoke: true })));

program
  .command('set-password <username>')
  .description('set the password of an account (stdin)')
  .action(async (username: string) => {
    const password = readPassword();
    await withDb((db) => setPassword(db, hasher, { username, password }));
  });

await program.parseAsync(process.argv);
