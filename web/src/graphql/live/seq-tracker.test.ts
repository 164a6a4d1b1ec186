import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seq-tracker';

const ev = (seq?: number, extra: { gap?: boolean; codes?: string[] } = {}) => ({ seq, gap: extra.gap, codes: extra.codes ?? [] });

describe('SeqTracker', () => {
  it('applies consecutive fifo events, starting anywhere', () => {
    const t = new SeqTracker('fifo');
    expect([t.next(ev(7)), t.next(ev(8)), t.next(ev(9))]).toEqual(['apply', 'apply', 'apply']);
  });

  it('asks for a resync when a fifo event skips a number', () => {
    const t = new SeqTracker('fifo');
    t.next(ev(1));
    expect(t.next(ev(3))).toBe('resync');
    expect(t.next(ev(4))).toBe('apply');
  });

  it('lets a latest-mode field skip numbers (coalesced on purpose)', () => {
    const t = new SeqTracker('latest');
    t.next(ev(1));
    expect(t.next(ev(5))).toBe('apply');
  });

  it('resyncs on the gateway gap signal in either mode', () => {
    expect(new SeqTracker('latest').next(ev(4, { gap: true }))).toBe('resync');
    expect(new SeqTracker('fifo').next(ev(undefined, { codes: ['SUBSCRIPTION_EVENTS_DROPPED'] }))).toBe('resync');
  });

  it('ignores a replayed older event and starts over after reset', () => {
    const t = new SeqTracker('fifo');
    t.next(ev(5));
    expect(t.next(ev(5))).toBe('ignore');
    t.reset();
    expect(t.next(ev(1))).toBe('apply');
  });
});
