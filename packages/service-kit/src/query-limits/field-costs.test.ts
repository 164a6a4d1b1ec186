import { describe, expect, it } from 'vitest';
import { fieldCostsFromSdl } from './field-costs.ts';

describe('fieldCostsFromSdl', () => {
  it('reads @cost(weight) of object and interface fields, definitions and extensions, imported or namespaced', () => {
    const sdl = `
      type Query { regions: [Region!]! @cost(weight: 3) }
      type Region { id: ID! world: World @cost(weight: 20) }
      extend type Region { stats: Int @federation__cost(weight: 7) }
      interface Node { id: ID! heavy: Int @cost(weight: 5) }
      type World { sectors: Int! @deprecated(reason: "x") }
      directive @cost(weight: Int!) on FIELD_DEFINITION
      directive @federation__cost(weight: Int!) on FIELD_DEFINITION
    `;
    expect([...fieldCostsFromSdl(sdl)].sort()).toEqual([
      ['Node.heavy', 5],
      ['Query.regions', 3],
      ['Region.stats', 7],
      ['Region.world', 20],
    ]);
  });
});
