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

/** A failed mutation as a form shows it: the code, a message, and every problem at its field. */
export interface MutationFailure extends QueryFailure {
  issues: Array<{ path: string; message: string }>;
}

function issuesOf(value: unknown): Array<{ path: string; message: string }> {
  if (!Array.isArray(value)) return [];
  return value
    .filter((i): i is { path: unknown; message: unknown } => i !== null && typeof i === 'object')
    .map((i) => ({ path: Array.isArray(i.path) ? i.path.join('.') : String(i.path ?? ''), message: String(i.message ?? '') }));
}

/**
 * Turns a mutation's CombinedError into what a form renders: the first error's code and message, and the
 * validation problems the services attach as `extensions.issues` ({path, message}[]), so each lands at its field.
 */
export function describeMutationError(error: Pick<CombinedError, 'networkError' | 'graphQLErrors' | 'message'>, endpoint = 'the gateway'): MutationFailure {
  const base = describeError(error, endpoint);
  // Services put the list at extensions.issues or extensions.details.issues.
  const issues = error.graphQLErrors.flatMap((e) => {
    const details = e.extensions?.details as { issues?: unknown } | undefined;
    return [...issuesOf(e.extensions?.issues), ...issuesOf(details?.issues)];
  });
  return { ...base, issues };
}

/** The message of the issue at `path` (exact, or the last segment of a dotted path), for a field's error line. */
export function issueAt(failure: MutationFailure | null, path: string): string | undefined {
  return failure?.issues.find((i) => i.path === path || i.path.split('.').pop() === path)?.message;
}
