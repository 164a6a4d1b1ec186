/**
 * scaleRegion: owner or admin changes cpu / memory / storage / max players. Every out-of-range value is
 * reported at once (ERR_SCALE_OUT_OF_RANGE with all issues) and nothing changes. A valid change bumps
 * spec_generation; the reconciler applies it (process driver: next restart). `applyScale` is the
 * shared write also used by the autoscaler.
 */
import type { Claims } from '@sw/auth';
import { validateRegionScale, type RegionScale } from '@sw/domain';
import { recordRegionEvent, type StoreDeps } from '../store/region-events.ts';
import { findRegion, loadRegion, type RegionRow } from '../store/region-row.ts';
import type { CommandOutcome } from './outcome.ts';
import { checkPermission } from './permissions.ts';

export type ScaleInput = Partial<Record<keyof RegionScale, number | null>>;

const COLUMNS: Record<keyof RegionScale, string> = { cpu: 'cpu_vcpu', memoryGb: 'memory_gb', storageGb: 'storage_gb', maxPlayers: 'max_players' };

/** Writes a validated partial spec, bumps spec_generation and records a ScaleRequested event. */
export async function applyScale(deps: StoreDeps, regionId: string, change: Partial<RegionScale>, why: string): Promise<RegionRow | null> {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(change)) if (v != null) patch[COLUMNS[k as keyof RegionScale]] = v;
  const [cur] = await deps.sql<{ g: number }[]>`SELECT spec_generation AS g FROM regions WHERE id = ${regionId}`;
  if (!cur) return null;
  return await recordRegionEvent(deps, regionId, { type: 'Normal', reason: 'ScaleRequested', message: `${why}: ${JSON.stringify(change)}`, data: { change } }, {
    ...patch,
    spec_generation: cur.g + 1,
  });
}

export async function scaleRegion(deps: StoreDeps, actor: Claims | null, regionRef: string, input: ScaleInput): Promise<CommandOutcome> {
  const region = await findRegion(deps.sql, regionRef);
  if (!actor) return { kind: 'unauthenticated' };
  if (!region || region.regionType !== 'player_owned') return { kind: 'not_found', region: regionRef };
  const denied = checkPermission(actor, 'scale', region);
  if (denied) return denied;
  const change: Partial<RegionScale> = {};
  for (const k of Object.keys(COLUMNS) as Array<keyof RegionScale>) if (input[k] != null) change[k] = input[k]!;
  if (Object.keys(change).length === 0) return { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'input', message: 'give at least one of cpu, memoryGb, storageGb, maxPlayers' }] };
  const issues = validateRegionScale(change);
  if (issues.length) return { kind: 'invalid', code: 'ERR_SCALE_OUT_OF_RANGE', issues };
  if (['archiving', 'archived', 'terminated'].includes(region.runtimeState)) {
    return { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'regionId', message: `region is ${region.runtimeState}` }] };
  }
  await applyScale(deps, region.id, change, `requested by ${actor.username}`);
  return { kind: 'ok', region: (await loadRegion(deps.sql, region.id))! };
}
