import { Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkOperation, measureOperation, queryExceedsBytes } from './query-limits.ts';

const limits = { maxDepth: 4, maxBytes: 100, maxFields: 6 };
const opOf = (src: string) => {
  const doc = parse(src);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { doc, op };
};

describe('measureOperation', () => {
  it('counts depth and fields, expanding fragments per use', () => {
    const { doc, op } = opOf('query { a { b { c } } x: a { ...F } } fragment F on A { b { c } d }');
    expect(measureOperation(doc, op)).toEqual({ depth: 3, fields: 7 });
  });

  it('stops on fragment cycles', () => {
    const { doc, op } = opOf('query { a { ...F } } fragment F on A { b ...G } fragment G on A { ...F c }');
    expect(measureOperation(doc, op)).toEqual({ depth: 2, fields: 3 });
  });
});

describe('checkOperation', () => {
  it('accepts an operation within limits', () => {
    const { doc, op } = opOf('{ a { b { c } } }');
    expect(checkOperation(doc, op, limits)).toBeNull();
  });

  it('rejects a too-deep operation with ERR_QUERY_TOO_DEEP', () => {
    const { doc, op } = opOf('{ a { b { c { d { e } } } } }');
    const err = checkOperation(doc, op, limits);
    expect(err?.extensions).toMatchObject({ code: 'ERR_QUERY_TOO_DEEP', http: { status: 400 } });
  });

  it('rejects too many aliased fields with ERR_QUERY_TOO_COMPLEX', () => {
    const { doc, op } = opOf('{ a1: a a2: a a3: a a4: a a5: a a6: a a7: a }');
    expect(checkOperation(doc, op, limits)?.extensions.code).toBe('ERR_QUERY_TOO_COMPLEX');
  });

  it('refuses subscriptions with ERR_SUBSCRIPTION_OVER_HTTP (405)', () => {
    const { doc, op } = opOf('subscription { ticks }');
    expect(checkOperation(doc, op, limits)?.extensions).toMatchObject({ code: 'ERR_SUBSCRIPTION_OVER_HTTP', http: { status: 405 } });
  });
});

describe('queryExceedsBytes', () => {
  it('measures UTF-8 bytes, not characters', () => {
    expect(queryExceedsBytes('a'.repeat(100), 100)).toBe(false);
    expect(queryExceedsBytes('a'.repeat(101), 100)).toBe(true);
    expect(queryExceedsBytes('é'.repeat(51), 100)).toBe(true);
  });
});
