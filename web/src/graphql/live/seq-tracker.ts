/**
 * Decides, per event of one subscription, whether the view can apply it or must re-read its snapshot. The gateway
 * numbers each subscription's events with `extensions.seq`; a `fifo` field never skips a number unless events were
 * lost (slow client, upstream reconnect), and then it also sends a gap signal. A `latest` field coalesces on
 * purpose, so only the explicit signal counts there.
 */
export type DeliveryMode = 'fifo' | 'latest';

export type SeqVerdict = 'apply' | 'resync' | 'ignore';

export interface LiveEventMeta {
  seq?: number | undefined;
  /** Set on the gateway's gap signal (events dropped for this client). */
  gap?: boolean | undefined;
  /** extensions.code / error codes carried by the event. */
  codes: readonly string[];
}

export const GAP_CODES: ReadonlySet<string> = new Set(['SUBSCRIPTION_EVENTS_DROPPED']);

export class SeqTracker {
  private last: number | undefined;
  private readonly mode: DeliveryMode;

  constructor(mode: DeliveryMode) {
    this.mode = mode;
  }

  /** Forget the numbering, when the socket reconnected (a new connection numbers from its own start). */
  reset(): void {
    this.last = undefined;
  }

  /** The verdict for one event; `ignore` for an event older than one already applied (duplicate after resync). */
  next(meta: LiveEventMeta): SeqVerdict {
    if (meta.gap || meta.codes.some((c) => GAP_CODES.has(c))) {
      if (meta.seq !== undefined) this.last = meta.seq;
      return 'resync';
    }
    if (meta.seq === undefined) return 'apply';
    const previous = this.last;
    if (previous !== undefined && meta.seq <= previous) return 'ignore';
    this.last = meta.seq;
    if (this.mode === 'fifo' && previous !== undefined && meta.seq !== previous + 1) return 'resync';
    return 'apply';
  }
}
