import { describe, expect, it } from 'vitest';
import { heartbeatHealth } from './heartbeat-health.ts';

const T = 1_000_000;

describe('heartbeatHealth', () => {
  it.each([
    { description: 'fresh heartbeat is healthy', input: { now: T, startedAt: T - 60_000, lastHeartbeatAt: T - 4_000 }, healthy: true, reason: undefined },
    { description: '2 missed periods is still healthy', input: { now: T, startedAt: T - 60_000, lastHeartbeatAt: T - 14_999 }, healthy: true, reason: undefined },
    { description: '3 missed periods is unhealthy', input: { now: T, startedAt: T - 60_000, lastHeartbeatAt: T - 15_000 }, healthy: false, reason: 'missed_heartbeats' },
    { description: 'within the initial delay without heartbeat is healthy', input: { now: T, startedAt: T - 10_000, lastHeartbeatAt: null }, healthy: true, reason: undefined },
    { description: 'never heartbeated after delay + 15 s is unhealthy', input: { now: T, startedAt: T - 20_000, lastHeartbeatAt: null }, healthy: false, reason: 'missed_heartbeats' },
    { description: 'exit by signal is a crash', input: { now: T, startedAt: T - 60_000, lastHeartbeatAt: T, exit: { code: null, signal: 'SIGKILL' } }, healthy: false, reason: 'crash' },
    { description: 'exit with oom flag is oom', input: { now: T, startedAt: T - 60_000, lastHeartbeatAt: T, exit: { code: 137, signal: null, oom: true } }, healthy: false, reason: 'oom' },
    { description: 'custom short period', input: { now: T, startedAt: T - 60_000, lastHeartbeatAt: T - 3_000, periodMs: 1_000 }, healthy: false, reason: 'missed_heartbeats' },
  ])('$description', ({ input, healthy, reason }) => {
    const r = heartbeatHealth(input);
    expect(r.healthy).toBe(healthy);
    if (!r.healthy) {
      expect(r.reason).toBe(reason);
      expect(r.message.length).toBeGreaterThan(0);
    }
  });

  it('names the signal in the crash message', () => {
    const r = heartbeatHealth({ now: T, startedAt: 0, lastHeartbeatAt: T, exit: { code: null, signal: 'SIGKILL' } });
    expect(r).toEqual({ healthy: false, reason: 'crash', message: 'region-server exited with signal SIGKILL' });
  });
});
