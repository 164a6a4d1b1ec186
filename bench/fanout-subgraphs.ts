/**
 * Child process of `pnpm bench:fanout`: the real upstream — the feed subgraph (owns Subscription.regionPings, reads
 * events from Redis) and the names subgraph (resolves Region.name for every event). Prints nothing on stdout; reports
 * its URLs over IPC and stops on 'stop'.
 */
import { startFeedSubgraph, startNamesSubgraph } from '../gateway/src/__fixtures__/fanout-bench-kit.ts';

const prefix = process.env.FANOUT_PREFIX!;
const secret = process.env.FANOUT_INTERNAL_SECRET!;
const feed = await startFeedSubgraph({ internalClaimsSecret: secret, prefix });
const names = await startNamesSubgraph({ internalClaimsSecret: secret });
process.send!({ type: 'ready', feedUrl: feed.url, namesUrl: names.url });
async function onMessage(m: { type: string }): Promise<void> {
  if (m.type !== 'stop') return;
  await feed.stop();
  await names.stop();
  process.exit(0);
}
process.on('message', (m: { type: string }) => void onMessage(m));

// The bench process went away (killed): never outlive it.
process.on('disconnect', () => process.exit(0));
