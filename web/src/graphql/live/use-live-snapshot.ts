'use client';

import { useEffect, useRef, useState } from 'react';
import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql';
import { useLiveConnection, type LiveStatus } from '../client';
import { SeqTracker, type DeliveryMode } from './seq-tracker';
import { coalescedReread } from './coalesced-reread';

export interface LiveSnapshotOptions<Snap, Event, Vars extends AnyVariables> {
  /** The server-rendered snapshot (first paint). */
  initial: Snap;
  /** Re-reads the snapshot: after a reconnect, a gap, or an event the view cannot apply. Null keeps the current one. */
  refetch: () => Promise<Snap | null>;
  subscription: TypedDocumentNode<Event, Vars>;
  variables: Vars;
  /** Folds one event into the view; return null to ask for a refetch instead. */
  apply: (current: Snap, event: Event) => Snap | null;
  mode: DeliveryMode;
  /** No subscription while true (e.g. the thing watched has reached a final state). */
  pause?: boolean;
  /**
   * Also re-read the snapshot this often (ms; 0 = never). Events published between the server-rendered snapshot and
   * the moment the subscription is active upstream are lost without a trace (no seq gap to notice), so fifo views
   * re-read once shortly after subscribing and then at this interval. Default 15 s for fifo, never for latest.
   */
  resyncEveryMs?: number;
  /**
   * Re-reads at most once per this long (ms; 0 = every time): for views whose events only say that something changed
   * (apply returns null), so a burst of events costs one read (coalesced-reread.ts).
   */
  minRereadGapMs?: number;
}

/** Delay of the one early re-read after subscribing: by then the upstream subscription is active. */
const EARLY_RESYNC_MS = 1_500;

export interface LiveSnapshot<Snap> {
  data: Snap;
  status: LiveStatus;
  /** Events applied since mount (tests and the "updated" hint read it). */
  events: number;
  /** Code of the last subscription error, if the stream failed. */
  errorCode: string | null;
  /** Replaces the view with a fresher snapshot the caller got otherwise (a mutation's answer). */
  replace: (snap: Snap) => void;
}

function codesOf(result: { error?: { graphQLErrors: ReadonlyArray<{ extensions: Record<string, unknown> }> } | undefined }): string[] {
  return (result.error?.graphQLErrors ?? []).map((e) => e.extensions.code).filter((c): c is string => typeof c === 'string');
}

/**
 * A server-rendered snapshot kept current by a subscription: events are folded in as they arrive, and the snapshot
 * is re-read when the stream cannot be trusted (socket reconnected, gateway gap signal, a skipped `extensions.seq`).
 */
export function useLiveSnapshot<Snap, Event, Vars extends AnyVariables>(opts: LiveSnapshotOptions<Snap, Event, Vars>): LiveSnapshot<Snap> {
  const client = useClient();
  const { status, onReconnect } = useLiveConnection();
  const [data, setDataState] = useState(opts.initial);
  // The folded state is kept in a ref too, so an event is applied to the newest value synchronously.
  const dataRef = useRef(opts.initial);
  const setData = (snap: Snap) => {
    dataRef.current = snap;
    setDataState(snap);
  };
  const [events, setEvents] = useState(0);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const latest = useRef(opts);
  latest.current = opts;
  const varsKey = JSON.stringify(opts.variables);

  useEffect(() => {
    dataRef.current = opts.initial;
    setDataState(opts.initial);
  }, [opts.initial]);

  useEffect(() => {
    if (opts.pause) return;
    const tracker = new SeqTracker(opts.mode);
    let cancelled = false;
    const reread = () => {
      void latest.current.refetch().then((snap) => {
        if (!cancelled && snap !== null) setData(snap);
      });
    };
    const reads = opts.minRereadGapMs ? coalescedReread(reread, opts.minRereadGapMs) : null;
    const resync = reads ? () => reads.changed() : reread;
    const stopReconnect = onReconnect(() => {
      tracker.reset();
      resync();
    });
    const every = opts.resyncEveryMs ?? (opts.mode === 'fifo' ? 15_000 : 0);
    const early = opts.mode === 'fifo' ? setTimeout(resync, EARLY_RESYNC_MS) : null;
    const periodic = every > 0 ? setInterval(resync, every) : null;
    const { unsubscribe } = client.subscription(opts.subscription, opts.variables).subscribe((result) => {
      const codes = codesOf(result);
      const ext = result.extensions as { seq?: unknown; gap?: unknown } | undefined;
      const verdict = tracker.next({ seq: typeof ext?.seq === 'number' ? ext.seq : undefined, gap: ext?.gap === true, codes });
      if (verdict === 'resync') return resync();
      if (verdict === 'ignore') return;
      if (!result.data) {
        if (codes.length > 0) setErrorCode(codes[0] ?? null);
        return;
      }
      const event = result.data;
      setErrorCode(null);
      setEvents((n) => n + 1);
      const next = latest.current.apply(dataRef.current, event);
      if (next === null) resync();
      else setData(next);
    });
    return () => {
      cancelled = true;
      reads?.stop();
      if (early) clearTimeout(early);
      if (periodic) clearInterval(periodic);
      stopReconnect();
      unsubscribe();
    };
    // Re-subscribes only when what is watched changes. `onReconnect` is stable per client; depending on the whole
    // connection object (whose status changes) would resubscribe on every status change, and since the socket is
    // lazy, each resubscription would close and reopen it: a reconnect loop.
  }, [client, onReconnect, varsKey, opts.pause, opts.mode, opts.subscription, opts.resyncEveryMs, opts.minRereadGapMs]);

  return { data, status, events, errorCode, replace: setData };
}
