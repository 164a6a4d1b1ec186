import { describe, expect, it } from 'vitest';
import { NO_TREATY_EFFECTS } from './treaty-effects.ts';
import {
  creditsGate,
  decideEntry,
  immigrationGate,
  nexusEntryGate,
  readinessGate,
  regionStatusGate,
  visitorLimitGate,
  type GateDestination,
  type GateTraveller,
} from './travel-gates.ts';

const dest: GateDestination = {
  regionId: 'D', regionType: 'player_owned', status: 'active', runtimeState: 'ready', desiredState: 'running',
  immigrationPolicy: 'open', maxVisitors: null, visitorsPresent: 0,
};
const stranger: GateTraveller = { isGalacticCitizen: true, homeRegionId: 'H', isOwner: false, membershipType: null, isStakeholder: false };
const code = (r: { code: string } | null) => r?.code ?? null;

describe('readinessGate', () => {
  it.each([
    ['ready and active', {}, null],
    ['suspended still serves (status gate decides)', { status: 'suspended' }, null],
    ['grace still serves', { status: 'grace' }, null],
    ['unhealthy runtime', { runtimeState: 'unhealthy' }, 'ERR_REGION_NOT_READY'],
    ['provisioning', { runtimeState: 'provisioning' }, 'ERR_REGION_NOT_READY'],
    ['draining (terminating)', { runtimeState: 'draining' }, 'ERR_REGION_NOT_READY'],
    ['meant to stop', { desiredState: 'terminated' }, 'ERR_REGION_NOT_READY'],
    ['terminated status', { status: 'terminated' }, 'ERR_REGION_NOT_READY'],
    ['pending status', { status: 'pending' }, 'ERR_REGION_NOT_READY'],
    ['hibernated: the arrival wakes it', { runtimeState: 'hibernated' }, 'ERR_REGION_WAKING'],
    ['tombstoned: the arrival resurrects it', { runtimeState: 'tombstoned' }, 'ERR_REGION_WAKING'],
    ['already waking', { runtimeState: 'waking' }, 'ERR_REGION_WAKING'],
    ['hibernated but being terminated', { runtimeState: 'hibernated', desiredState: 'terminated' }, 'ERR_REGION_NOT_READY'],
    ['hibernated with a terminated status', { runtimeState: 'hibernated', status: 'terminated' }, 'ERR_REGION_NOT_READY'],
  ])('%s', (_l, o, expected) => expect(code(readinessGate({ ...dest, ...o }))).toBe(expected));
});

describe('nexusEntryGate', () => {
  it.each([
    ['enters the Nexus without GC', true, false, false, 'ERR_GALACTIC_CITIZEN_REQUIRED'],
    ['enters the Nexus with GC', true, false, true, null],
    ['leaves the Nexus without GC', false, false, false, null],
    ['goes home through the Nexus without GC', true, true, false, null],
  ])('%s', (_l, enters, home, gc, expected) =>
    expect(code(nexusEntryGate({ entersNexusFromOutside: enters, destinationIsHome: home }, { isGalacticCitizen: gc }))).toBe(expected));
});

describe('regionStatusGate', () => {
  it.each([
    ['active admits anyone', 'active', {}, null],
    ['suspended refuses a stranger', 'suspended', {}, 'ERR_REGION_NEW_RESIDENTS_BLOCKED'],
    ['grace refuses a citizen without holdings', 'grace', { membershipType: 'citizen' }, 'ERR_REGION_NEW_RESIDENTS_BLOCKED'],
    ['suspended admits the owner', 'suspended', { isOwner: true }, null],
    ['grace admits a stakeholder', 'grace', { isStakeholder: true }, null],
  ])('%s', (_l, status, t, expected) => expect(code(regionStatusGate({ status }, { ...stranger, ...t }))).toBe(expected));
});

describe('immigrationGate', () => {
  it.each([
    ['open admits a stranger', 'open', {}, false, 'none', 'admit'],
    ['closed refuses a stranger', 'closed', {}, false, 'none', 'ERR_IMMIGRATION_CLOSED'],
    ['closed admits a citizen', 'closed', { membershipType: 'citizen' }, false, 'none', 'admit'],
    ['closed admits a resident', 'closed', { membershipType: 'resident' }, false, 'none', 'admit'],
    ['closed refuses a visitor member', 'closed', { membershipType: 'visitor' }, false, 'none', 'ERR_IMMIGRATION_CLOSED'],
    ['closed admits someone coming home', 'closed', { homeRegionId: 'D' }, false, 'none', 'admit'],
    ['closed admits the owner', 'closed', { isOwner: true }, false, 'none', 'admit'],
    ['closed admits an open-borders partner', 'closed', {}, true, 'none', 'admit'],
    ['approval asks for a stranger', 'approval', {}, false, 'none', 'needs_approval'],
    ['approval admits once approved', 'approval', {}, false, 'approved', 'admit'],
    ['approval refuses once denied', 'approval', {}, false, 'denied', 'ERR_IMMIGRATION_DENIED'],
    ['approval skips the request for a partner', 'approval', {}, true, 'none', 'admit'],
    ['approval skips the request for a citizen', 'approval', { membershipType: 'citizen' }, false, 'none', 'admit'],
  ] as const)('%s', (_l, policy, t, openBorders, approval, expected) => {
    const d = immigrationGate({ regionId: 'D', immigrationPolicy: policy }, { ...stranger, ...t }, { openBorders }, approval);
    expect(d.kind === 'refuse' ? d.refusal.code : d.kind).toBe(expected);
  });
});

describe('visitorLimitGate', () => {
  it.each([
    ['no limit', null, 1000, {}, null],
    ['room left', 3, 2, {}, null],
    ['full', 3, 3, {}, 'ERR_REGION_VISITOR_LIMIT'],
    ['full but a citizen fits', 3, 3, { membershipType: 'citizen' }, null],
  ])('%s', (_l, max, present, t, expected) =>
    expect(code(visitorLimitGate({ regionId: 'D', maxVisitors: max, visitorsPresent: present }, { ...stranger, ...t }))).toBe(expected));
});

describe('creditsGate', () => {
  it.each([[100, 100, null], [99, 100, 'ERR_INSUFFICIENT_CREDITS'], [0, 0, null]])('%d credits for a fee of %d', (credits, fee, expected) =>
    expect(code(creditsGate(credits, fee))).toBe(expected));
});

describe('decideEntry runs the gates in order', () => {
  const q = { destination: dest, traveller: stranger, treaty: NO_TREATY_EFFECTS, approval: 'none' as const, entersNexusFromOutside: true };
  it.each([
    ['all pass', {}, 'admit'],
    ['not ready wins over everything', { destination: { ...dest, runtimeState: 'unhealthy', status: 'suspended', immigrationPolicy: 'closed' } }, 'ERR_REGION_NOT_READY'],
    ['GC before status', { traveller: { ...stranger, isGalacticCitizen: false }, destination: { ...dest, status: 'grace' } }, 'ERR_GALACTIC_CITIZEN_REQUIRED'],
    ['status before immigration', { destination: { ...dest, status: 'grace', immigrationPolicy: 'closed' } }, 'ERR_REGION_NEW_RESIDENTS_BLOCKED'],
    ['immigration before the visitor limit', { destination: { ...dest, immigrationPolicy: 'closed', maxVisitors: 1, visitorsPresent: 5 } }, 'ERR_IMMIGRATION_CLOSED'],
    ['approval pending', { destination: { ...dest, immigrationPolicy: 'approval' } }, 'needs_approval'],
    ['visitor limit last', { destination: { ...dest, maxVisitors: 1, visitorsPresent: 1 } }, 'ERR_REGION_VISITOR_LIMIT'],
    ['leaving the Nexus without GC', { traveller: { ...stranger, isGalacticCitizen: false }, entersNexusFromOutside: false }, 'admit'],
  ])('%s', (_l, o, expected) => {
    const d = decideEntry({ ...q, ...o });
    expect(d.kind === 'refuse' ? d.refusal.code : d.kind).toBe(expected);
  });
});
