/**
 * scaleRegion: owner or admin changes cpu / memory / storage / max players. Every out-of-range value is
 * reported at once (ERR_SCALE_OUT_OF_RANGE with all issues) and nothing changes. A valid change bumps
 * spec_generation; the reconciler applies it (process driver: next restart). `applyScale` is the
 * shared write also used by the autoscaler. Outcomes: ok | unauthenticated | not_found | not_owner |
 * invalid | region_suspended (the owner, not an admin, while billing holds the region).
 *
 * Guards that depend on the region's state, and the spec_generation bump, run on the row read under
 * its lock (decideRegionChange): a concurrent autoscaler or operator scale can never be lost.
 */
import type { AuditInTransaction } from '@sw/audit';
import type { Claims } from '@sw/auth';
import { ownerMayScale, validateRegionScale, type RegionScale, type RegionStatus } from '@sw/domain';
import { decideRegionChange, type RegionPatch, type StoreDeps } from '../store/region-events.ts';
import { findRegion, type RegionRow } from '../store/region-row.ts';
import { auditIn, type CommandFailure, type CommandOutcome } from './outcome.ts';
import { actsAsFleetAdmin, checkPermission } from './permissions.ts';

export type ScaleInput = Partial<Record<keyof RegionScale, number | null>>;

const COLUMNS: Record<keyof RegionScale, string> = { cpu: 'cpu_vcpu', memoryGb: 'memory_gb', storageGb: 'storage_gb', maxPlayers: 'max_players' };
const NOT_SCALABLE = ['archiving', 'archived', 'terminated'];

/** Runs on the locked row: refuse, or the patch that applies `change` and bumps spec_generation. */
function scaleChoice(cur: RegionRow, change: Partial<RegionScale>, why: string, actor: Claims | null) {
  if (NOT_SCALABLE.includes(cur.runtimeState)) {
    return { refuse: { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'regionId', message: `region is ${cur.runtimeState}` }] } satisfies CommandFailure };
  }
  if (actor && !actsAsFleetAdmin(actor) && !ownerMayScale(cur.status as RegionStatus)) return { refuse: { kind: 'region_suspended', status: cur.status } satisfies CommandFailure };
  const patch: RegionPatch = { spec_generation: cur.specGeneration + 1 };
  for (const [k, v] of Object.entries(change)) if (v != null) patch[COLUMNS[k as keyof RegionScale]] = v;
  return { apply: { event: { type: 'Normal' as const, reason: 'ScaleRequested', message: `${why}: ${JSON.stringify(change)}`, data: { change } }, patch } };
}

/** Writes a validated partial spec, bumps spec_generation and records a ScaleRequested event (autoscaler, operators). */
export async function applyScale(deps: StoreDeps, regionId: string, change: Partial<RegionScale>, why: string): Promise<RegionRow | null> {
  const out = await decideRegionChange<CommandFailure>(deps, regionId, (cur) => scaleChoice(cur, change, why, null));
  return out.kind === 'changed' ? out.region : null;
}

/** `opts.audit` writes the ok audit row in the transaction that applies the change (@sw/audit `audited`). */
export async function scaleRegion(deps: StoreDeps, actor: Claims | null, regionRef: string, input: ScaleInput, opts: { audit?: AuditInTransaction } = {}): Promise<CommandOutcome> {
  if (!actor) return { kind: 'unauthenticated' };
  const region = await findRegion(deps.sql, regionRef);
  if (!region || region.regionType !== 'player_owned') return { kind: 'not_found', region: regionRef };
  const denied = checkPermission(actor, 'scale', region);
  if (denied) return denied;
  const change: Partial<RegionScale> = {};
  for (const k of Object.keys(COLUMNS) as Array<keyof RegionScale>) if (input[k] != null) change[k] = input[k];
  if (Object.keys(change).length === 0) return { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'input', message: 'give at least one of cpu, memoryGb, storageGb, maxPlayers' }] };
  const issues = validateRegionScale(change);
  if (issues.length) return { kind: 'invalid', code: 'ERR_SCALE_OUT_OF_RANGE', issues };
  const out = await decideRegionChange<CommandFailure>(deps, region.id, (cur) => scaleChoice(cur, change, `requested by ${actor.username}`, actor), auditIn(opts.audit, region.id));
  if (out.kind === 'missing') return { kind: 'not_found', region: regionRef };
  return out.kind === 'refused' ? out.refusal : { kind: 'ok', region: out.region };
}
