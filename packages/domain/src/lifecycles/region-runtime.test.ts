import { describe, expect, it } from 'vitest';
import { REGION_RUNTIME_STATES } from '../vocabulary.ts';
import {
  REGION_RUNTIME_TRANSITIONS,
  assertRuntimeTransition,
  canTransitionRuntime,
  countsAsActiveRegion,
  countsAsLiveRegion,
  isBeforeReady,
  isDormant,
  isBeingDeleted,
  isRegionRuntimeState,
  isRuntimeGone,
  isRuntimeLive,
  needsOperator,
} from './region-runtime.ts';

/** The expected table written out independently of the implementation. */
const EXPECTED: Record<string, string[]> = {
  requested: ['provisioning', 'draining', 'archiving', 'terminated', 'error'],
  provisioning: ['ready', 'unhealthy', 'draining', 'archiving', 'error', 'attachment_pending', 'generation_corrupt'],
  ready: ['unhealthy', 'provisioning', 'draining', 'archiving', 'error', 'hibernated'],
  unhealthy: ['ready', 'provisioning', 'draining', 'archiving', 'error'],
  draining: ['ready', 'unhealthy', 'archiving', 'error'],
  archiving: ['archived', 'terminated', 'error'],
  archived: ['terminated', 'provisioning'],
  terminated: [],
  error: ['provisioning', 'draining', 'archiving', 'terminated'],
  attachment_pending: ['provisioning', 'ready', 'unhealthy', 'draining', 'archiving', 'error'],
  generation_corrupt: ['provisioning', 'archiving', 'terminated'],
  hibernated: ['waking', 'tombstoned', 'draining', 'archiving', 'error'],
  waking: ['ready', 'unhealthy', 'hibernated', 'tombstoned', 'draining', 'archiving', 'error'],
  tombstoned: ['waking', 'draining', 'archiving', 'error'],
};

const pairs = REGION_RUNTIME_STATES.flatMap((from) => REGION_RUNTIME_STATES.map((to) => [from, to] as const));

describe('region runtime lifecycle', () => {
  it('has a row for every state', () => {
    expect(Object.keys(REGION_RUNTIME_TRANSITIONS).sort()).toEqual([...REGION_RUNTIME_STATES].sort());
  });

  it.each(pairs)('%s -> %s matches the table', (from, to) => {
    const allowed = EXPECTED[from]!.includes(to);
    expect(canTransitionRuntime(from, to)).toBe(allowed);
    if (allowed) expect(() => assertRuntimeTransition(from, to)).not.toThrow();
    else expect(() => assertRuntimeTransition(from, to)).toThrowError(expect.objectContaining({ code: 'ERR_INVALID_TRANSITION' }));
  });

  it('terminated is terminal and no state loops onto itself', () => {
    expect(REGION_RUNTIME_TRANSITIONS.terminated).toEqual([]);
    for (const s of REGION_RUNTIME_STATES) expect(canTransitionRuntime(s, s)).toBe(false);
  });

  it('group predicates partition the states as documented', () => {
    expect(REGION_RUNTIME_STATES.filter(isBeforeReady)).toEqual(['requested', 'provisioning']);
    expect(REGION_RUNTIME_STATES.filter(isRuntimeLive)).toEqual(['ready', 'unhealthy', 'draining', 'attachment_pending']);
    expect(REGION_RUNTIME_STATES.filter(isBeingDeleted)).toEqual(['draining', 'archiving']);
    expect(REGION_RUNTIME_STATES.filter(isRuntimeGone)).toEqual(['archived', 'terminated']);
    expect(REGION_RUNTIME_STATES.filter(needsOperator)).toEqual(['error', 'attachment_pending', 'generation_corrupt']);
    expect(REGION_RUNTIME_STATES.filter(countsAsLiveRegion)).toEqual([
      'provisioning', 'ready', 'unhealthy', 'draining', 'attachment_pending',
    ]);
    expect(REGION_RUNTIME_STATES.filter(isDormant)).toEqual(['hibernated', 'tombstoned']);
    expect(REGION_RUNTIME_STATES.filter((s) => !countsAsActiveRegion(s))).toEqual(['archived', 'terminated', 'tombstoned']);
    expect(isRegionRuntimeState('ready')).toBe(true);
    expect(isRegionRuntimeState('running')).toBe(false);
  });
});
