/**
 * Child process of `pnpm bench:governance`: opens SUBSCRIBERS graphql-ws sockets to the gateway, each subscribed to
 * electionTallyChanged with cross-subgraph fields, and records (ballots, arrival time) of every tally it receives.
 * Connections carry no token (tallies are public) except every 500th, which signs in with one of TOKENS, so both the
 * shared anonymous upstream and per-user upstreams are exercised. IPC: {type:'ready'} once every socket got its first
 * tally; on {type:'report'} it answers {type:'report', arrivals: [[ballots, ms], ...][]} and exits.
 */
import WebSocket from 'ws';

const URL_ = process.env.GATEWAY_WS_URL!;
const N = Number(process.env.SUBSCRIBERS ?? 1000);
const ELECTION = process.env.ELECTION_ID!;
const TOKENS = JSON.parse(process.env.TOKENS ?? '[]') as string[];
const QUERY = 'subscription($e: ID!) { electionTallyChanged(electionId: $e) { ballots totalWeight region { name } candidates { weight player { name } } } }';

const arrivals: [number, number][][] = Array.from({ length: N }, () => []);
let firstSeen = 0;
const sockets: WebSocket[] = [];
const now = () => performance.timeOrigin + performance.now();

function open(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(URL_, 'graphql-transport-ws');
    sockets.push(ws);
    ws.on('error', reject);
    ws.on('open', () => {
      const token = i % 500 === 0 && TOKENS.length ? TOKENS[(i / 500) % TOKENS.length] : undefined;
      ws.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} }));
    });
    ws.on('message', (raw: WebSocket.RawData) => {
      const msg = JSON.parse(raw.toString()) as { type: string; payload?: { data?: { electionTallyChanged?: { ballots: number } } } };
      if (msg.type === 'connection_ack') {
        ws.send(JSON.stringify({ id: 't', type: 'subscribe', payload: { query: QUERY, variables: { e: ELECTION } } }));
        resolve();
      } else if (msg.type === 'error') {
        // A refused subscription (e.g. ERR_RATE_LIMITED) would never send a tally: fail the bench instead of hanging.
        console.error(`[bench:governance] subscriber ${i} refused: ${raw.toString()}`);
        process.exit(1);
      } else if (msg.type === 'next') {
        const t = msg.payload?.data?.electionTallyChanged;
        if (!t) return;
        if (arrivals[i]!.length === 0) firstSeen++;
        arrivals[i]!.push([t.ballots, now()]);
        if (firstSeen === N && arrivals[i]!.length === 1) process.send!({ type: 'ready' });
      }
    });
  });
}

process.on('message', (m: { type?: string }) => {
  if (m.type === 'stop') process.exit(0);
  if (m.type !== 'report') return;
  for (const ws of sockets) ws.close();
  process.send!({ type: 'report', arrivals }, () => process.exit(0));
});
for (let i = 0; i < N; i += 50) await Promise.all(Array.from({ length: Math.min(50, N - i) }, (_, k) => open(i + k)));
