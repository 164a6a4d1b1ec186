import { describe, expect, it } from 'vitest';
import { regionStatusForRuntime } from './region-status-for-runtime.ts';

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
