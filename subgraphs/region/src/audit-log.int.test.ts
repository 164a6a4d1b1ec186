/**
 * Query.auditLog through the Region subgraph with gateway-signed claims: admins with audit:view read the trail newest
 * first, filtered by action, result, actor, region and time, paged; everyone else is refused with a stable code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '@sw/audit';
import type { Claims } from '@sw/auth';
import type { HubDb } from '@sw/db';
import { createTestDatabase, errorCodes, insertRegion, insertUserWithPlayer, postGraphql, testClaims, type TestDatabase } from '@sw/testing';
import { startRegionSubgraph, type RunningSubgraph } from './start-region-subgraph.ts';

let t: TestDatabase<HubDb>;
let svc: RunningSubgraph;
let admin: Claims;
let owner: Claims;
let regionId: string;

interface Entry {
  action: string;
  result: string;
  actorUsername: string | null;
  regionId: string | null;
  errorCode: string | null;
  details: Record<string, unknown>;
}
const Q = `query($f: AuditLogFilter, $first: Int) { auditLog(filter: $f, first: $first) {
  action result actorUsername regionId errorCode details } }`;
const ask = (claims: Claims | null, f: Record<string, unknown> = {}, first = 50) => postGraphql<{ auditLog: Entry[] }>(svc.url, Q, { f, first }, claims);

beforeAll(async () => {
  t = await createTestDatabase();
  const a = await insertUserWithPlayer(t.db, { username: 'auditor', roles: ['player', 'admin'] });
  const o = await insertUserWithPlayer(t.db, { username: 'landlord' });
  admin = testClaims(a.userId, a.username, a.playerId, true);
  owner = testClaims(o.userId, o.username, o.playerId);
  regionId = (await insertRegion(t.db, { ownerId: o.playerId })).id;
  await recordAudit(t.sql, { actor: owner, action: 'orchestrator.scaleRegion', targetType: 'region', targetId: regionId, regionId, result: 'ok', details: { input: { cpu: 2 } } });
  await recordAudit(t.sql, { actor: owner, action: 'orchestrator.terminateRegion', targetType: 'region', targetId: regionId, regionId, result: 'failed', errorCode: 'ERR_INVALID_TRANSITION' });
  await recordAudit(t.sql, { actor: admin, action: 'nexus.generateNexus', targetType: 'galaxy', result: 'failed', errorCode: 'ERR_NEXUS_EXISTS' });
  svc = await startRegionSubgraph({ port: 0, databaseUrl: t.url, dbPoolSize: 2 });
});
afterAll(async () => {
  await svc?.stop();
  await t?.drop();
});

describe('Query.auditLog', () => {
  it('lists who did what to which target, newest first', async () => {
    const r = await ask(admin);
    expect(r.errors).toBeUndefined();
    expect(r.data!.auditLog.map((e) => e.action)).toEqual(['nexus.generateNexus', 'orchestrator.terminateRegion', 'orchestrator.scaleRegion']);
    expect(r.data!.auditLog[2]).toEqual({ action: 'orchestrator.scaleRegion', result: 'OK', actorUsername: 'landlord', regionId, errorCode: null, details: { input: { cpu: 2 } } });
  });

  it('filters and pages', async () => {
    expect((await ask(admin, { regionId })).data!.auditLog).toHaveLength(2);
    expect((await ask(admin, { result: 'FAILED' })).data!.auditLog.map((e) => e.errorCode)).toEqual(['ERR_NEXUS_EXISTS', 'ERR_INVALID_TRANSITION']);
    expect((await ask(admin, { action: 'orchestrator.scaleRegion', actorUserId: owner.sub })).data!.auditLog).toHaveLength(1);
    expect((await ask(admin, { since: new Date(Date.now() + 60_000).toISOString() })).data!.auditLog).toHaveLength(0);
    expect((await ask(admin, {}, 1)).data!.auditLog).toHaveLength(1);
    expect(errorCodes(await ask(admin, {}, 500))).toEqual(['ERR_VALIDATION']);
    expect(errorCodes(await ask(admin, { since: 'yesterday' }))).toEqual(['ERR_VALIDATION']);
  });

  it('is for admins holding audit:view only', async () => {
    expect(errorCodes(await ask(null))).toEqual(['ERR_UNAUTHENTICATED']);
    expect(errorCodes(await ask(owner))).toEqual(['ERR_ADMIN_REQUIRED']);
    expect(errorCodes(await ask({ ...admin, scopes: ['galaxy:manage'] }))).toEqual(['ERR_SCOPE_REQUIRED']);
  });
});
