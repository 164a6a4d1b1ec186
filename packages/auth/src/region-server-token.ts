import { createHmac, timingSafeEqual } from 'node:crypto';
import { internalClaimsSecret } from './secrets.ts';

/**
 * Hub → region-server authentication. Each region-server gets ONE token at spawn (env REGION_SERVER_TOKEN):
 * base64url(HMAC-SHA256(INTERNAL_CLAIMS_SECRET, "sw-region-server:v1:<regionId>")). Hub services that hold
 * the internal secret (orchestrator, region subgraph) derive the same token per region and send it as
 * `Authorization: Bearer <token>`; a region-server knows only its own token, so a compromised region
 * cannot call its neighbours. Rotating INTERNAL_CLAIMS_SECRET rotates every token (region-servers pick up
 * the new one when restarted). See docs/decisions/region-server-secrets.md.
 */
export const REGION_SERVER_TOKEN_ENV = 'REGION_SERVER_TOKEN';

/** The service token of one region. */
export function regionServerToken(regionId: string, secret: string = internalClaimsSecret()): string {
  return createHmac('sha256', secret).update(`sw-region-server:v1:${regionId}`).digest('base64url');
}

/**
 * The fleet-wide scrape token of region-server metrics (env REGION_METRICS_TOKEN): base64url(HMAC-SHA256(
 * INTERNAL_CLAIMS_SECRET, "sw-region-metrics:v1")). It opens GET /metrics of every region-server and nothing
 * else, so Prometheus can scrape the whole fleet with one credentials file while the per-region service token
 * stays the only key to the data routes (docs/decisions/monitoring.md).
 */
export const REGION_METRICS_TOKEN_ENV = 'REGION_METRICS_TOKEN';

export function regionMetricsToken(secret: string = internalClaimsSecret()): string {
  return createHmac('sha256', secret).update('sw-region-metrics:v1').digest('base64url');
}

/** Headers a hub service sends with every call to the region's server. */
export function regionServerAuthHeaders(regionId: string, secret?: string): { authorization: string } {
  return { authorization: `Bearer ${regionServerToken(regionId, secret)}` };
}

/** True when an Authorization header carries exactly `expected` as a Bearer token (constant-time compare). */
export function isRegionServerAuthorized(authorization: string | undefined, expected: string): boolean {
  if (!authorization || !expected) return false;
  const m = /^Bearer (.+)$/.exec(authorization);
  if (!m) return false;
  const got = Buffer.from(m[1]!);
  const want = Buffer.from(expected);
  return got.length === want.length && timingSafeEqual(got, want);
}
