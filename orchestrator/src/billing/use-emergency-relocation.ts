/**
 * The Galactic Citizen emergency relocation (issue 7: a Galactic Citizenship lapse): a
 * cancelled GC keeps citizenship for a 7-day lapse and may, ONCE in that window, teleport to a region
 * outside their home region where they hold something (a player-owned region they own, or a citizen /
 * resident membership). Re-subscribing clears the lapse and restores the relocation (the webhook
 * processor does that). The rules are pure functions in @sw/domain (`canUseEmergencyRelocation` via
 * `emergencyRelocationBlocker`, `relocationTargetProblem`); this command applies them in one transaction
 * with the player row locked FOR UPDATE, so two concurrent calls cannot both succeed.
 * Every refusal has a stable code and changes nothing.
 */
import type { Claims } from '@sw/auth';
import { DomainError, emergencyRelocationBlocker, isUuid, relocationTargetProblem, type ErrorCode } from '@sw/domain';
import type { BillingDb } from './billing-types.ts';
import { fromMs } from './process-webhook-event.ts';

/** A completed relocation: where the player is now and when the one relocation was spent. */
export interface EmergencyRelocation {
  playerId: string;
  regionId: string;
  /** The region's capital sector, where the player arrives (null when the region has none recorded). */
  sectorNumber: number | null;
  previousRegionId: string | null;
  usedAt: Date;
}

export type RelocationFailure =
  | { kind: 'unauthenticated' }
  | { kind: 'no_player' }
  | { kind: 'invalid_region_id'; regionId: string }
  | { kind: 'not_galactic_citizen' }
  | { kind: 'window_closed'; lapsedAt: Date }
  | { kind: 'already_used'; usedAt: Date }
  | { kind: 'region_not_found'; regionId: string }
  | { kind: 'home_region'; regionId: string }
  | { kind: 'no_holding'; regionId: string }
  | { kind: 'region_not_ready'; regionId: string; status: string; runtimeState: string };

export type EmergencyRelocationOutcome = { kind: 'ok'; relocation: EmergencyRelocation } | RelocationFailure;

const CODES: Record<RelocationFailure['kind'], ErrorCode> = {
  unauthenticated: 'ERR_UNAUTHENTICATED',
  no_player: 'ERR_FORBIDDEN',
  invalid_region_id: 'ERR_VALIDATION',
  not_galactic_citizen: 'ERR_NOT_GALACTIC_CITIZEN',
  window_closed: 'ERR_RELOCATION_WINDOW_CLOSED',
  already_used: 'ERR_RELOCATION_ALREADY_USED',
  region_not_found: 'ERR_REGION_NOT_FOUND',
  home_region: 'ERR_RELOCATION_TARGET_IS_HOME',
  no_holding: 'ERR_NO_HOLDING_IN_REGION',
  region_not_ready: 'ERR_REGION_NOT_READY',
};

function messageOf(f: RelocationFailure): string {
  switch (f.kind) {
    case 'unauthenticated':
      return 'sign in first';
    case 'no_player':
      return 'this account has no player';
    case 'invalid_region_id':
      return 'regionId must be a uuid';
    case 'not_galactic_citizen':
      return 'the emergency relocation is for a Galactic Citizen whose subscription was cancelled (7-day lapse)';
    case 'window_closed':
      return `the 7-day lapse that started ${f.lapsedAt.toISOString()} is over`;
    case 'already_used':
      return `the emergency relocation was already used at ${f.usedAt.toISOString()}`;
    case 'region_not_found':
      return `region ${f.regionId} not found`;
    case 'home_region':
      return 'the emergency relocation leads out of your home region, not into it';
    case 'no_holding':
      return 'you neither own this region nor are a citizen or resident of it';
    case 'region_not_ready':
      return `region ${f.regionId} is not serving players (status ${f.status}, runtime ${f.runtimeState})`;
  }
}

/** Returns the ok outcome or throws the matching DomainError (stable ERR_* code). */
export function unwrapRelocation(o: EmergencyRelocationOutcome): { kind: 'ok'; relocation: EmergencyRelocation } {
  if (o.kind === 'ok') return o;
  const { kind, ...details } = o;
  throw new DomainError(CODES[kind], messageOf(o), { reason: kind, ...details });
}

interface PlayerRow {
  id: string;
  home_region_id: string | null;
  current_region_id: string | null;
  is_galactic_citizen: boolean;
  gc_lapsed_at_ms: number | null;
  gc_relocation_used_at_ms: number | null;
}

interface TargetRow {
  id: string;
  region_type: string;
  owner_id: string | null;
  status: string;
  runtime_state: string;
  desired_state: string;
  capital_sector_number: number | null;
  membership_type: string | null;
}

class Refused extends Error {
  readonly failure: RelocationFailure;
  constructor(failure: RelocationFailure) {
    super(failure.kind);
    this.failure = failure;
  }
}

/**
 * Spends the caller's one emergency relocation on `regionId`: sets players.current_region_id to it,
 * current_sector_number to its capital sector and gc_relocation_used_at = now, all in one transaction
 * with the player row locked. Checks, in order: signed in with a player; a lapsed Galactic Citizen
 * inside the 7-day window with the relocation unused; the region exists; not the home region; a holding
 * there; the region serving players (active / ready / running).
 */
export async function useEmergencyRelocation(
  deps: BillingDb,
  claims: Claims | null,
  input: { regionId: string },
  opts: { now?: Date } = {},
): Promise<EmergencyRelocationOutcome> {
  if (!claims) return { kind: 'unauthenticated' };
  if (!claims.playerId) return { kind: 'no_player' };
  if (!isUuid(input.regionId)) return { kind: 'invalid_region_id', regionId: String(input.regionId) };
  const playerId = claims.playerId;
  const regionId = input.regionId;
  const now = opts.now ?? new Date();
  try {
    const relocation = await deps.sql.begin(async (tx) => {
      const [p] = await tx<PlayerRow[]>`
        SELECT id, home_region_id, current_region_id, is_galactic_citizen,
               (extract(epoch from gc_lapsed_at) * 1000)::float8 AS gc_lapsed_at_ms,
               (extract(epoch from gc_relocation_used_at) * 1000)::float8 AS gc_relocation_used_at_ms
        FROM players WHERE id = ${playerId} FOR UPDATE`;
      if (!p) throw new Refused({ kind: 'no_player' });
      const citizenship = { isGalacticCitizen: p.is_galactic_citizen, gcLapsedAt: fromMs(p.gc_lapsed_at_ms), gcRelocationUsedAt: fromMs(p.gc_relocation_used_at_ms) };
      const blocker = emergencyRelocationBlocker(citizenship, now);
      if (blocker === 'window_closed') throw new Refused({ kind: 'window_closed', lapsedAt: citizenship.gcLapsedAt! });
      if (blocker === 'already_used') throw new Refused({ kind: 'already_used', usedAt: citizenship.gcRelocationUsedAt! });
      if (blocker) throw new Refused({ kind: blocker });

      const [r] = await tx<TargetRow[]>`
        SELECT r.id, r.region_type, r.owner_id, r.status, r.runtime_state, r.desired_state, r.capital_sector_number, m.membership_type
        FROM regions r LEFT JOIN regional_memberships m ON m.region_id = r.id AND m.player_id = ${playerId}
        WHERE r.id = ${regionId}`;
      if (!r) throw new Refused({ kind: 'region_not_found', regionId });
      const problem = relocationTargetProblem(
        { id: p.id, homeRegionId: p.home_region_id },
        { regionId: r.id, regionType: r.region_type, ownerId: r.owner_id, status: r.status, runtimeState: r.runtime_state, desiredState: r.desired_state, membershipType: r.membership_type },
      );
      if (problem === 'home_region') throw new Refused({ kind: 'home_region', regionId });
      if (problem === 'no_holding') throw new Refused({ kind: 'no_holding', regionId });
      if (problem === 'not_ready') throw new Refused({ kind: 'region_not_ready', regionId, status: r.status, runtimeState: r.runtime_state });

      await tx`
        UPDATE players SET current_region_id = ${r.id}, current_sector_number = ${r.capital_sector_number},
          gc_relocation_used_at = ${now.toISOString()}::timestamptz
        WHERE id = ${p.id}`;
      return { playerId: p.id, regionId: r.id, sectorNumber: r.capital_sector_number, previousRegionId: p.current_region_id, usedAt: now } satisfies EmergencyRelocation;
    });
    return { kind: 'ok', relocation };
  } catch (err) {
    if (err instanceof Refused) return err.failure; // the transaction rolled back: nothing changed
    throw err;
  }
}
