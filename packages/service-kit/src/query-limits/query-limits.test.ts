import { Kind, buildSchema, getIntrospectionQuery, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS, DEFAULT_SUBGRAPH_QUERY_LIMITS, checkQueryLimits, queryExceedsBytes, readQueryLimits } from './query-limits.ts';
import type { QueryLimits } from './query-limits.ts';

const opOf = (src: string) => {
  const doc = parse(src);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { doc, op };
};
const check = (src: string, limits: QueryLimits, model = {}) => {
  const { doc, op } = opOf(src);
  return checkQueryLimits(doc, op, limits, model);
};

const small: QueryLimits = { maxDepth: 4, maxComplexity: 6, maxBytes: 100, introspection: { maxDepth: 6, maxComplexity: 10 } };
const schema = buildSchema(`
  type Query { regions: [Region!]! }
  type Region { id: ID! world: World }
  type World { sectors: Int! }
`);

describe('checkQueryLimits', () => {
  it.each([
    ['default', {}],
    ['every option on', { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true }],
  ])('accepts the standard introspection query (graphql-js getIntrospectionQuery, %s) under the gateway and subgraph defaults', (_label, options) => {
    const query = getIntrospectionQuery(options);
    expect(check(query, DEFAULT_QUERY_LIMITS)).toBeNull();
    expect(check(query, DEFAULT_SUBGRAPH_QUERY_LIMITS)).toBeNull();
    expect(queryExceedsBytes(query, DEFAULT_QUERY_LIMITS.maxBytes)).toBe(false);
  });

  it('accepts an operation within limits', () => {
    expect(check('{ a { b { c } } }', small)).toBeNull();
  });

  it('rejects a too-deep operation with ERR_QUERY_TOO_DEEP', () => {
    expect(check('{ a { b { c { d { e } } } } }', small)?.extensions).toMatchObject({ code: 'ERR_QUERY_TOO_DEEP', http: { status: 400 } });
  });

  it('rejects too many aliased fields with ERR_QUERY_TOO_COMPLEX', () => {
    expect(check('{ a1: a a2: a a3: a a4: a a5: a a6: a a7: a }', small)?.extensions.code).toBe('ERR_QUERY_TOO_COMPLEX');
  });

  it('holds data fields mixed into an introspection operation to the data limits', () => {
    const deep = check('{ __schema { queryType { name } } a { b { c { d { e } } } } }', small);
    expect(deep?.extensions.code).toBe('ERR_QUERY_TOO_DEEP');
    expect(deep?.message).toMatch(/^Query depth 5/);
    const wide = check('{ __schema { queryType { name } } a1: a a2: a a3: a a4: a a5: a a6: a a7: a }', small);
    expect(wide?.extensions.code).toBe('ERR_QUERY_TOO_COMPLEX');
    expect(wide?.message).toMatch(/^Query complexity/);
  });

  it('bounds introspection on its own (depth and aliased selections)', () => {
    const deep = check('{ __type(name: "A") { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } }', small);
    expect(deep?.extensions.code).toBe('ERR_QUERY_TOO_DEEP');
    expect(deep?.message).toMatch(/^Introspection depth 8/);
    const aliases = Array.from({ length: 11 }, (_, i) => `s${i}: __schema { description }`).join(' ');
    const wide = check(`{ ${aliases} }`, small);
    expect(wide?.extensions.code).toBe('ERR_QUERY_TOO_COMPLEX');
    expect(wide?.message).toMatch(/^Introspection complexity/);
    // The default bound refuses many aliased copies of a full type listing.
    const fragment = 'fragment T on __Type { kind name description fields { name type { name ofType { name } } } inputFields { name } enumValues { name } }';
    const copies = `{ ${Array.from({ length: 40 }, (_, i) => `q${i}: __schema { types { ...T } }`).join(' ')} } ${fragment}`;
    expect(check(copies, DEFAULT_QUERY_LIMITS)?.extensions.code).toBe('ERR_QUERY_TOO_COMPLEX');
  });

  it('counts weighted fields (@cost) in the data complexity', () => {
    const limits = { ...small, maxComplexity: 30 };
    const model = { schema, fieldCosts: new Map([['Region.world', 20]]) };
    expect(check('{ regions { world { sectors } } }', limits, model)).toBeNull();
    expect(check('{ regions { world { sectors } } again: regions { world { sectors } } }', limits, model)?.extensions.code).toBe('ERR_QUERY_TOO_COMPLEX');
    expect(check('{ regions { id } again: regions { id } }', limits, model)).toBeNull();
  });
});

describe('readQueryLimits', () => {
  it('reads <PREFIX>_* variables over the defaults', () => {
    expect(readQueryLimits('SUBGRAPH', DEFAULT_SUBGRAPH_QUERY_LIMITS, { SUBGRAPH_MAX_DEPTH: '9', SUBGRAPH_INTROSPECTION_MAX_COMPLEXITY: '300' })).toEqual({
      ...DEFAULT_SUBGRAPH_QUERY_LIMITS,
      maxDepth: 9,
      introspection: { ...DEFAULT_SUBGRAPH_QUERY_LIMITS.introspection, maxComplexity: 300 },
    });
  });

  it('refuses a bound below 1 (a limit cannot be switched off)', () => {
    expect(() => readQueryLimits('GATEWAY', DEFAULT_QUERY_LIMITS, { GATEWAY_MAX_COMPLEXITY: '0' })).toThrow(/at least 1/);
  });
});

describe('queryExceedsBytes', () => {
  it('measures UTF-8 bytes, not characters', () => {
    expect(queryExceedsBytes('a'.repeat(100), 100)).toBe(false);
    expect(queryExceedsBytes('a'.repeat(101), 100)).toBe(true);
    expect(queryExceedsBytes('é'.repeat(51), 100)).toBe(true);
  });
});
