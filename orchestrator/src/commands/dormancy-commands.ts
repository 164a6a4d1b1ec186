/**
 * The operator commands on a region's dormancy — hibernate, wake, resurrect (docs/rules/hibernation.md "Operator
 * commands") — in ONE place for every edge: the admin GraphQL mutations (hibernateRegion / wakeRegion /
 * resurrectRegion), the REST routes and therefore region-cli. Each call:
 *
 * 1. finds the region (ERR_REGION_NOT_FOUND) and checks the permission (commands/permissions.ts: hibernate is for
 *    fleet admins, wake / resurrect also for the owner through REST; the GraphQL mutations are fleet admins' only);
 * 2. asks the pure rule decideDormancyCommand (@sw/domain) whether the command applies to the region's state; a
 *    refusal carries a stable code (ERR_REGION_NOT_HIBERNATABLE, ERR_REGION_NOT_DORMANT, ERR_REGION_NOT_WAKEABLE)
 *    and changes nothing;
 * 3. carries it out through the hibernation service (the same functions the sweeps use);
 * 4. writes one audit_log row (@sw/audit `audited`, action `orchestrator.<command>Region`) with the actor, the
 *    region, and `from` → `to` states; a refusal or failure is recorded with its code.
 */
import { audited } from '@sw/audit';
import type { Claims } from '@sw/auth';
import { decideDormancyCommand, DomainError, type DormancyCommand, type RegionRuntimeState } from '@sw/domain';
import type postgres from 'postgres';
import type { HibernationService } from '../hibernation/hibernation-service.ts';
import { findRegion, type RegionRow } from '../store/region-row.ts';
import { unwrap } from './outcome.ts';
import { checkPermission } from './permissions.ts';

export interface DormancyDeps {
  sql: postgres.Sql;
  hibernation?: HibernationService;
}

export interface DormancyCaller {
  claims: Claims | null;
  requestId?: string | null;
  log: { error(obj: object, msg?: string): void };
}

export interface DormancyResult {
  /** The region as it is after the command (a wake without wait: still HIBERNATED / TOMBSTONED or WAKING). */
  region: RegionRow;
  from: RegionRuntimeState;
  /** Where the command takes the region: hibernated, or ready for wake / resurrect. */
  to: RegionRuntimeState;
  /** Wake / resurrect with a wait: how long until READY; null otherwise. */
  wakeMs: number | null;
  /** True once the region is in `to` (hibernate always; a wake when it was waited for and arrived). */
  settled: boolean;
}

const AUDIT_ACTION: Record<DormancyCommand, string> = {
  hibernate: 'orchestrator.hibernateRegion',
  wake: 'orchestrator.wakeRegion',
  resurrect: 'orchestrator.resurrectRegion',
};

function refusalMessage(cmd: DormancyCommand, r: RegionRow, code: string): string {
  const st = r.runtimeState.toUpperCase();
  if (code === 'ERR_REGION_NOT_HIBERNATABLE') return `region ${r.name} is ${st}: only a READY region can hibernate`;
  if (code === 'ERR_REGION_NOT_DORMANT') return `region ${r.name} is ${st}: nothing to wake`;
  return cmd === 'resurrect' ? `region ${r.name} is ${st}, not TOMBSTONED (use wake)` : `region ${r.name} is ${st}: its runtime is gone, nothing to wake`;
}

/** Runs one dormancy command (see the module comment); throws a DomainError with its stable code when refused. */
export async function runDormancyCommand(
  deps: DormancyDeps,
  caller: DormancyCaller,
  cmd: DormancyCommand,
  regionRef: string,
  /** fleetAdminOnly: the admin GraphQL mutations, where the owner's wake is not offered (checked before the lookup). */
  opts: { waitMs?: number; via: 'graphql' | 'rest'; fleetAdminOnly?: boolean },
): Promise<DormancyResult> {
  const entry = { actor: caller.claims, action: AUDIT_ACTION[cmd], targetType: 'region', targetId: regionRef, regionId: regionRef, details: { via: opts.via }, requestId: caller.requestId ?? null };
  return audited(deps.sql, entry, async (auditOk) => {
    if (!caller.claims) throw new DomainError('ERR_UNAUTHENTICATED', 'sign in first');
    if (opts.fleetAdminOnly) {
      const notAdmin = checkPermission(caller.claims, 'fleet');
      if (notAdmin) unwrap(notAdmin);
    }
    const r = await findRegion(deps.sql, regionRef);
    if (!r || r.regionType !== 'player_owned') throw new DomainError('ERR_REGION_NOT_FOUND', `region ${regionRef} not found`);
    const denied = checkPermission(caller.claims, cmd === 'hibernate' ? 'hibernate' : 'wake', r);
    if (denied) unwrap(denied);
    const h = deps.hibernation;
    if (!h) throw new DomainError('ERR_INTERNAL', 'hibernation is not available here');
    const d = decideDormancyCommand(cmd, r);
    if (d.kind === 'refuse') throw new DomainError(d.code, refusalMessage(cmd, r, d.code), { state: r.runtimeState });
    const from = r.runtimeState;
    const to: RegionRuntimeState = d.kind === 'run' ? d.to : 'ready';
    let result: DormancyResult;
    if (cmd === 'hibernate') {
      const out = await h.hibernate(r.id, `hibernated by ${caller.claims.username ?? caller.claims.sub}`);
      if (!out || out.kind === 'missing') throw new DomainError('ERR_REGION_NOT_FOUND', `region ${regionRef} not found`);
      // Lost a race (the region changed between the read and the stop): refused like the rule would have.
      if (out.kind === 'refused') throw new DomainError(out.code, refusalMessage(cmd, { ...r, runtimeState: out.state }, out.code), { state: out.state });
      result = { region: out.region, from, to, wakeMs: null, settled: true };
    } else {
      const out = await h.wake(r.id, { waitMs: opts.waitMs ?? 0 });
      if (out.kind === 'missing') throw new DomainError('ERR_REGION_NOT_FOUND', `region ${regionRef} not found`);
      if (out.kind === 'refused') throw new DomainError(out.code, refusalMessage(cmd, { ...r, runtimeState: out.state }, out.code), { state: out.state });
      const cur = (await findRegion(deps.sql, r.id)) ?? r;
      result = { region: cur, from, to, wakeMs: out.kind === 'ready' ? out.ms : null, settled: cur.runtimeState === 'ready' };
    }
    await deps.sql.begin((tx) => auditOk(tx, { targetId: r.id, regionId: r.id, details: { from, to, state: result.region.runtimeState, inProgress: d.kind === 'in_progress' } }));
    return result;
  }, (err) => caller.log.error({ err }, 'audit write failed'));
}
