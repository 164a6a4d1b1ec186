import { describe, expect, it } from 'vitest';
import { nextNexusAttachRetry, nexusAttachIdempotencyKey } from './nexus-attach-backoff.ts';

const now = new Date('2026-01-01T00:00:00Z');

describe('nextNexusAttachRetry', () => {
  it.each([
    [1, 1_000, false],
    [2, 5_000, false],
    [3, 30_000, false],
    [4, 300_000, false],
    [5, 1_800_000, true],
    [6, 21_600_000, true],
    [40, 21_600_000, true],
    [0, 1_000, false],
  ])('after %i failures waits %i ms (pending=%s)', (failures, delay, pending) => {
    const r = nextNexusAttachRetry(failures, now);
    expect(r.delayMs).toBe(delay);
    expect(r.nextRetryAt.getTime()).toBe(now.getTime() + delay);
    expect(r.attachmentPending).toBe(pending);
  });

  it('builds the idempotency key from region id and attempt', () => {
    expect(nexusAttachIdempotencyKey('r-1', 3)).toBe('r-1:3');
  });
});
