/** Access tokens (gateway) and signed forwarded claims (gateway → subgraphs). */
export { hasScope, isAdmin, parseClaims, ROLES } from './claims.ts';
export type { Claims, Role } from './claims.ts';
export {
  signAccessToken,
  verifyAccessToken,
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  SESSION_ACCESS_TOKEN_TTL_SECONDS,
  TOKEN_ISSUER,
} from './access-token.ts';
export { CLAIMS_HEADER, CLAIMS_SIG_HEADER, encodeForwardedClaims, decodeForwardedClaims } from './forwarded-claims.ts';
export { assertProductionSecrets, productionSecretProblems, jwtSecret, internalClaimsSecret, MIN_PRODUCTION_SECRET_LENGTH } from './secrets.ts';
export { BoundedCache } from './bounded-cache.ts';
export { GRID_ROLES, REFUSAL_CODES, SIGNED_IN_ROLES } from './operation-rules.ts';
export type { GridRole, OperationRules } from './operation-rules.ts';
export { REGION_METRICS_TOKEN_ENV, REGION_SERVER_TOKEN_ENV, isRegionServerAuthorized, regionMetricsToken, regionServerAuthHeaders, regionServerToken } from './region-server-token.ts';
