'use client';

import { useMemo, type ReactNode } from 'react';
import { createClient as createWsClient } from 'graphql-ws';
import {
  UrqlProvider,
  cacheExchange,
  createClient,
  fetchExchange,
  ssrExchange,
  subscriptionExchange,
  type Exchange,
} from '@urql/next';
import { browserGatewayUrl, toWebSocketUrl } from '../public-env';
import { socketAffinity, withAffinity } from './socket-affinity';

/**
 * The subscription exchange exists only in the browser: during server rendering there is no socket to open. The
 * graphql-ws client is lazy, so no connection is made until a component actually subscribes. The socket URL carries the
 * gateway affinity key (socket-affinity.ts).
 */
function browserSubscriptionExchange(url: string): Exchange | null {
  if (typeof window === 'undefined') return null;
  const socketUrl = withAffinity(toWebSocketUrl(url), socketAffinity({ storage: window.localStorage }));
  const ws = createWsClient({ url: socketUrl, lazy: true, retryAttempts: 5 });
  return subscriptionExchange({
    forwardSubscription(request) {
      const input = { ...request, query: request.query ?? '' };
      return {
        subscribe(sink) {
          const unsubscribe = ws.subscribe(input, sink);
          return { unsubscribe };
        },
      };
    },
  });
}

/**
 * Provides urql to client components. Built once per mount (useMemo) with an ssrExchange, so data fetched while
 * server-rendering a client component is replayed in the browser instead of fetched twice.
 */
export function GraphqlProvider({ children }: { children: ReactNode }) {
  const [client, ssr] = useMemo(() => {
    const url = browserGatewayUrl();
    const ssr = ssrExchange({ isClient: typeof window !== 'undefined' });
    const subscriptions = browserSubscriptionExchange(url);
    const exchanges: Exchange[] = [cacheExchange, ssr, fetchExchange];
    if (subscriptions) exchanges.push(subscriptions);
    const client = createClient({ url, exchanges, suspense: true });
    return [client, ssr] as const;
  }, []);
  return (
    <UrqlProvider client={client} ssr={ssr}>
      {children}
    </UrqlProvider>
  );
}
