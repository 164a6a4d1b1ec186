import { describe, expect, it } from 'vitest';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { describeError, describeMutationError, issueAt } from './describe-error';

const endpoint = 'http://127.0.0.1:4000/graphql';

describe('describeError', () => {
  it('reports a refused connection as ERR_GATEWAY_UNREACHABLE naming the endpoint', () => {
    const error = new CombinedError({ networkError: new TypeError('fetch failed') });
    expect(describeError(error, endpoint)).toEqual({
      code: 'ERR_GATEWAY_UNREACHABLE',
      message: 'The gateway at http://127.0.0.1:4000/graphql is not reachable (fetch failed).',
    });
  });

  it('reports a timeout as "timed out"', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const error = new CombinedError({ networkError: timeout as unknown as Error });
    expect(describeError(error, endpoint).message).toBe('The gateway at http://127.0.0.1:4000/graphql is not reachable (timed out).');
  });

  it("keeps the first GraphQL error's stable code and message", () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('first must be 1-200', { extensions: { code: 'ERR_VALIDATION' } }),
        new GraphQLError('second', { extensions: { code: 'ERR_OTHER' } }),
      ],
    });
    expect(describeError(error, endpoint)).toEqual({ code: 'ERR_VALIDATION', message: 'first must be 1-200' });
  });

  it('falls back to ERR_GRAPHQL when the error has no code', () => {
    const error = new CombinedError({ graphQLErrors: [new GraphQLError('boom')] });
    expect(describeError(error, endpoint)).toEqual({ code: 'ERR_GRAPHQL', message: 'boom' });
  });
});

describe('describeMutationError', () => {
  it('collects extensions.issues so every problem lands at its field', () => {
    const failure = describeMutationError(
      {
        networkError: undefined,
        message: 'x',
        graphQLErrors: [
          new GraphQLError('bad', { extensions: { code: 'ERR_VALIDATION', issues: [{ path: 'input.cpu', message: 'cpu too big' }, { path: ['name'], message: 'too short' }] } }),
        ],
      },
      'http://gw',
    );
    expect(failure.code).toBe('ERR_VALIDATION');
    expect(issueAt(failure, 'cpu')).toBe('cpu too big');
    expect(issueAt(failure, 'name')).toBe('too short');
    expect(issueAt(failure, 'memoryGb')).toBeUndefined();
  });
});
