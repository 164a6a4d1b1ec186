import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, ERROR_STATUS, httpStatusOf } from '@sw/domain';
import type { Logger } from './create-logger.ts';

/** Apollo/graphql-js request-shape codes that reach the client unchanged. */
const CLIENT_CODES: Record<string, number> = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
};

/** True for DomainError, also when it comes from a second copy of @sw/domain (duck-typed on name + known code). */
export function isDomainError(e: unknown): e is DomainError {
  if (e instanceof DomainError) return true;
  return (
    e instanceof Error && e.name === 'DomainError' && typeof (e as { code?: unknown }).code === 'string' &&
    Object.hasOwn(ERROR_STATUS, (e as unknown as { code: string }).code)
  );
}

function originalOf(error: unknown): unknown {
  let e = unwrapResolverError(error);
  while (e instanceof GraphQLError && e.originalError !== undefined && e.originalError !== e) e = e.originalError;
  return e;
}

/** A GraphQLError carrying a DomainError's code and HTTP status (used where Apollo reads extensions.http). */
export function domainGraphQLError(err: DomainError): GraphQLError {
  return new GraphQLError(err.message, {
    originalError: err,
    extensions: { code: err.code, http: { status: httpStatusOf(err.code) } },
  });
}

/**
 * Builds Apollo's `formatError`: a DomainError anywhere in the cause chain becomes
 * `{message, extensions: {code, http: {status}, details?}}`; GraphQL request-shape errors
 * (GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT, ...) and GraphQLErrors that already carry an ERR_* code keep
 * their code; everything else becomes ERR_INTERNAL with a generic message, and the real error is logged.
 */
export function createErrorFormatter(logger: Logger) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = originalOf(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (isDomainError(original)) {
      return {
        ...base,
        message: original.message,
        extensions: {
          code: original.code,
          http: { status: httpStatusOf(original.code) },
          ...(original.details !== undefined ? { details: original.details } : {}),
        },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (Object.hasOwn(CLIENT_CODES, code) || Object.hasOwn(ERROR_STATUS, code))) {
      const status = CLIENT_CODES[code] ?? httpStatusOf(code);
      return { ...formatted, extensions: { ...formatted.extensions, code, http: { status } } };
    }
    logger.error({ err: original, path: formatted.path }, 'unhandled error in GraphQL request');
    return {
      ...base,
      message: 'Internal server error',
      extensions: { code: 'ERR_INTERNAL', http: { status: 500 } },
    };
  };
}

export type ErrorFormatter = ReturnType<typeof createErrorFormatter>;
