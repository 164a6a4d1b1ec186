/**
 * Per-client delivery of pre-serialized graphql-ws `next` frames (guarding against backpressure and
 * "Fan-out cost"). A payload is serialized ONCE per event and shared by every subscriber; each subscriber only adds its
 * own `{"id":…,"type":"next","payload":` prefix and writes the frame straight to its ws socket.
 *
 * Slow clients never stall others: a subscriber whose socket has more than `highWaterBytes` unsent bytes gets a
 * bounded backlog instead of a write — `latest` mode keeps only the newest frame, `fifo` mode keeps up to `fifoCapacity`
 * frames, drops the oldest on overflow and, before the next frame it does deliver, sends a gap signal
 * (`next` with an error coded SUBSCRIPTION_EVENTS_DROPPED plus `missed` and the seq range). A shared timer drains backlogs.
 */
import type { DeliveryMode } from './subscription-delivery-modes.ts';
import { SUBSCRIPTION_CODES } from './subscription-delivery-modes.ts';

/** The part of a ws WebSocket the fan-out uses (a fake in unit tests). */
export interface FrameSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }): void;
}

/** The TCP socket under a server-side WebSocket (no compression), for writing pre-built frames. */
export interface RawFrameSink {
  cork(): void;
  uncork(): void;
  write(chunk: Buffer): boolean;
}

/** Header of an unmasked (server → client) WebSocket frame. opcode 1 = text, 0 = continuation. */
export function frameHeader(fin: boolean, opcode: number, length: number): Buffer {
  const first = (fin ? 0x80 : 0) | opcode;
  if (length < 126) return Buffer.from([first, length]);
  if (length < 65536) {
    const h = Buffer.allocUnsafe(4);
    h[0] = first;
    h[1] = 126;
    h.writeUInt16BE(length, 2);
    return h;
  }
  const h = Buffer.allocUnsafe(10);
  h[0] = first;
  h[1] = 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return h;
}

const OPEN = 1;
const SUFFIX = Buffer.from('}');

export interface FanoutLimits {
  /** Unsent bytes on a socket above which frames are queued instead of written (default 256 KiB). */
  highWaterBytes: number;
  /** Maximum queued frames per fifo subscriber before the oldest are dropped (default 128, like Apollo Router). */
  fifoCapacity: number;
  /** Backlog drain interval (default 20 ms). */
  drainIntervalMs: number;
}

export const DEFAULT_FANOUT_LIMITS: FanoutLimits = { highWaterBytes: 256 * 1024, fifoCapacity: 128, drainIntervalMs: 20 };

/** One serialized event: the `payload` JSON of a graphql-ws `next` message and its seq. */
export interface SerializedEvent {
  seq: number;
  payload: Buffer;
  /** The final fragment frame (continuation, FIN) `<payload>}` shared by every raw-frame subscriber; built on first use. */
  tailFrame?: Buffer;
}

function tailFrameOf(event: SerializedEvent): Buffer {
  if (!event.tailFrame) {
    const len = event.payload.length + 1;
    event.tailFrame = Buffer.concat([frameHeader(true, 0, len), event.payload, SUFFIX]);
  }
  return event.tailFrame;
}

/** Builds the shared payload bytes: the execution result with `extensions.seq` added. */
export function serializePayload(result: { data?: unknown; errors?: readonly unknown[]; extensions?: Record<string, unknown> }, seq: number): Buffer {
  const out: Record<string, unknown> = {};
  if (result.errors && result.errors.length > 0) out.errors = result.errors;
  if (result.data !== undefined) out.data = result.data;
  out.extensions = { ...result.extensions, seq };
  return Buffer.from(JSON.stringify(out));
}

/**
 * The sockets written to during one event's delivery loop: each is corked at its first frame and uncorked once at the
 * end, so a socket carrying several subscriptions of the event gets ONE writev for all its frames instead of one per
 * subscription. The loop is synchronous, so nothing else (graphql-ws messages) can write between a cork and the flush;
 * a ws.send in between (a gap signal) lands in the same corked buffer, in order.
 */
export class SocketWriteBatch {
  private readonly sinks = new Set<RawFrameSink>();

  add(sink: RawFrameSink): void {
    if (this.sinks.has(sink)) return;
    sink.cork();
    this.sinks.add(sink);
  }

  /** Uncorks every socket of the batch (one writev each). */
  flush(): void {
    for (const sink of this.sinks) sink.uncork();
    this.sinks.clear();
  }
}

/**
 * Delivers events, in order, to every subscriber of a view in as few flushes as possible: a socket gets one writev
 * carrying all its frames of the events of one pass (docs/decisions/subscription-fanout.md "Batching"). A pass holds
 * at most `maxBytes` of payload (the hub uses half the high-water mark): frames corked in a pass count in a socket's
 * bufferedAmount, so a larger pass would make a fast client look backed up and queue (or, fifo, drop) its own events.
 * Returns the number of passes.
 */
export function deliverTogether(events: readonly SerializedEvent[], subscribers: Iterable<{ readonly fanout: FanoutSubscriber }>, maxBytes = Infinity): number {
  let from = 0;
  let passes = 0;
  while (from < events.length) {
    let to = from + 1;
    let bytes = events[from]!.payload.length;
    while (to < events.length && bytes + events[to]!.payload.length <= maxBytes) bytes += events[to++]!.payload.length;
    const batch = new SocketWriteBatch();
    try {
      for (let i = from; i < to; i++) for (const s of subscribers) s.fanout.push(events[i]!, batch);
    } finally {
      batch.flush();
    }
    passes++;
    from = to;
  }
  return passes;
}

/** One client subscription (socket + graphql-ws id) receiving frames of one shared view. */
export class FanoutSubscriber {
  readonly socket: FrameSocket;
  readonly id: string;
  readonly mode: DeliveryMode;
  private readonly prefix: Buffer;
  private readonly raw: RawFrameSink | undefined;
  /** First fragment frame (text, not FIN) `{"id":…,"type":"next","payload":` — built once per subscriber. */
  private readonly headFrame: Buffer | undefined;
  private readonly scheduler: DrainScheduler;
  private backlog: SerializedEvent[] = [];
  /** Events dropped since the last delivered frame (fifo overflow). */
  private missed = 0;
  private firstMissedSeq = 0;
  /** Total frames dropped (fifo) or replaced (latest) for this subscriber; for tests and metrics. */
  dropped = 0;
  coalesced = 0;
  delivered = 0;
  lastSeq = 0;
  closed = false;

  /**
   * With `raw`, each event is written as two frames of one fragmented text message: this subscriber's prebuilt head
   * frame plus the event's shared tail frame (no per-subscriber copy or JSON work). Safe because the server never
   * compresses (ws then writes every frame synchronously, so nothing can interleave the two writes). Without `raw`
   * the frame is concatenated and sent through ws.
   */
  constructor(socket: FrameSocket, id: string, mode: DeliveryMode, scheduler: DrainScheduler, raw?: RawFrameSink) {
    this.socket = socket;
    this.id = id;
    this.mode = mode;
    this.scheduler = scheduler;
    this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
    this.raw = raw;
    this.headFrame = raw ? Buffer.concat([frameHeader(false, 1, this.prefix.length), this.prefix]) : undefined;
  }

  /**
   * Delivers an event now, or queues it (bounded) when the socket is backed up. With `batch`, the socket stays corked
   * until the caller flushes the batch (SocketWriteBatch).
   */
  push(event: SerializedEvent, batch?: SocketWriteBatch): void {
    if (this.closed || this.socket.readyState !== OPEN) return;
    if (this.backlog.length === 0 && this.socket.bufferedAmount < this.scheduler.limits.highWaterBytes) {
      this.write(event, batch);
      return;
    }
    if (this.mode === 'latest') {
      if (this.backlog.length > 0) this.coalesced += this.backlog.length;
      this.backlog = [event];
    } else {
      if (this.backlog.length >= this.scheduler.limits.fifoCapacity) {
        const lost = this.backlog.shift()!;
        if (this.missed === 0) this.firstMissedSeq = lost.seq;
        this.missed += 1;
        this.dropped += 1;
      }
      this.backlog.push(event);
    }
    this.scheduler.schedule(this);
  }

  /** Writes queued frames while the socket accepts them; returns true when the backlog is empty. */
  drain(): boolean {
    if (this.closed || this.socket.readyState !== OPEN) {
      this.backlog = [];
      return true;
    }
    while (this.backlog.length > 0 && this.socket.bufferedAmount < this.scheduler.limits.highWaterBytes) {
      this.write(this.backlog.shift()!);
    }
    return this.backlog.length === 0;
  }

  /**
   * Tells the client that events may have been missed for a reason other than its own slowness (the gateway's socket to
   * the owning subgraph reconnected): a `next` with SUBSCRIPTION_EVENTS_DROPPED, `missed: null` and the reason.
   */
  signalGap(reason: string): void {
    if (this.closed || this.socket.readyState !== OPEN) return;
    const payload = {
      errors: [
        {
          message: 'Events may have been missed; refetch a snapshot to resync',
          extensions: { code: SUBSCRIPTION_CODES.eventsDropped, missed: null, reason },
        },
      ],
      extensions: { gap: true, seq: this.lastSeq },
    };
    this.socket.send(Buffer.concat([this.prefix, Buffer.from(JSON.stringify(payload)), SUFFIX]), { binary: false });
  }

  /** Number of frames waiting for this client. */
  get pending(): number {
    return this.backlog.length;
  }

  close(): void {
    this.closed = true;
    this.backlog = [];
  }

  private write(event: SerializedEvent, batch?: SocketWriteBatch): void {
    if (this.raw && batch) batch.add(this.raw); // corked before the gap frame too, so it stays first
    if (this.missed > 0) {
      this.socket.send(this.gapFrame(event.seq), { binary: false });
      this.missed = 0;
    }
    if (this.raw && batch) {
      this.raw.write(this.headFrame!);
      this.raw.write(tailFrameOf(event));
    } else if (this.raw) {
      this.raw.cork();
      this.raw.write(this.headFrame!);
      this.raw.write(tailFrameOf(event));
      this.raw.uncork();
    } else {
      this.socket.send(Buffer.concat([this.prefix, event.payload, SUFFIX]), { binary: false });
    }
    this.delivered += 1;
    this.lastSeq = event.seq;
  }

  private gapFrame(nextSeq: number): Buffer {
    const payload = {
      errors: [
        {
          message: `${this.missed} event(s) were dropped because this client fell behind; refetch a snapshot to resync`,
          extensions: { code: SUBSCRIPTION_CODES.eventsDropped, missed: this.missed, fromSeq: this.firstMissedSeq, toSeq: nextSeq - 1 },
        },
      ],
      extensions: { gap: true, seq: nextSeq - 1 },
    };
    return Buffer.concat([this.prefix, Buffer.from(JSON.stringify(payload)), SUFFIX]);
  }
}

/** Drains the backlogs of slow subscribers on one shared timer (no per-client timers). */
export class DrainScheduler {
  readonly limits: FanoutLimits;
  private readonly waiting = new Set<FanoutSubscriber>();
  private timer: NodeJS.Timeout | undefined;

  constructor(limits: Partial<FanoutLimits> = {}) {
    this.limits = { ...DEFAULT_FANOUT_LIMITS, ...limits };
  }

  schedule(sub: FanoutSubscriber): void {
    this.waiting.add(sub);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.limits.drainIntervalMs);
      this.timer.unref();
    }
  }

  /** One drain pass (also called directly by tests). */
  tick(): void {
    for (const sub of this.waiting) if (sub.drain()) this.waiting.delete(sub);
    if (this.waiting.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  get backlogged(): number {
    return this.waiting.size;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.waiting.clear();
  }
}
