import type { RegionDesiredState, RegionRuntimeState } from '../vocabulary.ts';

/**
 * Hibernation and tombstoning of idle regions (docs/rules/hibernation.md). Pure decisions; the orchestrator's sweep
 * gathers the facts, calls these and writes what they say.
 */

/** REGION_IDLE_MINUTES default: nobody present this long → hibernate. */
export const DEFAULT_REGION_IDLE_MINUTES = 30;
/** Months without a resident login or a traversal of the region's Nexus warp before it is tombstoned. */
export const TOMBSTONE_AFTER_MONTHS = 6;

export interface IdleFacts {
  runtimeState: RegionRuntimeState;
  desiredState: RegionDesiredState;
  /** Players the region-server counts as present now; null when it could not be asked (never hibernate blind). */
  playersOnline: number | null;
  /** Last time anybody was seen present (or the region woke / became ready); null = never recorded. */
  lastActivityAt: Date | null;
  /** Fallback when lastActivityAt is null: when the region became ready (or was created). */
  since: Date;
  now: Date;
  idleMinutes: number;
}

export type IdleDecision =
  | { kind: 'keep'; reason: 'not_running' | 'presence_unknown' | 'recently_active'; idleForMs: number }
  /** Somebody is present: record the activity (lastActivityAt = now). */
  | { kind: 'occupied' }
  | { kind: 'hibernate'; idleForMs: number };

export function decideIdle(f: IdleFacts): IdleDecision {
  const last = f.lastActivityAt ?? f.since;
  const idleForMs = Math.max(0, f.now.getTime() - last.getTime());
  if (f.runtimeState !== 'ready' || f.desiredState !== 'running') return { kind: 'keep', reason: 'not_running', idleForMs };
  if (f.playersOnline === null) return { kind: 'keep', reason: 'presence_unknown', idleForMs };
  if (f.playersOnline > 0) return { kind: 'occupied' };
  const limitMs = Math.max(1, f.idleMinutes) * 60_000;
  return idleForMs >= limitMs ? { kind: 'hibernate', idleForMs } : { kind: 'keep', reason: 'recently_active', idleForMs };
}

/** What an explicit hibernate (admin, CLI) may do with a region in `state`. */
export function canHibernate(state: RegionRuntimeState, desired: RegionDesiredState): boolean {
  return state === 'ready' && desired === 'running';
}

export type WakeDecision =
  /** Already serving: answer at once. */
  | { kind: 'ready' }
  /** Dormant: start it (`resurrect` when it was tombstoned: the Nexus warp is re-activated too). */
  | { kind: 'wake'; resurrect: boolean }
  /** A wake (or provisioning / restart) is under way: wait for ready. */
  | { kind: 'wait' }
  /** Nothing to wake: the runtime is gone or needs an operator. */
  | { kind: 'refuse'; code: 'ERR_REGION_NOT_WAKEABLE' };

/** What a caller that needs the region's world does, given its runtime state. */
export function decideWake(state: RegionRuntimeState, desired: RegionDesiredState): WakeDecision {
  switch (state) {
    case 'ready':
    case 'draining':
      return { kind: 'ready' };
    case 'hibernated':
    case 'tombstoned':
      return desired === 'terminated' ? { kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' } : { kind: 'wake', resurrect: state === 'tombstoned' };
    case 'waking':
    case 'requested':
    case 'provisioning':
    case 'unhealthy':
    case 'attachment_pending':
      return { kind: 'wait' };
    default:
      return { kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' };
  }
}

/** The operator commands on a region's dormancy (admin GraphQL, REST, region-cli). */
export type DormancyCommand = 'hibernate' | 'wake' | 'resurrect';

export type DormancyCommandDecision =
  /** Carry it out: the region moves from its state toward `to`. */
  | { kind: 'run'; to: 'hibernated' | 'ready' }
  /** The same command is already under way (a wake in progress): answer the current state, change nothing. */
  | { kind: 'in_progress' }
  | { kind: 'refuse'; code: 'ERR_REGION_NOT_HIBERNATABLE' | 'ERR_REGION_NOT_DORMANT' | 'ERR_REGION_NOT_WAKEABLE' };

/**
 * Whether an operator's hibernate / wake / resurrect applies to a region (docs/rules/hibernation.md "Operator
 * commands"). Stricter than decideWake (which serves a caller that needs the world): an explicit command on a region
 * already in the asked-for state is a mistake and is refused with a stable code, nothing changed.
 * - hibernate: only a ready, running region (canHibernate), else ERR_REGION_NOT_HIBERNATABLE;
 * - wake: a hibernated or tombstoned region (a tombstoned one is resurrected); a wake under way is in progress;
 *   ready / draining / starting → ERR_REGION_NOT_DORMANT; gone or broken → ERR_REGION_NOT_WAKEABLE;
 * - resurrect: only a tombstoned region (or one resurrecting: in progress), else ERR_REGION_NOT_WAKEABLE.
 */
export function decideDormancyCommand(
  cmd: DormancyCommand,
  f: { runtimeState: RegionRuntimeState; desiredState: RegionDesiredState; tombstonedAt: Date | null },
): DormancyCommandDecision {
  if (cmd === 'hibernate') return canHibernate(f.runtimeState, f.desiredState) ? { kind: 'run', to: 'hibernated' } : { kind: 'refuse', code: 'ERR_REGION_NOT_HIBERNATABLE' };
  const w = decideWake(f.runtimeState, f.desiredState);
  if (w.kind === 'refuse') return { kind: 'refuse', code: w.code };
  if (cmd === 'resurrect') {
    if (w.kind === 'wake' && w.resurrect) return { kind: 'run', to: 'ready' };
    if (f.runtimeState === 'waking' && f.tombstonedAt !== null) return { kind: 'in_progress' };
    return { kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' };
  }
  if (w.kind === 'wake') return { kind: 'run', to: 'ready' };
  if (f.runtimeState === 'waking') return { kind: 'in_progress' };
  return { kind: 'refuse', code: 'ERR_REGION_NOT_DORMANT' };
}

/** `d` plus `months` calendar months (UTC), clamped to the last day of a shorter month (31 Aug + 6 → 28/29 Feb). */
export function addMonthsUtc(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target;
}

export interface ArchivalFacts {
  runtimeState: RegionRuntimeState;
  desiredState: RegionDesiredState;
  /** Latest login of any resident (member) of the region; null = none ever. */
  lastResidentLoginAt: Date | null;
  /** Latest journey through the region's Nexus warp (in or out); null = none ever. */
  lastTraversalAt: Date | null;
  /** Latest presence seen by the idle sweep; null = none recorded. */
  lastActivityAt: Date | null;
  /** When the region was created (the clock starts there when nothing else happened). */
  createdAt: Date;
  now: Date;
}

export type ArchivalDecision = { kind: 'keep'; tombstoneAt: Date } | { kind: 'tombstone'; lastActivityAt: Date };

/**
 * Six months (TOMBSTONE_AFTER_MONTHS) with no resident login, no traversal of its Nexus warp and nobody present →
 * tombstone. Only a hibernated region is tombstoned (a running one had somebody recently, or will hibernate first);
 * one being terminated is left to termination. Tombstoning never deletes data.
 */
export function decideArchival(f: ArchivalFacts): ArchivalDecision {
  const times = [f.lastResidentLoginAt, f.lastTraversalAt, f.lastActivityAt, f.createdAt].filter((t): t is Date => t !== null);
  const last = new Date(Math.max(...times.map((t) => t.getTime())));
  const tombstoneAt = addMonthsUtc(last, TOMBSTONE_AFTER_MONTHS);
  if (f.runtimeState !== 'hibernated' || f.desiredState !== 'running') return { kind: 'keep', tombstoneAt };
  return f.now.getTime() >= tombstoneAt.getTime() ? { kind: 'tombstone', lastActivityAt: last } : { kind: 'keep', tombstoneAt };
}
