import 'server-only';
import { cacheExchange, createClient, fetchExchange } from 'urql';
import { registerUrql } from '@urql/next/rsc';
import { serverEnv } from '../env';
import { readSession } from '../auth/session-cookie';

/**
 * Builds the urql client server components use. `registerUrql` memoises it per request (React `cache`), so one
 * request shares a cache and two requests never do. Every request carries a timeout: a hung gateway becomes a
 * network error the page can show, not a page that never finishes.
 */
function makeServerClient() {
  const { GATEWAY_URL, GATEWAY_TIMEOUT_MS } = serverEnv();
  return createClient({
    url: GATEWAY_URL,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: { cache: 'no-store' },
    // urql overwrites init.signal with its own abort signal, so the timeout is combined here rather than in fetchOptions.
    // The signed-in user's token comes from the request's session cookie, so first paint shows their data.
    fetch: async (input, init) => {
      const session = await readSession();
      const headers = new Headers(init?.headers);
      if (session) headers.set('authorization', `Bearer ${session.token}`);
      return fetch(input, {
        ...init,
        headers,
        signal: init?.signal
          ? AbortSignal.any([init.signal, AbortSignal.timeout(GATEWAY_TIMEOUT_MS)])
          : AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
      });
    },
  });
}

/** The current request's urql client; call it inside server components and server actions only. */
export const { getClient } = registerUrql(makeServerClient);

/** The endpoint server components query, for error messages. */
export function serverGatewayUrl(): string {
  return serverEnv().GATEWAY_URL;
}
