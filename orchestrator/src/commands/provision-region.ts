/**
 * provisionRegion: records the intent to run a new player region and returns at once (state
 * requested); the reconciler does the work. Admin only (the PayPal purchase path calls it with an
 * admin actor). Outcomes: ok | unauthenticated | admin_required | invalid (name / scale / tier /
 * owner) | name_taken | limit_reached (5 per owner). Fleet size is a soft target: never refused.
 */
import { createHash } from 'node:crypto';
import type { AuditInTransaction } from '@sw/audit';
import type { Claims } from '@sw/auth';
import {
  DEFAULT_REGION_SCALE,
  REGION_TIERS,
  isRegionTier,
  validateRegionName,
  validateRegionScale,
  type ValidationIssue,
} from '@sw/domain';
import type { StoreDeps } from '../store/region-events.ts';
import { recordRegionEvent } from '../store/region-events.ts';
import { findRegionClaimProblem } from '../store/region-claims.ts';
import { loadRegion } from '../store/region-row.ts';
import type { CommandOutcome } from './outcome.ts';
import { checkPermission } from './permissions.ts';

export interface ProvisionRegionInput {
  name: string;
  displayName?: string | null;
  ownerPlayerId?: string | null;
  sizeTier?: string | null;
  cpu?: number | null;
  memoryGb?: number | null;
  storageGb?: number | null;
  maxPlayers?: number | null;
  seed?: string | null;
}

/** A stable positive bigint seed from user input (digits are used as-is). */
export function seedFromInput(seed: string): bigint {
  if (/^\d{1,18}$/.test(seed)) return BigInt(seed);
  return BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 15)}`);
}

/** `opts.audit` writes the ok audit row in the transaction that inserts the region (@sw/audit `audited`). */
export async function provisionRegion(deps: StoreDeps, actor: Claims | null, input: ProvisionRegionInput, opts: { audit?: AuditInTransaction } = {}): Promise<CommandOutcome> {
  const denied = checkPermission(actor, 'provision');
  if (denied) return denied;
  const nameCheck = validateRegionName(input.name, 'name'); // the one validator (docs/rules/original-defects.md #3)
  if (!nameCheck.ok) return { kind: 'invalid', code: 'ERR_REGION_NAME_INVALID', issues: nameCheck.issues };
  const name = nameCheck.slug;
  const scale = {
    cpu: input.cpu ?? DEFAULT_REGION_SCALE.cpu,
    memoryGb: input.memoryGb ?? DEFAULT_REGION_SCALE.memoryGb,
    storageGb: input.storageGb ?? DEFAULT_REGION_SCALE.storageGb,
    maxPlayers: input.maxPlayers ?? DEFAULT_REGION_SCALE.maxPlayers,
  };
  const scaleIssues = validateRegionScale(scale);
  if (scaleIssues.length) return { kind: 'invalid', code: 'ERR_SCALE_OUT_OF_RANGE', issues: scaleIssues };
  const tier = input.sizeTier ?? 'standard';
  const issues: ValidationIssue[] = [];
  if (!isRegionTier(tier)) issues.push({ path: 'sizeTier', message: `sizeTier must be one of ${Object.keys(REGION_TIERS).join(', ')}` });
  const ownerId = input.ownerPlayerId ?? actor!.playerId ?? null;
  if (ownerId && !/^[0-9a-f-]{36}$/i.test(ownerId)) issues.push({ path: 'ownerPlayerId', message: 'must be a player id (uuid)' });
  if (issues.length) return { kind: 'invalid', code: 'ERR_VALIDATION', issues };

  type Inserted = { kind: 'ok'; id: string } | Exclude<CommandOutcome, { kind: 'ok' }>;
  const result: Inserted = await deps.sql.begin(async (tx): Promise<Inserted> => {
    if (ownerId) {
      const [player] = await tx`SELECT id FROM players WHERE id = ${ownerId}`;
      if (!player) return { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'ownerPlayerId', message: 'no such player' }] };
    }
    // The one name-taken / owner-limit rule (also used by the PayPal purchase path).
    const problem = await findRegionClaimProblem(tx, { name, ownerId, lock: true });
    if (problem) return problem;
    const seed = input.seed ? seedFromInput(input.seed) : null;
    const [row] = await tx<{ id: string }[]>`
      INSERT INTO regions (name, display_name, region_type, owner_id, size_tier, total_sectors, status,
        cpu_vcpu, memory_gb, storage_gb, max_players, desired_state, runtime_state, ${seed !== null ? tx`generation_seed,` : tx``} spec_generation)
      VALUES (${name}, ${input.displayName?.trim() || nameCheck.displayName}, 'player_owned', ${ownerId}, ${tier},
        ${REGION_TIERS[tier as keyof typeof REGION_TIERS].targetSectors}, 'pending',
        ${scale.cpu}, ${scale.memoryGb}, ${scale.storageGb}, ${scale.maxPlayers}, 'running', 'requested', ${seed !== null ? tx`${seed.toString()},` : tx``} 1)
      RETURNING id`;
    await opts.audit?.(tx, { targetId: row!.id, regionId: row!.id });
    return { kind: 'ok', id: row!.id };
  }).catch((err: { code?: string }) => {
    if (err.code === '23505') return { kind: 'name_taken' as const, name };
    throw err;
  });
  if (result.kind !== 'ok') return result;
  await recordRegionEvent(deps, result.id, {
    type: 'Normal', reason: 'ProvisionRequested',
    message: `requested by ${actor!.username}: tier ${tier}, cpu ${scale.cpu}, memory ${scale.memoryGb} GB`,
    data: { actor: actor!.sub, ...scale, sizeTier: tier },
  });
  return { kind: 'ok', region: (await loadRegion(deps.sql, result.id))! };
}
