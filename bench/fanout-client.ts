/**
 * Child process of `pnpm bench:fanout`: opens FANOUT_CLIENT_COUNT raw graphql-transport-ws sockets to the gateway, each
 * subscribing to the same regionPings stream, and records per-delivery end-to-end latency (now − publishedAt from the
 * payload), per-socket order and gap signals. Frames are scanned with indexOf instead of JSON.parse so the client side
 * stays cheap. Talks to the bench over IPC: 'ready' after every subscribe was sent, 'count' → received so far,
 * 'collect' → results.
 */
import { WebSocket } from '../gateway/src/__fixtures__/fanout-bench-kit.ts';

const url = process.env.FANOUT_WS_URL!;
const count = Number(process.env.FANOUT_CLIENT_COUNT);
const token = process.env.FANOUT_TOKEN!;
const regionId = process.env.FANOUT_REGION!;
const events = Number(process.env.FANOUT_EVENTS);
// Behind nginx every socket carries its own affinity key (a stand-in for one player each), so the consistent hash spreads
// the sockets over the gateways; they all share one auth scope, so each gateway still holds one upstream subscription.
const affinity = process.env.FANOUT_AFFINITY === '1';
const offset = Number(process.env.FANOUT_CLIENT_OFFSET ?? 0);
/** Several gateways without nginx: socket i connects to gateway i mod n. */
const direct = (process.env.FANOUT_WS_URLS ?? '').split(',').filter(Boolean);
const CONCURRENT_CONNECTS = 200;
const QUERY = 'subscription P($r: ID!) { regionPings(regionId: $r) { n publishedAt region { name } } }';

const latencies = new Float64Array(count * events);
let li = 0;
let received = 0;
let gaps = 0;
let outOfOrder = 0;
let errors = 0;
let closedEarly = 0;
let firstAt = 0;
let lastAt = 0;
const lastN = new Int32Array(count);
const maxPerEvent = new Float64Array(events + 1);
const gotPerSocket = new Int32Array(count);
const sockets: WebSocket[] = [];

function numberAfter(s: string, key: string): number {
  const i = s.indexOf(key);
  if (i < 0) return Number.NaN;
  let j = i + key.length;
  let k = j;
  while (k < s.length && '0123456789.-e'.includes(s[k]!)) k++;
  return Number(s.slice(j, k));
}

function open(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const target = direct.length > 0 ? direct[index % direct.length]! : affinity ? `${url}?affinity=s${offset + index}` : url;
    const ws = new WebSocket(target, 'graphql-transport-ws', { perMessageDeflate: false });
    sockets[index] = ws;
    let acked = false;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    ws.on('message', (data: Buffer) => {
      const now = Date.now();
      if (!acked) {
        acked = true;
        ws.send(JSON.stringify({ id: 's', type: 'subscribe', payload: { query: QUERY, variables: { r: regionId }, operationName: 'P' } }));
        resolve();
        return;
      }
      const s = data.toString();
      if (s.includes('SUBSCRIPTION_EVENTS_DROPPED')) {
        gaps++;
        return;
      }
      if (!s.includes('"type":"next"')) {
        if (s.includes('"type":"error"')) errors++;
        return;
      }
      const n = numberAfter(s, '"n":');
      const publishedAt = numberAfter(s, '"publishedAt":');
      if (!(n > 0)) {
        errors++;
        return;
      }
      if (n <= lastN[index]!) outOfOrder++;
      lastN[index] = n;
      gotPerSocket[index]!++;
      received++;
      if (li < latencies.length) latencies[li++] = now - publishedAt;
      if (n <= events && now - publishedAt > maxPerEvent[n]!) maxPerEvent[n] = now - publishedAt;
      if (firstAt === 0) firstAt = now;
      lastAt = now;
    });
    ws.on('close', () => {
      if (!acked) reject(new Error('socket closed before ack'));
      else closedEarly++;
    });
    ws.on('error', (err) => {
      if (!acked) reject(err);
    });
  });
}

let next = 0;
async function worker(): Promise<void> {
  while (next < count) await open(next++);
}
await Promise.all(Array.from({ length: Math.min(CONCURRENT_CONNECTS, count) }, worker));
let cpuAtReady = process.cpuUsage();
process.send!({ type: 'ready' });

process.on('message', (m: { type: string }) => {
  if (m.type === 'mark') cpuAtReady = process.cpuUsage(); // the publish window starts: CPU is reported from here
  else if (m.type === 'count') process.send!({ type: 'count', received });
  else if (m.type === 'collect') {
    let socketsMissing = 0;
    for (let i = 0; i < count; i++) if (gotPerSocket[i]! < events) socketsMissing++;
    process.send!({
      type: 'results',
      received,
      gaps,
      outOfOrder,
      errors,
      closedEarly,
      socketsMissing,
      firstAt,
      lastAt,
      latencies: Array.from(latencies.subarray(0, li)),
      maxPerEvent: Array.from(maxPerEvent.subarray(1)),
      cpuMs: (() => {
        const c = process.cpuUsage(cpuAtReady);
        return (c.user + c.system) / 1000;
      })(),
    });
  } else if (m.type === 'stop') {
    for (const ws of sockets) ws?.terminate();
    process.exit(0);
  }
});

// The bench process went away (killed): never outlive it.
process.on('disconnect', () => process.exit(0));
