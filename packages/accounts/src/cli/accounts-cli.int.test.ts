/**
 * The accounts CLI against a real hub database, run as the operator would (`node accounts-cli.ts`, password on
 * stdin): create-admin makes an admin account with its scopes, a password and an audit row (and can then sign in,
 * carrying the scopes in its token); grant-scopes / revoke-scopes change the scopes; set-password gives a seeded
 * password-less user a password; bad input exits 1 and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { verifyAccessToken } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';
import { createTestDatabase, insertRegion, insertUserWithPlayer, type TestDatabase } from '@sw/testing';
import { signIn } from '../sign-in.ts';
import { createPasswordHasher } from '../password-hasher.ts';

const CLI = fileURLToPath(new URL('./accounts-cli.ts', import.meta.url));
let t: TestDatabase<HubDb>;

function cli(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      // Cheap hashing parameters keep the child fast; the production defaults are covered elsewhere.
      env: { ...process.env, DATABASE_URL: t.url, AUTH_ARGON2_MEMORY_KIB: '1024', AUTH_ARGON2_TIME_COST: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await insertRegion(t.db, { name: 'terran-space', regionType: 'terran_space', totalSectors: 300, capitalSectorNumber: 1 });
});
afterAll(async () => {
  await t?.drop();
});

describe('accounts-cli', () => {
  it('create-admin makes an admin with the given scopes, a password, a player and an audit row', async () => {
    const r = await cli(['create-admin', '--username', 'Ops', '--email', 'ops@example.org', '--scopes', 'galaxy:manage,audit:view'], 'an operator passphrase\n');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; userId: string; scopes: string[] };
    expect(out).toMatchObject({ ok: true, scopes: ['galaxy:manage', 'audit:view'] });
    const [user] = await t.db.select().from(hub.users).where(eq(hub.users.id, out.userId));
    expect(user).toMatchObject({ username: 'ops', roles: ['player', 'admin'] });
    const [audit] = await t.db.select().from(hub.auditLog).where(eq(hub.auditLog.targetId, out.userId));
    expect(audit).toMatchObject({ action: 'accounts.createAdmin', result: 'ok', actorUserId: null });

    const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const session = await signIn(
      { db: t.db, hasher, sessions: { accessTtlSeconds: 900, refreshTtlSeconds: 3600, sessionMaxSeconds: 7200, jwtSecret: 'cli-test-secret-0123456789abcdef' } },
      { login: 'ops', password: 'an operator passphrase', deviceId: 'cli-test-device', deviceLabel: null },
    );
    if (session.kind !== 'ok') throw new Error('admin could not sign in');
    const claims = await verifyAccessToken(session.tokens.accessToken, { secret: 'cli-test-secret-0123456789abcdef' });
    expect(claims).toMatchObject({ roles: ['player', 'admin'], scopes: ['audit:view', 'galaxy:manage'] });
  });

  it('grant-scopes and revoke-scopes change the scopes of an admin', async () => {
    expect((await cli(['grant-scopes', 'ops', 'fleet:manage'])).code).toBe(0);
    const revoked = await cli(['revoke-scopes', 'ops', 'galaxy:manage']);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ ok: true, scopes: expect.arrayContaining(['audit:view', 'fleet:manage']) as unknown });
    expect((JSON.parse(revoked.stdout) as { scopes: string[] }).scopes).not.toContain('galaxy:manage');
  });

  it('set-password lets a password-less (seeded) user sign in with a password', async () => {
    await insertUserWithPlayer(t.db, { username: 'demo_user' });
    expect((await cli(['set-password', 'demo_user'], 'a demo passphrase here\n')).code).toBe(0);
    const [cred] = await t.db.select().from(hub.userCredentials).innerJoin(hub.users, eq(hub.users.id, hub.userCredentials.userId)).where(eq(hub.users.username, 'demo_user'));
    expect(cred!.user_credentials.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses bad input with exit code 1 and changes nothing', async () => {
    const before = await t.db.$count(hub.users);
    const badScope = await cli(['create-admin', '--username', 'eve', '--email', 'eve@example.org', '--scopes', 'root:everything'], 'a perfectly long password\n');
    expect(badScope.code).toBe(1);
    expect(badScope.stderr).toContain('unknown scope');
    const weak = await cli(['create-admin', '--username', 'eve', '--email', 'eve@example.org'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('weak_password');
    const taken = await cli(['create-admin', '--username', 'OPS', '--email', 'other@example.org'], 'a perfectly long password\n');
    expect(taken.stderr).toContain('username_taken');
    expect((await cli(['grant-scopes', 'demo_user', 'fleet:manage'])).code).toBe(1); // not an admin
    expect(await t.db.$count(hub.users)).toBe(before);
  });
});
