import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { DomainError } from '@sw/domain';
import { createErrorFormatter, isDomainError } from './format-error.ts';

function setup() {
  const lines: string[] = [];
  const logger = pino(new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }));
  return { format: createErrorFormatter(logger), lines };
}

/** A resolver error as graphql-js produces it: GraphQLError with path + originalError. */
function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['field'], originalError: original });
}

describe('createErrorFormatter', () => {
  it('maps a DomainError thrown by a resolver to its code, status and details', () => {
    const { format } = setup();
    const err = resolverError(new DomainError('ERR_REGION_NAME_TAKEN', 'name taken', { name: 'x' }));
    expect(format(err.toJSON(), err)).toEqual({
      message: 'name taken', locations: undefined, path: ['field'],
      extensions: { code: 'ERR_REGION_NAME_TAKEN', http: { status: 409 }, details: { name: 'x' } },
    });
  });

  it('recognises a DomainError from another module copy by name and known code', () => {
    const foreign = Object.assign(new Error('nope'), { name: 'DomainError', code: 'ERR_FORBIDDEN' });
    expect(isDomainError(foreign)).toBe(true);
    expect(isDomainError(Object.assign(new Error('x'), { name: 'DomainError', code: 'ERR_MADE_UP' }))).toBe(false);
    const { format } = setup();
    const err = resolverError(foreign);
    expect(format(err.toJSON(), err).extensions).toEqual({ code: 'ERR_FORBIDDEN', http: { status: 403 } });
  });

  it('keeps validation codes and ERR_* codes set on a GraphQLError', () => {
    const { format } = setup();
    const v = new GraphQLError('Cannot query field', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format(v.toJSON(), v).extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } });
    const own = new GraphQLError('too deep', { extensions: { code: 'ERR_QUERY_TOO_DEEP' } });
    expect(format(own.toJSON(), own)).toMatchObject({ message: 'too deep', extensions: { code: 'ERR_QUERY_TOO_DEEP', http: { status: 400 } } });
  });

  it('hides anything else behind ERR_INTERNAL and logs the original', () => {
    const { format, lines } = setup();
    const err = resolverError(new TypeError('cannot read x of undefined at secret.ts:12'));
    const out = format(err.toJSON(), err);
    expect(out).toEqual({ message: 'Internal server error', locations: undefined, path: ['field'], extensions: { code: 'ERR_INTERNAL', http: { status: 500 } } });
    expect(lines.join('')).toContain('secret.ts:12');
    const unknownCode = new GraphQLError('weird', { extensions: { code: 'SOMETHING_ELSE' } });
    expect(format(unknownCode.toJSON(), unknownCode).extensions?.code).toBe('ERR_INTERNAL');
  });
});
