import { describe, expect, it } from 'vitest';
import { regionClaimProblem, type ClaimRegionRow, type ClaimSubscriptionRow, type RegionClaimInput } from './region-claim.ts';

const now = new Date('2102-01-01T12:00:00Z');
const OWNER = 'p-owner';
const OTHER = 'p-other';
let n = 0;
const region = (o: Partial<ClaimRegionRow> = {}): ClaimRegionRow => ({ id: `r${n++}`, name: `region-${n}`, ownerId: OWNER, desiredState: 'running', status: 'active', runtimeState: 'ready', ...o });
const sub = (o: Partial<ClaimSubscriptionRow> = {}): ClaimSubscriptionRow => ({
  id: `s${n++}`, regionName: `bought-${n}`, playerId: OWNER, status: 'ACTIVE', createdAt: new Date(now.getTime() - 60_000), hasRegion: false, refused: false, ...o,
});
const claim = (o: Partial<RegionClaimInput>) => regionClaimProblem({ name: 'wanted', ownerId: OWNER, regions: [], subscriptions: [], now, ...o });
const four = () => [region(), region(), region(), region()];

describe('regionClaimProblem', () => {
  it.each<[string, Partial<RegionClaimInput>, ReturnType<typeof regionClaimProblem>]>([
    ['a free name and no regions', {}, null],
    ['a region of that name (any owner, any state)', { regions: [region({ name: 'wanted', ownerId: OTHER, runtimeState: 'archived', desiredState: 'terminated', status: 'terminated' })] }, { kind: 'name_taken', name: 'wanted' }],
    ['a paid subscription of another buyer for that name', { subscriptions: [sub({ regionName: 'wanted', playerId: OTHER, status: 'APPROVED' })] }, { kind: 'name_taken', name: 'wanted' }],
    ['a paid subscription of the same buyer for that name', { subscriptions: [sub({ regionName: 'wanted' })] }, { kind: 'name_taken', name: 'wanted' }],
    ['the subscription being activated itself', { subscriptions: [sub({ id: 'me', regionName: 'wanted' })], ownSubscriptionId: 'me' }, null],
    ['a fresh pending checkout of another buyer', { subscriptions: [sub({ regionName: 'wanted', playerId: OTHER, status: 'APPROVAL_PENDING' })] }, { kind: 'name_taken', name: 'wanted' }],
    ['a pending checkout of another buyer older than 3 hours', { subscriptions: [sub({ regionName: 'wanted', playerId: OTHER, status: 'APPROVAL_PENDING', createdAt: new Date(now.getTime() - 3 * 3_600_000 - 1) })] }, null],
    ['the buyer\'s own pending checkout', { subscriptions: [sub({ regionName: 'wanted', status: 'APPROVAL_PENDING' })] }, null],
    ['a refused subscription for that name', { subscriptions: [sub({ regionName: 'wanted', playerId: OTHER, refused: true })] }, null],
    ['a cancelled subscription for that name', { subscriptions: [sub({ regionName: 'wanted', playerId: OTHER, status: 'CANCELLED' })] }, null],
    ['four live regions', { regions: four() }, null],
    ['five live regions', { regions: [...four(), region()] }, { kind: 'limit_reached', owned: 5, limit: 5 }],
    ['four regions and one paid, not yet created region', { regions: four(), subscriptions: [sub()] }, { kind: 'limit_reached', owned: 5, limit: 5 }],
    ['four regions and the subscription being activated', { regions: four(), subscriptions: [sub({ id: 'me', regionName: 'wanted' })], ownSubscriptionId: 'me' }, null],
    ['four regions and a pending checkout', { regions: four(), subscriptions: [sub({ status: 'APPROVAL_PENDING' })] }, null],
    ['four regions and a subscription whose region exists', { regions: four(), subscriptions: [sub({ hasRegion: true })] }, null],
    ['terminating / terminated / archived regions do not count', {
      regions: [...four(), region({ desiredState: 'terminated' }), region({ status: 'terminated' }), region({ runtimeState: 'archived' }), region({ runtimeState: 'terminated' })],
    }, null],
    ['another owner\'s regions do not count', { regions: [...four(), region({ ownerId: OTHER })] }, null],
    ['an ownerless admin region has no limit', { ownerId: null, regions: [...four(), region(), region({ ownerId: null })] }, null],
    ['ignoreLimit checks only the name', { regions: [...four(), region()], ignoreLimit: true }, null],
  ])('%s', (_what, input, expected) => {
    expect(claim(input)).toEqual(expected);
  });
});
