import { describe, expect, it } from 'vitest';
import { changeRouteFor, describeRoute, regionActorOf } from './region-actor';

const user = (roles: string[], playerId: string | null = 'p1') => ({ userId: 'u', username: 'u', playerId, roles, expiresAt: 0 });

describe('regionActorOf', () => {
  it('derives owner, governor and admin from the region and the session', () => {
    expect(regionActorOf({ viewerIsOwner: true, governor: { id: 'p1', name: 'x' } }, user(['player']))).toMatchObject({ isOwner: true, isGovernor: true, isAdmin: false });
    expect(regionActorOf({ viewerIsOwner: false, governor: null }, user(['player', 'admin']))).toMatchObject({ isOwner: false, isGovernor: false, isAdmin: true });
    expect(regionActorOf({ viewerIsOwner: false, governor: { id: 'p1', name: 'x' } }, null)).toMatchObject({ isGovernor: false, isAdmin: false });
  });
});

describe('changeRouteFor', () => {
  const owner = regionActorOf({ viewerIsOwner: true, governor: null }, user(['player']));
  it('lets an autocracy owner decree economy changes', () => {
    expect(describeRoute(changeRouteFor('AUTOCRACY', 'economy', owner))).toMatch(/by decree/);
  });
  it('sends a democracy owner through a referendum, with the reason', () => {
    const route = changeRouteFor('DEMOCRACY', 'economy', owner);
    expect(route.route).toBe('policy');
    expect(describeRoute(route)).toMatch(/referendum/);
  });
  it('keeps culture the owner’s in every governance type', () => {
    expect(changeRouteFor('COUNCIL', 'culture', owner)).toEqual({ route: 'direct', via: 'owner' });
  });
});
