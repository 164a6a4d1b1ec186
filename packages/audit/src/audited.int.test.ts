import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { DomainError } from '@sw/domain';
import type { HubDb } from '@sw/db';
import { createTestDatabase, insertRegion, type TestDatabase } from '@sw/testing';
import { audited } from './record-audit.ts';

/**
 * `audited` with a command that owns its transaction: the ok row is written in that transaction, so the change and its
 * row commit together. A test-only trigger makes the audit insert fail for one action to prove the rollback.
 */
let t: TestDatabase<HubDb>;
const actor: Claims = { sub: '00000000-0000-4000-8000-0000000000a1', username: 'auditor', playerId: null, roles: ['player', 'admin'], scopes: [], exp: 9e9 };
const errors: unknown[] = [];
const onAuditError = (err: unknown) => void errors.push(err);

beforeAll(async () => {
  t = await createTestDatabase();
  await t.sql.unsafe(`
    CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit store refuses %', NEW.action; END $$;
    CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW
      WHEN (NEW.action = 'test.refusedAudit' AND NEW.result = 'ok') EXECUTE FUNCTION test_refuse_audit();`);
});
afterAll(async () => {
  await t?.drop();
});

/** A command with one transaction: renames the region, then writes its ok row there. */
async function rename(regionId: string, to: string, auditOk: Parameters<Parameters<typeof audited>[2]>[0]) {
  await t.sql.begin(async (tx) => {
    await tx`UPDATE regions SET display_name = ${to} WHERE id = ${regionId}`;
    await auditOk(tx, { regionId, details: { to } });
  });
  return to;
}

const displayName = async (id: string) => (await t.sql<{ display_name: string }[]>`SELECT display_name FROM regions WHERE id = ${id}`)[0]!.display_name;
const rowsOf = (action: string) =>
  t.sql<{ result: string; error_code: string | null; region_id: string | null; details: Record<string, unknown> }[]>`
    SELECT result, error_code, region_id::text, details FROM audit_log WHERE action = ${action} ORDER BY at, id`;

describe('audited (ok row in the command transaction)', () => {
  it('commits the change and its ok row together, once, with the refinement', async () => {
    const region = await insertRegion(t.db, { name: 'audit-commit', displayName: 'before' });
    const out = await audited(t.sql, { actor, action: 'test.rename', targetType: 'region', details: { from: 'before' } }, (ok) => rename(region.id, 'after', ok), onAuditError);
    expect(out).toBe('after');
    expect(await displayName(region.id)).toBe('after');
    expect(await rowsOf('test.rename')).toEqual([{ result: 'ok', error_code: null, region_id: region.id, details: { from: 'before', to: 'after' } }]);
  });

  it('rolls the change back when its audit row cannot be written, and records the failure after', async () => {
    const region = await insertRegion(t.db, { name: 'audit-rollback', displayName: 'before' });
    await expect(audited(t.sql, { actor, action: 'test.refusedAudit' }, (ok) => rename(region.id, 'after', ok), onAuditError)).rejects.toThrow(/audit store refuses/);
    expect(await displayName(region.id)).toBe('before');
    expect(await rowsOf('test.refusedAudit')).toEqual([expect.objectContaining({ result: 'failed', error_code: 'ERR_INTERNAL' })]);
  });

  it('writes refusals after the command, and an ok row after a command that never called auditOk', async () => {
    await expect(
      audited(t.sql, { actor, action: 'test.denied' }, () => Promise.reject(new DomainError('ERR_NOT_REGION_OWNER', 'no')), onAuditError),
    ).rejects.toThrow(DomainError);
    expect(await audited(t.sql, { actor, action: 'test.noTransaction' }, () => Promise.resolve(7), onAuditError)).toBe(7);
    expect(await rowsOf('test.denied')).toEqual([expect.objectContaining({ result: 'denied', error_code: 'ERR_NOT_REGION_OWNER' })]);
    expect(await rowsOf('test.noTransaction')).toEqual([expect.objectContaining({ result: 'ok' })]);
    expect(errors).toEqual([]);
  });
});
