import type { TreatyStatus, TreatyType } from './vocabulary.ts';

/**
 * Treaty lifecycle (docs/rules/governance.md "Treaties"). Region A (the proposer, always the caller's own region)
 * proposes; only region B's owner accepts or rejects; either owner terminates an active treaty; the system expires an
 * active treaty past `expires_at`. At most one live (proposed or active) treaty exists per pair of regions, in either
 * direction and of any type. What a treaty DOES while active is answered by treaty-effects.ts.
 */
export type TreatyAction = 'accept' | 'reject' | 'terminate' | 'expire';

const FROM: Record<TreatyAction, TreatyStatus> = { accept: 'proposed', reject: 'proposed', terminate: 'active', expire: 'active' };
const TO: Record<TreatyAction, TreatyStatus> = { accept: 'active', reject: 'rejected', terminate: 'terminated', expire: 'expired' };

export const LIVE_TREATY_STATUSES: readonly TreatyStatus[] = ['proposed', 'active'];

export function isTreatyLive(s: TreatyStatus): boolean {
  return LIVE_TREATY_STATUSES.includes(s);
}

/** The status an action leads to, or null when the treaty is not in the status the action starts from. */
export function treatyTransition(status: TreatyStatus, action: TreatyAction): TreatyStatus | null {
  return status === FROM[action] ? TO[action] : null;
}

/** Which side of a treaty a region is on, or null when it is not a party. */
export function treatySide(t: { regionAId: string; regionBId: string }, regionId: string): 'a' | 'b' | null {
  if (t.regionAId === regionId) return 'a';
  if (t.regionBId === regionId) return 'b';
  return null;
}

/** Whether an owner of a region on `side` may take `action` (expire is the system's). */
export function treatySideMay(side: 'a' | 'b' | null, action: TreatyAction): boolean {
  if (side === null || action === 'expire') return false;
  return action === 'terminate' ? true : side === 'b';
}

/** True when an active treaty's expiry has passed. */
export function treatyExpired(t: { status: TreatyStatus; expiresAt: Date | null }, now: Date): boolean {
  return t.status === 'active' && t.expiresAt !== null && t.expiresAt <= now;
}

export type { TreatyType };
