import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { describe, expect, it } from 'vitest';
import { FastPathCache, fastPathBody, fastPathEntryFor, isPlainDataBody, supergraphAllowsFastPath } from './single-fetch-fast-path.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])';
const supergraphSdl = (() => {
  const r = composeServices([
    {
      name: 'catalog',
      url: 'http://catalog.invalid/graphql',
      typeDefs: parse(`${LINK}
        type Query { items(first: Int = 10): [Item!]! shop: Shop! byKind(kind: Kind!): [Item!]! }
        type Mutation { touch: Int }
        enum Kind { A B }
        type Item @key(fields: "id") { id: ID! name: String! tags: [String!]! }
        type Shop { name: String! open: Boolean! }`),
    },
    {
      name: 'pricing',
      url: 'http://pricing.invalid/graphql',
      typeDefs: parse(`${LINK}
        type Item @key(fields: "id") { id: ID! price: Float! }`),
    },
  ]);
  if (r.errors) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.supergraphSdl;
})();
const supergraph = Supergraph.build(supergraphSdl);
const planner = new QueryPlanner(supergraph);

function entryFor(query: string, operationName?: string) {
  const document = parse(query);
  const plan = planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), document, { operationName }));
  return fastPathEntryFor(document, operationName, plan);
}

describe('fastPathEntryFor', () => {
  it('accepts a single-subgraph query whose planned fetch has the same shape', () => {
    const entry = entryFor('{ items(first: 5) { id name tags } shop { name } }');
    expect(entry?.serviceName).toBe('catalog');
    const body = JSON.parse(entry!.body) as { query: string };
    expect(body.query.replace(/\s+/g, '')).toContain('items(first:5){idnametags}');
  });

  it('accepts aliases and named operations', () => {
    expect(entryFor('query Dash { list: items { name } s: shop { open } }', 'Dash')?.serviceName).toBe('catalog');
  });

  it('refuses plans that span subgraphs', () => {
    expect(entryFor('{ items { id price } }')).toBeNull();
  });

  it('accepts built-in scalar variables and forwards only the declared ones', () => {
    const entry = entryFor('query Q($n: Int = 3) { items(first: $n) { id } }', 'Q');
    expect(entry?.variableNames).toEqual(['n']);
    const body = JSON.parse(fastPathBody(entry!, { n: 2, extra: 'x' })!) as { variables: unknown; query: string };
    expect(body.variables).toEqual({ n: 2 });
    expect(body.query).toContain('$n');
    expect((JSON.parse(fastPathBody(entry!, undefined)!) as { variables: unknown }).variables).toEqual({});
    expect(fastPathBody(entry!, 'not-an-object')).toBeNull();
    expect(fastPathBody(entry!, [1])).toBeNull();
  });

  it('accepts a single-subgraph mutation as a mutation entry (sent once, never re-sent)', () => {
    expect(entryFor('{ shop { name } }')?.kind).toBe('query');
    const entry = entryFor('mutation { touch }');
    expect(entry?.kind).toBe('mutation');
    expect(entry?.serviceName).toBe('catalog');
  });

  it('refuses enum / input-object variables, directives, fragments, subscriptions and meta fields', () => {
    expect(entryFor('query Q($k: Kind!) { byKind(kind: $k) { id } }', 'Q')).toBeNull();
    expect(entryFor('mutation { touch @include(if: true) }')).toBeNull();
    expect(entryFor('{ items { id name @include(if: false) } }')).toBeNull();
    expect(entryFor('{ items { ...F } } fragment F on Item { id }')).toBeNull();
    expect(entryFor('{ items { ... on Item { id } } }')).toBeNull();
    expect(entryFor('{ __typename items { id } }')).toBeNull();
    expect(entryFor('{ items { __typename id } }')).toBeNull();
  });

  it('refuses documents whose operation cannot be picked', () => {
    const doc = parse('query A { shop { name } } query B { shop { open } }');
    const plan = planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), doc, { operationName: 'A' }));
    expect(fastPathEntryFor(doc, undefined, plan)).toBeNull();
    expect(fastPathEntryFor(doc, 'A', plan)?.serviceName).toBe('catalog');
  });
});

describe('isPlainDataBody', () => {
  const b = (s: string) => Buffer.from(s);
  it('accepts {"data":{...}} only', () => {
    expect(isPlainDataBody(b('{"data":{"shop":{"name":"x"}}}\n'))).toBe(true);
    expect(isPlainDataBody(b('{"errors":[{"message":"x"}],"data":{"shop":null}}'))).toBe(false);
    expect(isPlainDataBody(b('{"data":{"shop":null},"errors":[{"message":"x"}]}'))).toBe(false);
    expect(isPlainDataBody(b('{"data":{"a":1},"extensions":{"ftv1":"..."}}'))).toBe(false);
    expect(isPlainDataBody(b('{"data":null}'))).toBe(false);
    expect(isPlainDataBody(b('[]'))).toBe(false);
  });
});

describe('supergraphAllowsFastPath / FastPathCache', () => {
  it('is off when the supergraph hides fields with @inaccessible', () => {
    expect(supergraphAllowsFastPath(supergraphSdl)).toBe(true);
    expect(supergraphAllowsFastPath('type Query { a: Int @inaccessible }')).toBe(false);
  });

  it('keys entries by operation name and query text', () => {
    expect(FastPathCache.key('{ a }', undefined)).not.toBe(FastPathCache.key('{ a }', 'A'));
    const cache = new FastPathCache();
    cache.set('k', null);
    expect(cache.get('k')).toBeNull();
    expect(cache.get('other')).toBeUndefined();
  });
});
