/**
 * Client side of a `fifo` subscription that must not lose events across reconnects, gateway failover and gap signals
 * (the rule is written down in docs/rules/subscription-resync.md). Each event carries its durable position `seq` in the
 * stream's log (for regionRuntimeChanged: the region_events id; increasing, not contiguous); a snapshot query returns
 * the log after a seq (`RegionRuntime.eventsAfter`).
 *
 * While live, events are delivered as they arrive. After a gap — the socket was lost (the next connection may be to
 * another gateway), the gateway signalled SUBSCRIPTION_EVENTS_DROPPED / UPSTREAM_RECONNECTED, or `extensions.seq`
 * (the gateway's per-connection frame counter) jumped — events of the new subscription are held. The FIRST held event
 * proves the new subscription is live, so everything before it is already in the log: the snapshot after the last
 * delivered seq is fetched (paged) and delivered, then the held events above it. Nothing is delivered twice, nothing
 * out of order, and nothing between the last delivered event and the first live one is skipped.
 */
export interface Sequenced {
  seq: number;
}

export interface FifoResyncOptions<E extends Sequenced> {
  /** Receives every event exactly once, in seq order. */
  deliver: (event: E) => void;
  /** The log after `afterSeq`, oldest first (at most a page; an empty page means nothing more). */
  fetchAfter: (afterSeq: number) => Promise<E[]>;
  /**
   * The seq of the snapshot the client already shows (e.g. the newest event of an initial query). The first event of the
   * subscription then triggers a fetch of anything in between. Unset: the log starts with the first event received.
   */
  afterSeq?: number;
  /** A snapshot fetch failed; the next event retries it. */
  onError?: (err: unknown) => void;
}

export interface FifoResyncStats {
  delivered: number;
  fromSnapshot: number;
  duplicatesIgnored: number;
  resyncs: number;
  /** Gaps detected from a jump of extensions.seq on one connection (no explicit signal). */
  transportGaps: number;
}

export class FifoResync<E extends Sequenced> {
  private readonly opts: FifoResyncOptions<E>;
  private lastSeq: number | undefined;
  private lastTransportSeq: number | undefined;
  private state: 'live' | 'holding' | 'fetching';
  private held: E[] = [];
  /** A gap happened while a snapshot was being fetched: events after it wait for another resync. */
  private regap = false;
  private heldAfterGap: E[] = [];
  readonly stats: FifoResyncStats = { delivered: 0, fromSnapshot: 0, duplicatesIgnored: 0, resyncs: 0, transportGaps: 0 };

  constructor(opts: FifoResyncOptions<E>) {
    this.opts = opts;
    this.lastSeq = opts.afterSeq;
    this.state = opts.afterSeq === undefined ? 'live' : 'holding';
  }

  /** The seq of the last delivered event (undefined before the first). */
  get position(): number | undefined {
    return this.lastSeq;
  }

  get resyncing(): boolean {
    return this.state !== 'live';
  }

  /** A subscription event; `transportSeq` is the frame's extensions.seq when the gateway sent one. */
  onEvent(event: E, transportSeq?: number): void {
    const jumped = transportSeq !== undefined && this.lastTransportSeq !== undefined && transportSeq !== this.lastTransportSeq + 1;
    if (transportSeq !== undefined) this.lastTransportSeq = transportSeq;
    if (this.state === 'live' && jumped && this.lastSeq !== undefined) {
      this.stats.transportGaps++;
      this.state = 'holding';
    }
    if (this.state === 'live') {
      this.deliverIfNew(event, false);
      return;
    }
    if (this.regap) this.heldAfterGap.push(event);
    else this.held.push(event);
    if (this.state === 'holding') void this.resync();
  }

  /** The gateway signalled dropped events on this subscription (SUBSCRIPTION_EVENTS_DROPPED, UPSTREAM_RECONNECTED). */
  gap(): void {
    if (this.lastSeq === undefined && this.state === 'live') return; // nothing delivered yet: the log starts with the next event
    if (this.state === 'live') this.state = 'holding';
    else if (this.state === 'fetching') this.regap = true;
  }

  /** The socket closed; the next connection (maybe to another gateway) numbers its frames afresh. */
  connectionLost(): void {
    this.lastTransportSeq = undefined;
    this.gap();
  }

  private deliverIfNew(event: E, fromSnapshot: boolean): void {
    if (this.lastSeq !== undefined && event.seq <= this.lastSeq) {
      this.stats.duplicatesIgnored++;
      return;
    }
    this.lastSeq = event.seq;
    this.stats.delivered++;
    if (fromSnapshot) this.stats.fromSnapshot++;
    this.opts.deliver(event);
  }

  private async resync(): Promise<void> {
    this.state = 'fetching';
    this.stats.resyncs++;
    try {
      const until = this.held[0]!.seq;
      // Page through the log from the last delivered event up to the first live one.
      while (this.lastSeq === undefined || this.lastSeq < until) {
        const page = await this.opts.fetchAfter(this.lastSeq ?? until - 1);
        if (page.length === 0) break;
        for (const e of page) if (e.seq < until) this.deliverIfNew(e, true);
        if (page[page.length - 1]!.seq >= until) break;
      }
    } catch (err) {
      this.state = 'holding';
      this.opts.onError?.(err);
      return;
    }
    const held = this.held.sort((a, b) => a.seq - b.seq);
    this.held = [];
    this.state = 'live';
    for (const e of held) this.deliverIfNew(e, false);
    if (this.regap) {
      // Events after the second gap resync from what was just delivered.
      this.regap = false;
      this.held = this.heldAfterGap;
      this.heldAfterGap = [];
      this.state = 'holding';
      if (this.held.length > 0) void this.resync();
    }
  }
}
