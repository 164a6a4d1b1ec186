/**
 * Browser-visible configuration. NEXT_PUBLIC_* values are inlined by `next build`, so they must be referenced literally.
 * When NEXT_PUBLIC_GATEWAY_URL is unset the browser talks to the gateway on the page's own host, port 4000, which keeps
 * `localhost` and `127.0.0.1` pages on the same host as their API.
 */
export function browserGatewayUrl(): string {
  const configured = process.env.NEXT_PUBLIC_GATEWAY_URL;
  if (configured && configured.trim() !== '') return configured;
  if (typeof window === 'undefined') return 'http://127.0.0.1:4000/graphql';
  return `${window.location.protocol}//${window.location.hostname}:4000/graphql`;
}

/** The graphql-ws URL matching an HTTP GraphQL endpoint (same host and path, ws/wss scheme). */
export function toWebSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}
