/**
 * Child process of `pnpm bench:fanout`: opens raw graphql-transport-ws sockets to the gateway carrying FANOUT_CLIENT_COUNT
 * subscriptions in total (FANOUT_SUBS_PER_SOCKET per socket, default 1), all to the same regionPings stream, and records per-delivery end-to-end latency (now − publishedAt from the
 * payload), per-subscription order and gap signals. Frames are scanned with indexOf instead of JSON.parse so the client side
 * stays cheap. Talks to the bench over IPC: 'ready' after every subscribe was sent, 'count' → received so far,
 * 'collect' → results.
 */
import { WebSocket } from '../gateway/src/__fixtures__/fanout-bench-kit.ts';

const url = process.env.FANOUT_WS_URL!;
const count = Number(process.env.FANOUT_CLIENT_COUNT);
/** Subscriptions per socket: a player's socket carries several; also keeps sockets under the per-process fd limit. */
const perSocket = Math.max(1, Number(process.env.FANOUT_SUBS_PER_SOCKET ?? 1));
const socketCount = Math.ceil(count / perSocket);
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
const gotPerSubscription = new Int32Array(count);
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
        for (let j = 0; j < perSocket && index * perSocket + j < count; j++) {
          ws.send(JSON.stringify({ id: `s${j}`, type: 'subscribe', payload: { query: QUERY, variables: { r: regionId }, operationName: 'P' } }));
        }
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
      // Frames start with {"id":"s<j>",…: subscription j of this socket.
      const sub = index * perSocket + (perSocket > 1 ? numberAfter(s, '"id":"s') : 0);
      if (n <= lastN[sub]!) outOfOrder++;
      lastN[sub] = n;
      gotPerSubscription[sub]!++;
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
let connectRetries = 0;
/** Opens socket `index`, retrying a refused or dropped handshake (a loaded machine, a proxy's backlog) a few times. */
async function openWithRetry(index: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await open(index);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      connectRetries++;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
async function worker(): Promise<void> {
  while (next < socketCount) await openWithRetry(next++);
}
await Promise.all(Array.from({ length: Math.min(CONCURRENT_CONNECTS, socketCount) }, worker));
let cpuAtReady = process.cpuUsage();
process.send!({ type: 'ready' });

process.on('message', (m: { type: string }) => {
  if (m.type === 'mark') cpuAtReady = process.cpuUsage(); // the publish window starts: CPU is reported from here
  else if (m.type === 'count') process.send!({ type: 'count', received });
  else if (m.type === 'collect') {
    let socketsMissing = 0;
    for (let i = 0; i < count; i++) if (gotPerSubscription[i]! < events) socketsMissing++;
    process.send!({
      type: 'results',
      received,
      gaps,
      outOfOrder,
      errors,
      closedEarly,
      socketsMissing,
      connectRetries,
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
