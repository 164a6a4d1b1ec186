import { describe, expect, it } from 'vitest';
import { restErrorOf } from './rest-error-body.ts';

describe('restErrorOf', () => {
  it.each([
    { description: 'code and message', body: { error: { code: 'ERR_X', message: 'boom' } }, expected: { code: 'ERR_X', message: 'boom' } },
    { description: 'details kept', body: { error: { code: 'ERR_X', message: 'm', details: { issues: [] } } }, expected: { code: 'ERR_X', message: 'm', details: { issues: [] } } },
    { description: 'missing message becomes empty', body: { error: { code: 'ERR_X' } }, expected: { code: 'ERR_X', message: '' } },
    { description: 'a success body', body: { regions: [] }, expected: undefined },
    { description: 'a non-string code', body: { error: { code: 42, message: 'm' } }, expected: undefined },
    { description: 'null', body: null, expected: undefined },
    { description: 'a string', body: '<html>', expected: undefined },
  ])('$description', ({ body, expected }) => {
    expect(restErrorOf(body)).toEqual(expected);
  });
});
