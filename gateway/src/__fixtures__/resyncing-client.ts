/**
 * A test client of `regionRuntimeChanged` that follows the resync rule (docs/rules/subscription-resync.md) over a raw
 * graphql-transport-ws socket: it reconnects by itself when the socket drops (through nginx, so the next connection may
 * land on another gateway), re-subscribes, and feeds every frame to a FifoResync whose snapshot query is
 * `RegionRuntime.eventsAfter` over HTTP. `delivered` is what an application would have seen, in order.
 */
import WebSocket from 'ws';
import { FifoResync } from '@sw/events/fifo-resync';
import { parseGraphqlBody } from '@sw/testing';

export interface ResyncingClientOptions {
  /** ws://host:port/graphql of nginx (or a gateway). */
  wsUrl: string;
  /** http://host:port/graphql for the snapshot query. */
  httpUrl: string;
  token: string;
  /** The nginx affinity key (the web client sends the user's id). */
  affinity: string;
  regionId: string;
  /** Wait between a lost socket and the next attempt (default 250 ms). */
  reconnectDelayMs?: number;
}

interface Frame {
  id?: string;
  type: string;
  payload?: { data?: { regionRuntimeChanged?: { seq: number } }; errors?: Array<{ extensions?: { code?: string } }>; extensions?: { seq?: number } };
}

const SUBSCRIPTION = 'subscription R($id: ID!) { regionRuntimeChanged(regionId: $id) { seq } }';
const SNAPSHOT = 'query S($id: ID!, $after: Int!) { regionRuntime(regionId: $id) { eventsAfter(afterSeq: $after, first: 200) { seq } } }';

export class ResyncingClient {
  readonly delivered: number[] = [];
  /** Sockets that got connection_ack (1 = never reconnected). */
  acks = 0;
  errors: string[] = [];
  readonly resync: FifoResync<{ seq: number }>;
  private readonly opts: ResyncingClientOptions;
  private ws: WebSocket | undefined;
  private stopped = false;
  private waiters: Array<() => void> = [];

  constructor(opts: ResyncingClientOptions) {
    this.opts = opts;
    this.resync = new FifoResync<{ seq: number }>({
      deliver: (e) => {
        this.delivered.push(e.seq);
        this.notify();
      },
      fetchAfter: (afterSeq) => this.snapshot(afterSeq),
      onError: (err) => this.errors.push(`snapshot: ${String(err)}`),
    });
  }

  get last(): number | undefined {
    return this.delivered[this.delivered.length - 1];
  }

  start(): void {
    this.connect();
  }

  /** Resolves once `cond` holds (checked after every delivery) or rejects after `timeoutMs`. */
  async until(cond: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.opts.affinity}: ${what} not reached (last ${this.last}, acks ${this.acks}, errors ${this.errors.join('; ')})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  stop(): void {
    this.stopped = true;
    this.ws?.terminate();
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private connect(): void {
    if (this.stopped) return;
    const url = `${this.opts.wsUrl}?affinity=${encodeURIComponent(this.opts.affinity)}`;
    const ws = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
    this.ws = ws;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${this.opts.token}` } })));
    ws.on('message', (data: Buffer) => this.onFrame(ws, JSON.parse(data.toString()) as Frame));
    ws.on('error', (err) => this.errors.push(`socket: ${err.message}`));
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.resync.connectionLost();
      if (!this.stopped) setTimeout(() => this.connect(), this.opts.reconnectDelayMs ?? 250);
    });
  }

  private onFrame(ws: WebSocket, frame: Frame): void {
    if (frame.type === 'connection_ack') {
      this.acks++;
      ws.send(JSON.stringify({ id: 'r', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { id: this.opts.regionId }, operationName: 'R' } }));
      return;
    }
    if (frame.type === 'ping') {
      ws.send(JSON.stringify({ type: 'pong' }));
      return;
    }
    if (frame.type === 'error' || frame.type === 'complete') {
      this.errors.push(`${frame.type}: ${JSON.stringify(frame.payload)}`);
      ws.close();
      return;
    }
    if (frame.type !== 'next' || frame.id !== 'r') return;
    const code = frame.payload?.errors?.[0]?.extensions?.code;
    if (code === 'SUBSCRIPTION_EVENTS_DROPPED') {
      this.resync.gap();
      return;
    }
    const event = frame.payload?.data?.regionRuntimeChanged;
    if (!event) {
      this.errors.push(`next without data: ${JSON.stringify(frame.payload)}`);
      return;
    }
    this.resync.onEvent({ seq: event.seq }, frame.payload?.extensions?.seq);
  }

  private async snapshot(afterSeq: number): Promise<Array<{ seq: number }>> {
    const res = await fetch(this.opts.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.token}` },
      body: JSON.stringify({ query: SNAPSHOT, variables: { id: this.opts.regionId, after: afterSeq } }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = parseGraphqlBody<{ regionRuntime: { eventsAfter: Array<{ seq: number }> } }>(await res.json());
    if (!body.data) throw new Error(`snapshot query failed: ${JSON.stringify(body.errors)}`);
    return body.data.regionRuntime.eventsAfter;
  }
}
