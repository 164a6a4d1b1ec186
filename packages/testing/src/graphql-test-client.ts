import { encodeForwardedClaims, type Claims } from '@sw/auth';
import { ADMIN_SCOPES } from '@sw/domain';

/** Test-only helper: POSTs one GraphQL operation to a subgraph, optionally with gateway-signed claims. */
export interface GraphqlResponse<T = any> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; extensions?: { code?: string } }[] | undefined;
}

export async function postGraphql<T = any>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  claims: Claims | null = null,
): Promise<GraphqlResponse<T>> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(claims ? encodeForwardedClaims(claims) : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { data?: T | null; errors?: GraphqlResponse['errors'] };
  return { status: res.status, data: body.data, errors: body.errors };
}

/** Claims as the gateway would forward them, valid for an hour; an admin holds every admin scope. */
export function testClaims(userId: string, username: string, playerId: string | null, admin = false): Claims {
  return {
    sub: userId,
    username,
    playerId,
    roles: admin ? ['player', 'admin'] : ['player'],
    scopes: admin ? [...ADMIN_SCOPES] : [],
    exp: Math.floor(Date.now() / 1000) + 3600,
  };
}

/** The error codes of a response, in order. */
export function errorCodes(res: GraphqlResponse): (string | undefined)[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}
