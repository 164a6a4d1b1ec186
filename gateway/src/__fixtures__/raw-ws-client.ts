/**
 * A raw graphql-transport-ws test client over the `ws` package: sends exactly the frames a test writes and records
 * every frame and the close code, so protocol behaviour (close codes, message order) is asserted on the wire.
 */
import WebSocket from 'ws';
import { parseMessage, type RawMessage } from './ws-frames.ts';

export type { RawMessage } from './ws-frames.ts';

export class RawWsClient {
  readonly ws: WebSocket;
  readonly messages: RawMessage[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];
  private cursor = 0;

  constructor(url: string, protocol: string | string[] | undefined = 'graphql-transport-ws') {
    this.ws = protocol === undefined ? new WebSocket(url) : new WebSocket(url, protocol);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on('message', (data) => {
      this.messages.push(parseMessage(data.toString()));
      this.notify();
    });
    this.ws.on('close', () => this.notify());
  }

  static async open(url: string, protocol?: string | string[]): Promise<RawWsClient> {
    const c = new RawWsClient(url, protocol);
    await c.opened;
    return c;
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** connection_init (+ wait for ack). */
  async init(payload?: Record<string, unknown>): Promise<RawMessage> {
    this.send(payload ? { type: 'connection_init', payload } : { type: 'connection_init' });
    return this.next();
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>, operationName?: string): void {
    this.send({ id, type: 'subscribe', payload: { query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) } });
  }

  /** The next unread message (waits up to timeoutMs). */
  async next(timeoutMs = 5000): Promise<RawMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.cursor >= this.messages.length) {
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error('socket closed while waiting for a message');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.messages[this.cursor++]!;
  }

  /** Collects the next `n` messages for subscription `id` (skipping others). */
  async take(id: string, n: number, timeoutMs = 10_000): Promise<RawMessage[]> {
    const out: RawMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    while (out.length < n) {
      const m = await this.next(Math.max(1, deadline - Date.now()));
      if (m.id === id) out.push(m);
    }
    return out;
  }

  /** Resolves true if no message arrives within ms. */
  async quiet(ms: number): Promise<boolean> {
    const before = this.messages.length;
    await new Promise((r) => setTimeout(r, ms));
    return this.messages.length === before;
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }
}

/**
 * Performs a WebSocket handshake by hand (the ws client refuses a handshake whose subprotocol it did not ask for) and
 * returns the HTTP status, the subprotocol the server picked and the close code of the first frame the server sends.
 */
export async function rawHandshake(url: string, protocolHeader?: string): Promise<{ status: number; protocol: string | null; closeCode: number | null }> {
  const { connect } = await import('node:net');
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname);
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error('raw handshake timed out'));
    }, 5000);
    sock.on('connect', () => {
      const lines = [
        `GET ${u.pathname} HTTP/1.1`,
        `Host: ${u.host}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        ...(protocolHeader !== undefined ? [`Sec-WebSocket-Protocol: ${protocolHeader}`] : []),
        '',
        '',
      ];
      sock.write(lines.join('\r\n'));
    });
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString();
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0);
      const protocol = /sec-websocket-protocol:\s*(.+)/i.exec(head)?.[1]?.trim() ?? null;
      const frame = buf.subarray(end + 4);
      if (status === 101 && frame.length < 4) return; // wait for the close frame
      clearTimeout(timer);
      sock.destroy();
      const closeCode = status === 101 && (frame[0]! & 0x0f) === 0x8 ? frame.readUInt16BE(2) : null;
      resolve({ status, protocol, closeCode });
    });
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
