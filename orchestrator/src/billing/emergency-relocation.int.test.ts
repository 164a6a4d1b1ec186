/**
 * The Galactic Citizen emergency relocation (issue 7: a Galactic Citizenship lapse): the command against a
 * fresh hub database (happy path, one use only, window, citizenship, target rules, nothing changes on a
 * refusal, concurrent calls) and the GraphQL mutation through the running orchestrator service with
 * forwarded claims.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { DAY_MS } from '@sw/domain';
import { createTestDatabase, dataOf, errorCodes, postGraphql, type GraphqlResponse, insertRegion, insertUserWithPlayer, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { REPO_ROOT } from '../config.ts';
import { createProcessDriver } from '../drivers/process/process-driver.ts';
import { startBillingOrchestrator, type BillingOrchestrator } from '../testing/billing-orchestrator.ts';
import { cleanupInstance } from '../testing/fixtures.ts';
import { unwrapRelocation, useEmergencyRelocation } from './use-emergency-relocation.ts';

const instance = `gcreloc-${randomUUID().slice(0, 8)}`;
const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
let t: TestDatabase<HubDb>;
let b: BillingOrchestrator;

/** A ready, settled region (the reconciler and health monitor leave it alone). */
async function region(o: { ownerId?: string | null; regionType?: string; status?: string; runtimeState?: string; desiredState?: string; capital?: number | null } = {}) {
  const r = await insertRegion(t.db, {
    ownerId: o.ownerId ?? null,
    regionType: o.regionType ?? 'player_owned',
    status: o.status ?? 'active',
    runtimeState: o.runtimeState ?? 'ready',
    desiredState: o.desiredState ?? 'running',
    capitalSectorNumber: o.capital === undefined ? 17 : o.capital,
    specGeneration: 1,
    observedGeneration: 1,
  });
  return r.id;
}

interface PlayerSetup {
  isGalacticCitizen?: boolean;
  lapsedDaysAgo?: number | null;
  usedDaysAgo?: number | null;
}

/**
 * A player living in their own home region (sector 5 there), by default a Galactic Citizen whose
 * lapse started one day ago, plus an owned second region to escape to.
 */
async function player(o: PlayerSetup = {}) {
  const p = await insertUserWithPlayer(t.db);
  const home = await region({ ownerId: p.playerId });
  const escape = await region({ ownerId: p.playerId, capital: 42 });
  const ago = (days: number | null | undefined) => (days === null || days === undefined ? null : new Date(Date.now() - days * DAY_MS).toISOString());
  await t.sql`
    UPDATE players SET home_region_id = ${home}, current_region_id = ${home}, current_sector_number = 5,
      is_galactic_citizen = ${o.isGalacticCitizen ?? true},
      gc_lapsed_at = ${ago(o.lapsedDaysAgo === undefined ? 1 : o.lapsedDaysAgo)}::timestamptz,
      gc_relocation_used_at = ${ago(o.usedDaysAgo)}::timestamptz
    WHERE id = ${p.playerId}`;
  const claims: Claims = { sub: p.userId, username: p.username, playerId: p.playerId, roles: ['player'], scopes: [], exp: Math.floor(Date.now() / 1000) + 3600 };
  return { ...p, claims, home, escape };
}

/** Everything the relocation could touch, for "nothing changed" assertions. */
async function snapshot() {
  const players = await t.sql`SELECT id, current_region_id, current_sector_number, is_galactic_citizen, gc_lapsed_at::text, gc_relocation_used_at::text FROM players ORDER BY id`;
  const regions = await t.sql`SELECT id, owner_id, status, runtime_state, updated_at::text FROM regions ORDER BY id`;
  const memberships = await t.sql`SELECT player_id, region_id, membership_type, total_visits FROM regional_memberships ORDER BY id`;
  return JSON.stringify({ players, regions, memberships });
}

async function playerRow(playerId: string) {
  const [r] = await t.sql<{ current_region_id: string | null; current_sector_number: number | null; used_ms: number | null }[]>`
    SELECT current_region_id, current_sector_number, (extract(epoch from gc_relocation_used_at) * 1000)::float8 AS used_ms FROM players WHERE id = ${playerId}`;
  return r!;
}

const relocate = (claims: Claims | null, regionId: string) => useEmergencyRelocation({ sql: t.sql }, claims, { regionId });

beforeAll(async () => {
  t = await createTestDatabase({ max: 10 });
});

afterAll(async () => {
  await b?.stop();
  if (t) await cleanupInstance(t.url, instance);
  await t?.drop();
  rmSync(backupDir, { recursive: true, force: true });
});

describe('useEmergencyRelocation (command)', () => {
  it('moves a lapsed citizen to the capital of a region they own, once', async () => {
    const p = await player();
    const before = Date.now();
    const o = await relocate(p.claims, p.escape);
    expect(o).toMatchObject({ kind: 'ok', relocation: { playerId: p.playerId, regionId: p.escape, sectorNumber: 42, previousRegionId: p.home } });
    const row = await playerRow(p.playerId);
    expect(row).toMatchObject({ current_region_id: p.escape, current_sector_number: 42 });
    expect(row.used_ms).toBeGreaterThanOrEqual(before - 1);
    expect(row.used_ms).toBe(unwrapRelocation(o).relocation.usedAt.getTime());

    // The second use is refused and changes nothing.
    const other = await region({ ownerId: p.playerId });
    const snap = await snapshot();
    expect(await relocate(p.claims, other)).toMatchObject({ kind: 'already_used' });
    expect(await snapshot()).toBe(snap);
  });

  it('accepts a citizen or resident membership in a region owned by someone else', async () => {
    const owner = await insertUserWithPlayer(t.db);
    for (const membershipType of ['citizen', 'resident']) {
      const p = await player();
      const theirs = await region({ ownerId: owner.playerId, capital: 99 });
      await t.sql`INSERT INTO regional_memberships (player_id, region_id, membership_type) VALUES (${p.playerId}, ${theirs}, ${membershipType})`;
      expect(await relocate(p.claims, theirs)).toMatchObject({ kind: 'ok', relocation: { regionId: theirs, sectorNumber: 99 } });
      expect(await playerRow(p.playerId)).toMatchObject({ current_region_id: theirs, current_sector_number: 99 });
    }
  });

  it('refuses every bad request with its code and changes nothing', async () => {
    const stranger = await insertUserWithPlayer(t.db);
    const cases: Array<[string, () => Promise<{ claims: Claims | null; regionId: string }>, string]> = [
      ['lapse started 8 days ago', async () => { const p = await player({ lapsedDaysAgo: 8 }); return { claims: p.claims, regionId: p.escape }; }, 'ERR_RELOCATION_WINDOW_CLOSED'],
      ['lapse over and the sweep already ended citizenship', async () => { const p = await player({ lapsedDaysAgo: 8, isGalacticCitizen: false }); return { claims: p.claims, regionId: p.escape }; }, 'ERR_RELOCATION_WINDOW_CLOSED'],
      ['relocation already used in this lapse', async () => { const p = await player({ lapsedDaysAgo: 3, usedDaysAgo: 2 }); return { claims: p.claims, regionId: p.escape }; }, 'ERR_RELOCATION_ALREADY_USED'],
      ['active Galactic Citizen (no lapse)', async () => { const p = await player({ lapsedDaysAgo: null }); return { claims: p.claims, regionId: p.escape }; }, 'ERR_NOT_GALACTIC_CITIZEN'],
      ['never a Galactic Citizen', async () => { const p = await player({ isGalacticCitizen: false, lapsedDaysAgo: null }); return { claims: p.claims, regionId: p.escape }; }, 'ERR_NOT_GALACTIC_CITIZEN'],
      ['citizenship revoked during the lapse', async () => { const p = await player({ isGalacticCitizen: false, lapsedDaysAgo: 1 }); return { claims: p.claims, regionId: p.escape }; }, 'ERR_NOT_GALACTIC_CITIZEN'],
      ['target is the home region', async () => { const p = await player(); return { claims: p.claims, regionId: p.home }; }, 'ERR_RELOCATION_TARGET_IS_HOME'],
      ['no holding in the target region', async () => { const p = await player(); return { claims: p.claims, regionId: await region({ ownerId: stranger.playerId }) }; }, 'ERR_NO_HOLDING_IN_REGION'],
      ['only a visitor in the target region', async () => {
        const p = await player();
        const r = await region({ ownerId: stranger.playerId });
        await t.sql`INSERT INTO regional_memberships (player_id, region_id, membership_type) VALUES (${p.playerId}, ${r}, 'visitor')`;
        return { claims: p.claims, regionId: r };
      }, 'ERR_NO_HOLDING_IN_REGION'],
      ['unknown region', async () => { const p = await player(); return { claims: p.claims, regionId: randomUUID() }; }, 'ERR_REGION_NOT_FOUND'],
      ['malformed region id', async () => { const p = await player(); return { claims: p.claims, regionId: 'not-a-uuid' }; }, 'ERR_VALIDATION'],
      ['owned region that is terminated', async () => {
        const p = await player();
        return { claims: p.claims, regionId: await region({ ownerId: p.playerId, status: 'terminated', runtimeState: 'terminated', desiredState: 'terminated' }) };
      }, 'ERR_REGION_NOT_READY'],
      ['owned region still provisioning', async () => { const p = await player(); return { claims: p.claims, regionId: await region({ ownerId: p.playerId, status: 'pending', runtimeState: 'provisioning' }) }; }, 'ERR_REGION_NOT_READY'],
      ['not signed in', async () => { const p = await player(); return { claims: null, regionId: p.escape }; }, 'ERR_UNAUTHENTICATED'],
    ];
    for (const [what, setup, code] of cases) {
      const { claims, regionId } = await setup();
      const snap = await snapshot();
      const o = await relocate(claims, regionId);
      expect(o.kind, what).not.toBe('ok');
      let thrown: { code?: string } | null = null;
      try {
        unwrapRelocation(o);
      } catch (err) {
        thrown = err as { code?: string };
      }
      expect(thrown?.code, what).toBe(code);
      expect(await snapshot(), `${what}: nothing changed`).toBe(snap);
    }
    // The orchestrator started below would try to provision the "still provisioning" fixture; retire it.
    await t.sql`UPDATE regions SET desired_state = 'terminated', runtime_state = 'archived', status = 'terminated' WHERE runtime_state = 'provisioning'`;
  });

  it('two concurrent calls: exactly one relocation (player row locked)', async () => {
    const p = await player();
    const second = await region({ ownerId: p.playerId, capital: 7 });
    const outcomes = await Promise.all([relocate(p.claims, p.escape), relocate(p.claims, second)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['already_used', 'ok']);
    const won = outcomes.find((o) => o.kind === 'ok')!;
    expect((await playerRow(p.playerId)).current_region_id).toBe(unwrapRelocation(won).relocation.regionId);
  });

  it('waits for the player row lock and re-checks: a use committed meanwhile wins', async () => {
    const p = await player();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // Another writer holds the player row and spends the relocation while our call waits.
    const holder = t.sql.begin(async (tx) => {
      await tx`SELECT id FROM players WHERE id = ${p.playerId} FOR UPDATE`;
      locked();
      await released;
      await tx`UPDATE players SET gc_relocation_used_at = now() WHERE id = ${p.playerId}`;
    });
    await isLocked;
    let settled = false;
    const call = relocate(p.claims, p.escape).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false); // blocked on the row lock
    release();
    await holder;
    expect(await call).toMatchObject({ kind: 'already_used' });
    expect((await playerRow(p.playerId)).current_region_id).toBe(p.home);
  });

  it('re-subscribing restores the relocation (the webhook clears gc_relocation_used_at; a new lapse allows one more)', async () => {
    const p = await player();
    expect((await relocate(p.claims, p.escape)).kind).toBe('ok');
    // What ACTIVATED then CANCELLED do to the row (decideCitizenship): lapse cleared, relocation restored, new lapse.
    await t.sql`UPDATE players SET gc_relocation_used_at = NULL, gc_lapsed_at = now() WHERE id = ${p.playerId}`;
    const again = await region({ ownerId: p.playerId, capital: 3 });
    expect(await relocate(p.claims, again)).toMatchObject({ kind: 'ok', relocation: { regionId: again, previousRegionId: p.escape } });
  });
});

describe('useEmergencyRelocation (GraphQL through the orchestrator service)', () => {
  beforeAll(async () => {
    const driver = createProcessDriver({ hubUrl: t.url, instance, stateDir: path.join(REPO_ROOT, 'var', 'region-runtime') });
    b = await startBillingOrchestrator({ port: 0, databaseUrl: t.url, instance, backupDir, driver, resyncMs: 60_000, healthPeriodMs: 60_000, autoscaleIntervalMs: 3_600_000 });
  });

  const gql = <T = unknown>(claims: Claims | null, query: string, variables: Record<string, unknown> = {}) => postGraphql<T>(b.orch.url, query, variables, claims);
  const codeOf = (r: GraphqlResponse) => errorCodes(r)[0];
  const MUTATION = 'mutation($r: ID!) { useEmergencyRelocation(regionId: $r) { playerId regionId usedAt sectorNumber region { id } } }';

  it('relocates once, then refuses with ERR_RELOCATION_ALREADY_USED', async () => {
    const p = await player();
    const r = await gql<{ useEmergencyRelocation: { usedAt: string } }>(p.claims, MUTATION, { r: p.escape });
    expect(r.errors).toBeUndefined();
    expect(dataOf(r).useEmergencyRelocation).toMatchObject({ playerId: p.playerId, regionId: p.escape, sectorNumber: 42, region: { id: p.escape } });
    const usedAt = Date.parse(dataOf(r).useEmergencyRelocation.usedAt);
    expect((await playerRow(p.playerId)).used_ms).toBe(usedAt);

    const snap = await snapshot();
    const again = await gql(p.claims, MUTATION, { r: p.escape });
    expect(codeOf(again)).toBe('ERR_RELOCATION_ALREADY_USED');
    expect(again.data).toBeNull();
    expect(await snapshot()).toBe(snap);
  });

  it('answers refusals with their stable codes and changes nothing', async () => {
    const closed = await player({ lapsedDaysAgo: 8 });
    const notGc = await player({ isGalacticCitizen: false, lapsedDaysAgo: null });
    const p = await player();
    const stranger = await insertUserWithPlayer(t.db);
    const foreign = await region({ ownerId: stranger.playerId });
    const snap = await snapshot();
    expect(codeOf(await gql(null, MUTATION, { r: p.escape }))).toBe('ERR_UNAUTHENTICATED');
    expect(codeOf(await gql(closed.claims, MUTATION, { r: closed.escape }))).toBe('ERR_RELOCATION_WINDOW_CLOSED');
    expect(codeOf(await gql(notGc.claims, MUTATION, { r: notGc.escape }))).toBe('ERR_NOT_GALACTIC_CITIZEN');
    expect(codeOf(await gql(p.claims, MUTATION, { r: p.home }))).toBe('ERR_RELOCATION_TARGET_IS_HOME');
    expect(codeOf(await gql(p.claims, MUTATION, { r: foreign }))).toBe('ERR_NO_HOLDING_IN_REGION');
    expect(codeOf(await gql(p.claims, MUTATION, { r: randomUUID() }))).toBe('ERR_REGION_NOT_FOUND');
    expect(await snapshot()).toBe(snap);
  });
});
