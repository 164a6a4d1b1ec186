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

/**
 * The subscription exchange exists only in the browser: during server rendering there is no socket to open. The
 * graphql-ws client is lazy, so no connection is made until a component actually subscribes.
 */
function browserSubscriptionExchange(url: string): Exchange | null {
  if (typeof window === 'undefined') return null;
  const ws = createWsClient({ url: toWebSocketUrl(url), lazy: true, retryAttempts: 5 });
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
