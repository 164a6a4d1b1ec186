import { describe, expect, it } from 'vitest';
import { FifoResync } from './fifo-resync.ts';

interface Ev { seq: number }
const ev = (seq: number): Ev => ({ seq });

/** A log of events with gapped seqs (like region_events ids shared by many regions) and a paged snapshot query. */
function harness(log: number[], opts: { afterSeq?: number; page?: number; failFirst?: boolean } = {}) {
  const delivered: number[] = [];
  let fail = opts.failFirst ?? false;
  const fetches: number[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const r = new FifoResync<Ev>({
    deliver: (e) => delivered.push(e.seq),
    fetchAfter: async (after) => {
      fetches.push(after);
      if (gate) await gate;
      if (fail) {
        fail = false;
        throw new Error('snapshot query failed');
      }
      return log.filter((s) => s > after).slice(0, opts.page ?? 100).map(ev);
    },
    ...(opts.afterSeq !== undefined ? { afterSeq: opts.afterSeq } : {}),
  });
  const settle = () => new Promise((res) => setTimeout(res, 0));
  return {
    r, delivered, fetches, settle,
    /** Makes the next fetches wait until `open()`. */
    hold() { gate = new Promise((res) => { release = res; }); },
    open() { gate = undefined; release?.(); },
  };
}

describe('FifoResync', () => {
  it('delivers live events as they come and ignores duplicates', () => {
    const h = harness([]);
    for (const s of [3, 7, 7, 9]) h.r.onEvent(ev(s));
    expect(h.delivered).toEqual([3, 7, 9]);
    expect(h.r.stats.duplicatesIgnored).toBe(1);
  });

  it('after a lost connection, fills the outage from the snapshot once the new subscription delivers, without duplicates', async () => {
    const h = harness([3, 7, 9, 12, 15, 20, 22]);
    h.r.onEvent(ev(3), 1);
    h.r.onEvent(ev(7), 2);
    h.r.connectionLost(); // 9, 12 and 15 were published while no subscription was live
    h.r.onEvent(ev(20), 1); // the first frame of the new connection
    h.r.onEvent(ev(22), 2);
    await h.settle();
    expect(h.delivered).toEqual([3, 7, 9, 12, 15, 20, 22]);
    expect(h.fetches).toEqual([7]);
    expect(h.r.stats).toMatchObject({ fromSnapshot: 3, resyncs: 1, duplicatesIgnored: 0 });
  });

  it('pages through a long outage', async () => {
    const log = Array.from({ length: 30 }, (_, i) => 10 + 2 * i);
    const h = harness(log, { page: 4 });
    h.r.onEvent(ev(10));
    h.r.connectionLost();
    h.r.onEvent(ev(66));
    await h.settle();
    await h.settle();
    expect(h.delivered).toEqual(log.filter((s) => s <= 66));
    expect(h.fetches.length).toBeGreaterThan(5);
  });

  it('treats a jump of extensions.seq on one connection as a gap', async () => {
    const h = harness([1, 2, 3, 4, 5]);
    h.r.onEvent(ev(1), 10);
    h.r.onEvent(ev(2), 11);
    h.r.onEvent(ev(5), 14); // frames 12 and 13 never arrived
    await h.settle();
    expect(h.delivered).toEqual([1, 2, 3, 4, 5]);
    expect(h.r.stats.transportGaps).toBe(1);
  });

  it('starts from the snapshot the client already shows (afterSeq)', async () => {
    const h = harness([4, 6, 8, 11], { afterSeq: 4 });
    h.r.onEvent(ev(11));
    await h.settle();
    expect(h.delivered).toEqual([6, 8, 11]);
  });

  it('holds live events that arrive during the snapshot query and delivers them after it, in order', async () => {
    const h = harness([1, 2, 3, 4, 5, 6]);
    h.r.onEvent(ev(1));
    h.r.gap();
    h.hold();
    h.r.onEvent(ev(4));
    h.r.onEvent(ev(5));
    expect(h.r.resyncing).toBe(true);
    h.r.onEvent(ev(6));
    h.open();
    await h.settle();
    expect(h.delivered).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a second outage during the snapshot query is resynced too', async () => {
    const h = harness([1, 2, 3, 4, 5, 6, 7, 8]);
    h.r.onEvent(ev(1));
    h.r.connectionLost();
    h.hold();
    h.r.onEvent(ev(3)); // first connection after the outage; snapshot fetch pending
    h.r.connectionLost(); // 4, 5, 6 lost again
    h.r.onEvent(ev(7));
    h.r.onEvent(ev(8));
    h.open();
    await h.settle();
    await h.settle();
    expect(h.delivered).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(h.r.stats.resyncs).toBe(2);
  });

  it('retries a failed snapshot query at the next event', async () => {
    const h = harness([1, 2, 3, 4], { failFirst: true });
    h.r.onEvent(ev(1));
    h.r.connectionLost();
    h.r.onEvent(ev(3));
    await h.settle();
    expect(h.delivered).toEqual([1]);
    h.r.onEvent(ev(4));
    await h.settle();
    expect(h.delivered).toEqual([1, 2, 3, 4]);
  });
});
