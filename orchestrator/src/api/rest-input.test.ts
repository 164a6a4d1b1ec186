import { describe, expect, it } from 'vitest';
import { provisionInputFromBody } from './rest-routes.ts';

describe('provisionInputFromBody', () => {
  it('accepts the seed region-cli YAML keys', () => {
    expect(provisionInputFromBody({ name: 'r1', owner_id: 'p', cpu: 2, memory: 4, disk: 20, max_players: 100, size_tier: 'premium', governance_type: 'democracy' })).toEqual({
      name: 'r1', displayName: null, ownerPlayerId: 'p', sizeTier: 'premium', cpu: 2, memoryGb: 4, storageGb: 20, maxPlayers: 100, seed: null,
    });
  });
  it('accepts the GraphQL input names and leaves absent numbers null', () => {
    expect(provisionInputFromBody({ name: 'r2', displayName: 'R 2', ownerPlayerId: 'q', memoryGb: '8', seed: 7 })).toEqual({
      name: 'r2', displayName: 'R 2', ownerPlayerId: 'q', sizeTier: null, cpu: null, memoryGb: 8, storageGb: null, maxPlayers: null, seed: '7',
    });
  });
});
