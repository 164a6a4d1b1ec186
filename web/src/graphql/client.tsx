'use client';

import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { authExchange } from '@urql/exchange-auth';
import { UrqlProvider, cacheExchange, createClient, fetchExchange, ssrExchange, subscriptionExchange, type Exchange } from '@urql/next';
import { browserGatewayUrl, toWebSocketUrl, type GatewayLocation } from '../public-env';
import { useSession, type SessionApi } from '../auth/session-provider';
import { isSessionCode } from './error-messages';
import { socketAffinity, withAffinity } from './socket-affinity';

/** State of the live-update socket, for the "live / reconnecting" indicator. */
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

/**
 * Notified after the socket came back from a drop: every live view then re-reads its snapshot, since events sent
 * while it was away are lost (the gateway's `extensions.seq` starts over on the new connection).
 */
export interface LiveConnection {
  status: LiveStatus;
  onReconnect(listener: () => void): () => void;
}

const LiveContext = createContext<LiveConnection>({ status: 'idle', onReconnect: () => () => undefined });

function createSocket(url: string, session: SessionApi, setStatus: (s: LiveStatus) => void, reconnected: () => void): WsClient {
  let everConnected = false;
  return createWsClient({
    // The affinity key keeps every socket of this user on one gateway process behind nginx (socket-affinity.ts).
    url: withAffinity(toWebSocketUrl(url), socketAffinity({ userId: session.user?.userId, storage: window.localStorage })),
    lazy: true,
    // Keep the socket a moment after the last subscription ends, so moving between live pages reuses it.
    lazyCloseTimeout: 5_000,
    // The token is read on every (re)connect, so a reconnect after expiry uses the refreshed one.
    connectionParams: async () => {
      const token = await session.getToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    // Keep trying: a platform restart or a token expiry (close 4403) must not end live updates for good.
    retryAttempts: Number.MAX_SAFE_INTEGER,
    shouldRetry: () => true,
    retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(5_000, 300 * 2 ** retries) + Math.random() * 300)),
    on: {
      connecting: () => setStatus(everConnected ? 'reconnecting' : 'connecting'),
      connected: (_socket, _payload, wasRetry) => {
        setStatus('live');
        if (everConnected || wasRetry) reconnected();
        everConnected = true;
      },
      closed: () => setStatus(everConnected ? 'reconnecting' : 'idle'),
    },
  });
}

function sessionAuthExchange(session: SessionApi): Exchange {
  return authExchange(async (utils) => {
    let token = await session.getToken();
    let interactive = false;
    return {
      addAuthToOperation: (operation) => (token ? utils.appendHeaders(operation, { authorization: `Bearer ${token}` }) : operation),
      didAuthError: (error, operation) => {
        const expired = error.graphQLErrors.some((e) => typeof e.extensions.code === 'string' && isSessionCode(e.extensions.code));
        // Only a user action (a mutation) earns a sign-in prompt; an anonymous page view just shows its state.
        interactive = expired && operation.kind === 'mutation';
        return expired;
      },
      refreshAuth: async () => {
        token = await session.getToken();
        if (!token && interactive && (await session.requestSignIn())) token = await session.getToken();
      },
    };
  });
}

/**
 * Provides urql to client components: HTTP for queries and mutations (with the session's token and a refresh-then-
 * retry on an expired session) and graphql-ws for subscriptions. Rebuilt when the signed-in user changes, so a
 * socket never carries the previous user's identity.
 */
export function GraphqlProvider({ gateway, children }: { gateway: GatewayLocation; children: ReactNode }) {
  const session = useSession();
  const userKey = session.user?.userId ?? 'anonymous';
  const [status, setStatus] = useState<LiveStatus>('idle');
  const { client, ssr, live, dispose } = useMemo(() => {
    const url = browserGatewayUrl(gateway);
    const listeners = new Set<() => void>();
    // Data a client component fetched while server-rendering is replayed in the browser instead of fetched twice.
    const ssr = ssrExchange({ isClient: typeof window !== 'undefined' });
    const exchanges: Exchange[] = [cacheExchange, ssr, sessionAuthExchange(session), fetchExchange];
    let ws: WsClient | null = null;
    if (typeof window !== 'undefined') {
      ws = createSocket(url, session, setStatus, () => listeners.forEach((l) => l()));
      const socket = ws;
      exchanges.push(
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
          }),
        }),
      );
    }
    const live: Omit<LiveConnection, 'status'> = {
      onReconnect(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    // POST always: the gateway's CSRF guard refuses simple GET requests from browsers.
    const client = createClient({ url, exchanges, suspense: true, requestPolicy: 'cache-and-network', preferGetMethod: false });
    return { client, ssr, live, dispose: () => void ws?.dispose() };
    // Rebuilt per user only: token refreshes reuse the client (getToken is read per request and per connect).
  }, [userKey, gateway.port, gateway.publicUrl]);
  // The previous user's socket closes once its replacement exists (not on unmount: strict mode remounts in dev).
  const previousDispose = useRef<(() => void) | null>(null);
  useEffect(() => {
    const old = previousDispose.current;
    previousDispose.current = dispose;
    if (old && old !== dispose) old();
  }, [dispose]);
  const liveValue = useMemo(() => ({ onReconnect: live.onReconnect, status }), [live, status]);
  return (
    <UrqlProvider client={client} ssr={ssr}>
      <LiveContext.Provider value={liveValue}>{children}</LiveContext.Provider>
    </UrqlProvider>
  );
}

/** The live socket's status and reconnect notifications. */
export function useLiveConnection(): LiveConnection {
  return useContext(LiveContext);
}
