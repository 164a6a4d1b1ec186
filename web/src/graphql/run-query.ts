import 'server-only';
import type { AnyVariables, TypedDocumentNode } from 'urql';
import { describeError, type QueryFailure } from './describe-error';
import { getClient, serverGatewayUrl } from './server';

export type { QueryFailure };

/** Outcome of {@link runQuery}: data, or a failure to show as an error state (never a thrown error). */
export type QueryOutcome<Data> = { kind: 'ok'; data: Data } | { kind: 'failed'; failure: QueryFailure };

/**
 * Runs one query through the request's server client when a server component renders. Resolves to a failure instead of
 * throwing, so one failing section (say the Nexus subgraph is down) never takes the whole page with it.
 */
export async function runQuery<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<QueryOutcome<Data>> {
  const endpoint = serverGatewayUrl();
  try {
    const result = await getClient().query(document, variables).toPromise();
    if (result.error) return { kind: 'failed', failure: describeError(result.error, endpoint) };
    if (!result.data) return { kind: 'failed', failure: { code: 'ERR_EMPTY_RESPONSE', message: 'The gateway returned no data.' } };
    return { kind: 'ok', data: result.data };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { kind: 'failed', failure: { code: 'ERR_GATEWAY_UNREACHABLE', message: `The gateway at ${endpoint} failed: ${message}` } };
  }
}
