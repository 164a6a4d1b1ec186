import { describe, expect, it } from 'vitest';
import { regionStatusForRuntime, statusWhenBillingLiftsHold } from './region-status-for-runtime.ts';
import { REGION_RUNTIME_STATES, type RegionRuntimeState, type RegionStatus } from './vocabulary.ts';

describe('regionStatusForRuntime', () => {
  it('ready makes a pending or attachment_pending region active', () => {
    expect(regionStatusForRuntime('ready', 'pending')).toBe('active');
    expect(regionStatusForRuntime('ready', 'attachment_pending')).toBe('active');
    expect(regionStatusForRuntime('ready', 'active')).toBe('active');
  });

  it('never lifts a billing hold: suspended / grace stay, terminated is final', () => {
    expect(regionStatusForRuntime('ready', 'suspended')).toBeNull();
    expect(regionStatusForRuntime('ready', 'grace')).toBeNull();
    expect(regionStatusForRuntime('ready', 'terminated')).toBeNull();
    expect(regionStatusForRuntime('attachment_pending', 'suspended')).toBeNull();
    expect(regionStatusForRuntime('generation_corrupt', 'grace')).toBeNull();
  });

  it('maps attachment_pending and generation_corrupt, and archived / terminated always to terminated', () => {
    expect(regionStatusForRuntime('attachment_pending', 'pending')).toBe('attachment_pending');
    expect(regionStatusForRuntime('generation_corrupt', 'pending')).toBe('generation_corrupt');
    expect(regionStatusForRuntime('archived', 'suspended')).toBe('terminated');
    expect(regionStatusForRuntime('terminated', 'active')).toBe('terminated');
  });

  it('leaves the status alone for in-between states', () => {
    expect(regionStatusForRuntime('provisioning', 'pending')).toBeNull();
    expect(regionStatusForRuntime('unhealthy', 'active')).toBeNull();
    expect(regionStatusForRuntime('draining', 'active')).toBeNull();
  });
});

describe('statusWhenBillingLiftsHold', () => {
  it.each<[RegionRuntimeState, RegionStatus]>([
    ['ready', 'active'],
    ['generation_corrupt', 'generation_corrupt'],
    ['attachment_pending', 'attachment_pending'],
    ['archived', 'terminated'],
    ['terminated', 'terminated'],
    ['requested', 'pending'],
    ['provisioning', 'pending'],
    ['unhealthy', 'pending'],
  ])('restored at %s -> %s', (state, status) => {
    expect(statusWhenBillingLiftsHold(state)).toBe(status);
  });

  // Order independence: a region held while provisioning, then both "hold lifted, then the runtime reaches `state`"
  // and "the runtime reaches `state` (still held), then the hold is lifted" end with the same status.
  it.each(REGION_RUNTIME_STATES.map((s) => [s] as const))('lifting the hold before or after reaching %s agrees', (state) => {
    const lifted = statusWhenBillingLiftsHold('provisioning');
    const liftedThenReached = regionStatusForRuntime(state, lifted) ?? lifted;
    const reachedThenLifted = statusWhenBillingLiftsHold(state);
    expect(reachedThenLifted).toBe(liftedThenReached);
  });
});
