/**
 * How the browser finds the gateway. The server passes {@link GatewayLocation} down with every page (read from its
 * environment per request), so one production build serves any port layout without NEXT_PUBLIC_* rebuilds.
 */
export interface GatewayLocation {
  /** Explicit public endpoint (GATEWAY_PUBLIC_URL), or null to use the page's own host with `port`. */
  publicUrl: string | null;
  port: number;
}

/** The gateway's GraphQL endpoint as the browser should call it; during server rendering, the loopback one. */
export function browserGatewayUrl(location: GatewayLocation): string {
  if (location.publicUrl) return location.publicUrl;
  if (typeof window === 'undefined') return `http://127.0.0.1:${location.port}/graphql`;
  return `${window.location.protocol}//${window.location.hostname}:${location.port}/graphql`;
}

/** The graphql-ws URL matching an HTTP GraphQL endpoint (same host and path, ws/wss scheme). */
export function toWebSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}
