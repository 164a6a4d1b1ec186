import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalescedReread } from './coalesced-reread';

describe('coalescedReread', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads once for a burst, at once the first time, then at most once per gap', () => {
    const reread = vi.fn();
    const c = coalescedReread(reread, 1000);
    c.changed();
    c.changed();
    c.changed();
    vi.advanceTimersByTime(0);
    expect(reread).toHaveBeenCalledTimes(1);
    c.changed();
    c.changed();
    vi.advanceTimersByTime(999);
    expect(reread).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(reread).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(reread).toHaveBeenCalledTimes(2);
  });

  it('reads nothing after stop, even what was pending', () => {
    const reread = vi.fn();
    const c = coalescedReread(reread, 1000);
    c.changed();
    c.stop();
    c.changed();
    vi.advanceTimersByTime(2000);
    expect(reread).not.toHaveBeenCalled();
  });
});
