import { Kind, buildSchema, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureOperation } from './measure-operation.ts';

const opOf = (src: string) => {
  const doc = parse(src);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { doc, op };
};

const schema = buildSchema(`
  type Query { regions: [Region!]! region(id: ID!): Region }
  type Region { id: ID! name: String! world: World owner: Player }
  type World { sectors: Int! }
  type Player { id: ID! homeRegion: Region }
`);
const fieldCosts = new Map([['Region.world', 20]]);

describe('measureOperation', () => {
  it('counts depth and fields, expanding fragments per use', () => {
    const { doc, op } = opOf('query { a { b { c } } x: a { ...F } } fragment F on A { b { c } d }');
    expect(measureOperation(doc, op)).toEqual({ data: { depth: 3, complexity: 7 }, introspection: { depth: 0, complexity: 0 } });
  });

  it('stops on fragment cycles', () => {
    const { doc, op } = opOf('query { a { ...F } } fragment F on A { b ...G } fragment G on A { ...F c }');
    expect(measureOperation(doc, op).data).toEqual({ depth: 2, complexity: 3 });
  });

  it('measures the fields under __schema / __type apart from the data fields', () => {
    const { doc, op } = opOf('{ __typename __schema { types { name fields { name } } } t: __type(name: "Region") { name } regions { id } }');
    expect(measureOperation(doc, op, { schema })).toEqual({
      data: { depth: 2, complexity: 3 },
      introspection: { depth: 4, complexity: 7 },
    });
  });

  it('classifies root fields reached through fragments too', () => {
    const { doc, op } = opOf('query { ...Root } fragment Root on Query { __schema { queryType { name } } regions { owner { id } } }');
    expect(measureOperation(doc, op, { schema })).toEqual({
      data: { depth: 3, complexity: 3 },
      introspection: { depth: 3, complexity: 3 },
    });
  });

  it('weights a field by its schema coordinate, through fragments and inline fragments', () => {
    const { doc, op } = opOf(`{
      regions { world { sectors } }
      region(id: "r") { ... on Region { world { sectors } } owner { homeRegion { ...W } } }
    } fragment W on Region { world { sectors } }`);
    // regions 1 + world 20 + sectors 1; region 1 + world 20 + sectors 1 + owner 1 + homeRegion 1 + world 20 + sectors 1
    expect(measureOperation(doc, op, { schema, fieldCosts }).data.complexity).toBe(67);
  });

  it('counts every field as 1 without a schema (weights need the parent type)', () => {
    const { doc, op } = opOf('{ regions { world { sectors } } }');
    expect(measureOperation(doc, op, { fieldCosts }).data.complexity).toBe(3);
  });

  it('bounds its work: stops counting once a part passes stopAt (fragments doubling 30 times)', () => {
    const levels = 30;
    const frags = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Query { regions { id } }` : `fragment F${i} on Query { ...F${i + 1} a${i}: regions { id } ...F${i + 1} }`,
    ).join('\n');
    const { doc, op } = opOf(`{ ...F0 } ${frags}`);
    const started = performance.now();
    const cost = measureOperation(doc, op, { schema }, { data: 100, introspection: 100 });
    expect(cost.data.complexity).toBe(101);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
