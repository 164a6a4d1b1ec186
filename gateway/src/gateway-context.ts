import type { Claims } from '@sw/auth';
import type { HandedOverAnswer } from './undici-data-source.ts';

/** Per-request context of the gateway's ApolloServer; data sources read `forwardHeaders` (signed verified claims). */
export interface GatewayContext {
  claims: Claims | null;
  /** x-sw-claims / x-sw-claims-sig for the subgraphs, or undefined for anonymous requests. */
  forwardHeaders: Record<string, string> | undefined;
  requestId: string;
  /** The caller's address as Express sees it (GATEWAY_TRUST_PROXY decides whether X-Forwarded-For counts). */
  clientAddress?: string;
  /** The answer to a mutation the fast path already sent, for the full pipeline's one fetch (never sent twice). */
  handedOver?: HandedOverAnswer;
}
