import type { CombinedError } from 'urql';

/** Why a query produced no data, in a form a component can render without knowing about urql. */
export interface QueryFailure {
  /** ERR_GATEWAY_UNREACHABLE for network failures and timeouts, else the first GraphQL error's extensions.code. */
  code: string;
  message: string;
}

/**
 * Turns urql's CombinedError into a renderable failure when a query fails. Network errors name the endpoint, so the
 * fix is obvious; GraphQL errors keep the service's stable code (ERR_GRAPHQL when the error carries none).
 */
export function describeError(error: Pick<CombinedError, 'networkError' | 'graphQLErrors' | 'message'>, endpoint: string): QueryFailure {
  if (error.networkError) {
    const cause = error.networkError.name === 'TimeoutError' ? 'timed out' : error.networkError.message;
    return { code: 'ERR_GATEWAY_UNREACHABLE', message: `The gateway at ${endpoint} is not reachable (${cause}).` };
  }
  const first = error.graphQLErrors[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'ERR_GRAPHQL';
  return { code, message: first?.message ?? error.message };
}
