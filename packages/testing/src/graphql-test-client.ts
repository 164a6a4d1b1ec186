import { encodeForwardedClaims, type Claims } from '@sw/auth';
import { ADMIN_SCOPES } from '@sw/domain';

/** One entry of a GraphQL response's `errors` (the parts tests look at). */
export interface GraphqlError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * A GraphQL answer as a test sees it. `T` is the shape of `data` for the operation that was sent (the caller
 * declares it from its selection set; it is not checked against the schema), `unknown` when not given.
 */
export interface GraphqlResponse<T = unknown> {
  status: number;
  data: T | null | undefined;
  errors: GraphqlError[] | undefined;
}

/** `data` of a federation `_entities(representations:)` query: one entry per representation, null when unresolved. */
export interface EntitiesData {
  _entities: Array<Record<string, unknown> | null>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A GraphQL response body as sent (`T` is the selected data, declared by the caller). */
export interface GraphqlBody<T> {
  data?: T | null;
  errors?: GraphqlError[];
  extensions?: Record<string, unknown>;
}

/**
 * Checks that `body` has the outline of a GraphQL response (an object whose `data` is an object or null/absent and
 * whose `errors` is an array of `{ message }`) and returns the same object typed; throws with the body otherwise.
 */
export function parseGraphqlBody<T>(body: unknown): GraphqlBody<T> {
  if (!isRecord(body)) throw new Error(`not a GraphQL response: ${JSON.stringify(body)}`);
  const { data, errors } = body;
  if (data !== undefined && data !== null && !isRecord(data)) throw new Error(`GraphQL data is not an object: ${JSON.stringify(body)}`);
  if (errors !== undefined && !(Array.isArray(errors) && errors.every((e) => isRecord(e) && typeof e.message === 'string'))) {
    throw new Error(`GraphQL errors is not a list of { message }: ${JSON.stringify(body)}`);
  }
  return body as GraphqlBody<T>;
}

/** Test-only helper: POSTs one GraphQL operation to a subgraph, optionally with gateway-signed claims. */
export async function postGraphql<T = unknown>(
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
  const body = parseGraphqlBody<T>(await res.json());
  return { status: res.status, data: body.data, errors: body.errors };
}

/**
 * The `data` of a response that must have succeeded; throws with the errors (or the missing data) otherwise, so a
 * failing test names the GraphQL error instead of a TypeError further down.
 */
export function dataOf<T>(res: { data?: T | null; errors?: unknown }): T {
  if (res.data === null || res.data === undefined) throw new Error(`GraphQL response has no data: ${JSON.stringify(res.errors)}`);
  return res.data;
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
export function errorCodes(res: { errors?: readonly GraphqlError[] }): (string | undefined)[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}
