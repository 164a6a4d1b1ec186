/**
 * The audit rows of the runtime mutations (docs/decisions/auth.md "Audit log"): a successful command writes its ok
 * row in its own transaction, so the change and the row commit together — when the audit insert fails, the command
 * rolls back; refusals and failures are written after it; the REST routes are audited like the GraphQL mutations.
 * A test-only trigger refuses ok rows whose details carry `refuseAudit`, so one call can be made to fail.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { createRedisEventBus, type EventBus } from '@sw/events';
import type { HubDb } from '@sw/db';
import { createTestDatabase, createTestRedisPrefix, insertRegion, type TestDatabase } from '@sw/testing';
import { provisionRegion } from '../commands/provision-region.ts';
import { scaleRegion } from '../commands/scale-region.ts';
import { cancelTermination, terminateRegion } from '../commands/terminate-region.ts';
import { startOrchestrator, type RunningOrchestrator } from '../index.ts';
import { cleanupInstance, restCall, userWithToken } from '../testing/fixtures.ts';
import { auditedRegionCommand, type AuditCaller } from './audited-region-command.ts';

const HOUR = 3_600_000;
const instance = `audit-${randomUUID().slice(0, 8)}`;
const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
let t: TestDatabase<HubDb>;
let bus: EventBus;
let orch: RunningOrchestrator;
let admin: Awaited<ReturnType<typeof userWithToken>>;
let owner: Awaited<ReturnType<typeof userWithToken>>;
let stranger: Awaited<ReturnType<typeof userWithToken>>;
const auditErrors: unknown[] = [];

const deps = () => ({ sql: t.sql, bus: null });
const caller = (claims: Claims): AuditCaller => ({ claims, requestId: null, log: { error: (obj) => void auditErrors.push(obj) } });
const REFUSE = { refuseAudit: true };

interface AuditRow { action: string; result: string; error_code: string | null; region_id: string | null; target_id: string | null; details: Record<string, unknown> }
const auditOf = (action: string, marker: string) =>
  t.sql<AuditRow[]>`SELECT action, result, error_code, region_id::text, target_id, details FROM audit_log
                    WHERE action = ${action} AND details->>'marker' = ${marker} ORDER BY at, id`;
const regionRow = async (id: string) =>
  (await t.sql<{ spec_generation: number; max_players: number; desired_state: string }[]>`SELECT spec_generation, max_players, desired_state FROM regions WHERE id = ${id}`)[0]!;
const eventCount = async (id: string, reason: string) =>
  (await t.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM region_events WHERE region_id_snapshot = ${id} AND reason = ${reason}`)[0]!.n;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.sql.unsafe(`
    CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the audit store refuses this row'; END $$;
    CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW
      WHEN (NEW.result = 'ok' AND NEW.details ? 'refuseAudit') EXECUTE FUNCTION test_refuse_audit();`);
  admin = await userWithToken(t.sql, `admin_${instance}`, ['player', 'admin']);
  owner = await userWithToken(t.sql, `owner_${instance}`);
  stranger = await userWithToken(t.sql, `stranger_${instance}`);
  bus = createRedisEventBus({ prefix: createTestRedisPrefix('audit') });
  orch = await startOrchestrator({
    port: 0, databaseUrl: t.url, instance, bus, backupDir,
    resyncMs: HOUR, healthPeriodMs: HOUR, autoscaleIntervalMs: HOUR, orphanSweepMs: HOUR, billingSweepMs: HOUR,
  });
}, 120_000);

afterAll(async () => {
  await orch?.stop();
  await bus?.close();
  await cleanupInstance(t.url, instance);
  await t?.drop();
  rmSync(backupDir, { recursive: true, force: true });
});

describe('a runtime mutation and its ok audit row commit together', () => {
  it('scaleRegion: a failing audit insert rolls the scale back; otherwise both are there', async () => {
    const r = await insertRegion(t.db, { ownerId: owner.playerId, runtimeState: 'ready' });
    const before = await regionRow(r.id);
    const scale = (marker: string, extra: Record<string, unknown> = {}) =>
      auditedRegionCommand(deps(), caller(owner.claims), 'scaleRegion', r.id, { marker, ...extra }, (audit) => scaleRegion(deps(), owner.claims, r.id, { maxPlayers: 321 }, { audit }));

    await expect(scale('scale-refused', REFUSE)).rejects.toThrow(/audit store refuses/);
    expect(await regionRow(r.id)).toEqual(before);
    expect(await eventCount(r.id, 'ScaleRequested')).toBe(0);
    expect(await auditOf('orchestrator.scaleRegion', 'scale-refused')).toEqual([expect.objectContaining({ result: 'failed', error_code: 'ERR_INTERNAL' })]);

    await scale('scale-ok');
    expect(await regionRow(r.id)).toMatchObject({ spec_generation: before.spec_generation + 1, max_players: 321 });
    expect(await eventCount(r.id, 'ScaleRequested')).toBe(1);
    expect(await auditOf('orchestrator.scaleRegion', 'scale-ok')).toEqual([expect.objectContaining({ result: 'ok', region_id: r.id, target_id: r.id })]);
  });

  it('terminate / cancel termination: the same, and a refusal is recorded after the command', async () => {
    const r = await insertRegion(t.db, { ownerId: owner.playerId, runtimeState: 'ready' });
    const terminate = (marker: string, extra: Record<string, unknown> = {}) =>
      auditedRegionCommand(deps(), caller(owner.claims), 'terminateRegion', r.id, { marker, ...extra }, (audit) => terminateRegion(deps(), owner.claims, r.id, { audit }));
    await expect(terminate('term-refused', REFUSE)).rejects.toThrow(/audit store refuses/);
    expect((await regionRow(r.id)).desired_state).toBe('running');
    await terminate('term-ok');
    expect((await regionRow(r.id)).desired_state).toBe('terminated');
    expect(await auditOf('orchestrator.terminateRegion', 'term-ok')).toEqual([expect.objectContaining({ result: 'ok', region_id: r.id })]);

    await expect(
      auditedRegionCommand(deps(), caller(stranger.claims), 'cancelTermination', r.id, { marker: 'cancel-denied' }, (audit) => cancelTermination(deps(), stranger.claims, r.id, { audit })),
    ).rejects.toMatchObject({ code: 'ERR_NOT_REGION_OWNER' });
    expect(await auditOf('orchestrator.cancelTermination', 'cancel-denied')).toEqual([expect.objectContaining({ result: 'denied', error_code: 'ERR_NOT_REGION_OWNER' })]);
    await auditedRegionCommand(deps(), caller(owner.claims), 'cancelTermination', r.id, { marker: 'cancel-ok' }, (audit) => cancelTermination(deps(), owner.claims, r.id, { audit }));
    expect((await regionRow(r.id)).desired_state).toBe('running');
    expect(await auditOf('orchestrator.cancelTermination', 'cancel-ok')).toEqual([expect.objectContaining({ result: 'ok', region_id: r.id })]);
  });

  it('provisionRegion: a failing audit insert leaves no region; otherwise the row names the new region', async () => {
    const provision = (name: string, marker: string, extra: Record<string, unknown> = {}) =>
      auditedRegionCommand(deps(), caller(admin.claims), 'provisionRegion', name, { marker, ...extra }, (audit) => provisionRegion(deps(), admin.claims, { name, ownerPlayerId: owner.playerId }, { audit }));
    await expect(provision('audit-refused-region', 'prov-refused', REFUSE)).rejects.toThrow(/audit store refuses/);
    expect(await t.sql`SELECT 1 FROM regions WHERE name = 'audit-refused-region'`).toHaveLength(0);
    const made = await provision('audit-ok-region', 'prov-ok');
    expect(await auditOf('orchestrator.provisionRegion', 'prov-ok')).toEqual([expect.objectContaining({ result: 'ok', region_id: made.id, target_id: made.id })]);
    // Nothing is left for a reconciler of another test to pick up.
    await t.sql`DELETE FROM regions WHERE id = ${made.id}`;
    expect(auditErrors).toEqual([]);
  });
});

describe('the region-manager REST routes are audited like the GraphQL mutations', () => {
  it('records denied, failed and ok calls, marked via rest', async () => {
    const r = await insertRegion(t.db, { name: `rest-${instance}`, ownerId: owner.playerId, desiredState: 'terminated', runtimeState: 'terminated' });
    expect((await restCall(orch.url, 'POST', `/regions/${r.name}/scale`, stranger.token, { maxPlayers: 10 })).error?.code).toBe('ERR_NOT_REGION_OWNER');
    expect((await restCall(orch.url, 'POST', `/regions/${r.name}/scale`, owner.token, { maxPlayers: 10 })).error?.code).toBe('ERR_VALIDATION');
    expect((await restCall(orch.url, 'DELETE', `/regions/${r.name}?confirm=true`, owner.token)).status).toBe(200);
    const rows = await t.sql<{ action: string; result: string; error_code: string | null; actor_username: string; via: string }[]>`
      SELECT action, result, error_code, actor_username, details->>'via' AS via FROM audit_log
      WHERE action IN ('orchestrator.scaleRegion', 'orchestrator.terminateRegion') AND (target_id = ${r.id} OR target_id = ${r.name}) ORDER BY at, id`;
    expect(rows).toEqual([
      { action: 'orchestrator.scaleRegion', result: 'denied', error_code: 'ERR_NOT_REGION_OWNER', actor_username: stranger.claims.username, via: 'rest' },
      { action: 'orchestrator.scaleRegion', result: 'failed', error_code: 'ERR_VALIDATION', actor_username: owner.claims.username, via: 'rest' },
      { action: 'orchestrator.terminateRegion', result: 'ok', error_code: null, actor_username: owner.claims.username, via: 'rest' },
    ]);
  });
});
