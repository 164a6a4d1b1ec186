import { describe, expect, it } from 'vitest';
import {
  canAppointGovernor, canProposePolicy, canStartElection, electedPositions, hasGovernorOffice, policyDecider, policyVotingBody,
  proposalRoute, settingChangeRoute, type RegionActor,
} from './governance-authority.ts';

const nobody: RegionActor = { isAdmin: false, isOwner: false, isGovernor: false, isCouncillor: false, isVotingMember: false };
const owner = { ...nobody, isOwner: true };
const governor = { ...nobody, isGovernor: true };
const councillor = { ...nobody, isCouncillor: true, isVotingMember: true };
const citizen = { ...nobody, isVotingMember: true };
const admin = { ...nobody, isAdmin: true };

describe('settingChangeRoute', () => {
  it.each([
    ['autocracy', 'economy', owner, 'direct'],
    ['autocracy', 'governance', governor, 'direct'],
    ['autocracy', 'economy', citizen, 'policy'],
    ['autocracy', 'economy', nobody, 'denied'],
    ['democracy', 'economy', owner, 'policy'],
    ['democracy', 'governance', governor, 'policy'],
    ['democracy', 'immigration', citizen, 'policy'],
    ['democracy', 'culture', owner, 'direct'],
    ['democracy', 'culture', governor, 'denied'],
    ['council', 'economy', owner, 'policy'],
    ['council', 'economy', councillor, 'policy'],
    ['council', 'economy', citizen, 'denied'],
    ['council', 'culture', owner, 'direct'],
    ['council', 'governance', admin, 'direct'],
    ['democracy', 'governance', admin, 'direct'],
  ] as const)('%s / %s -> %s', (type, group, actor, expected) => {
    expect(settingChangeRoute(type, group, actor).route).toBe(expected);
  });

  it('names the deciding body and a reason when a change needs a policy', () => {
    expect(settingChangeRoute('council', 'economy', owner)).toMatchObject({ route: 'policy', decidedBy: 'council' });
    expect(settingChangeRoute('democracy', 'economy', owner)).toMatchObject({ route: 'policy', decidedBy: 'referendum' });
    expect(settingChangeRoute('autocracy', 'economy', citizen)).toMatchObject({ route: 'policy', decidedBy: 'owner_signature' });
  });
});

describe('policyDecider / canProposePolicy', () => {
  it.each([
    ['autocracy', 'owner_signature'],
    ['democracy', 'referendum'],
    ['council', 'council'],
  ] as const)('%s policies are decided by %s', (type, decider) => {
    expect(policyDecider(type)).toBe(decider);
  });
  it('only councillors (and office holders) propose in a council republic', () => {
    expect(canProposePolicy('council', citizen)).toBe(false);
    expect(canProposePolicy('council', councillor)).toBe(true);
    expect(canProposePolicy('democracy', citizen)).toBe(true);
    expect(canProposePolicy('democracy', nobody)).toBe(false);
  });
});

describe('proposalRoute: decree vs referendum vs council per type', () => {
  it.each([
    ['autocracy', ['economy'], owner, { route: 'direct', via: 'decree' }],
    ['autocracy', ['governance'], governor, { route: 'direct', via: 'decree' }],
    ['autocracy', ['economy', 'governance'], citizen, { route: 'policy', decidedBy: 'owner_signature' }],
    ['democracy', ['economy'], owner, { route: 'policy', decidedBy: 'referendum' }],
    ['democracy', ['governance'], citizen, { route: 'policy', decidedBy: 'referendum' }],
    ['democracy', ['economy'], nobody, { route: 'denied' }],
    ['council', ['economy'], councillor, { route: 'policy', decidedBy: 'council' }],
    ['council', ['governance'], citizen, { route: 'denied' }],
    ['council', ['economy'], admin, { route: 'direct', via: 'admin' }],
  ] as const)('%s %j by %o', (type, groups, actor, expected) => {
    expect(proposalRoute(type, groups, actor)).toMatchObject(expected);
  });
});

describe('offices per governance type', () => {
  it.each([
    ['autocracy', 'governor', owner, false], // appointed, not elected
    ['autocracy', 'ambassador', owner, true],
    ['democracy', 'governor', owner, true],
    ['democracy', 'governor', governor, true], // the elected governor may start elections
    ['democracy', 'governor', citizen, false],
    ['democracy', 'council_member', owner, false],
    ['council', 'council_member', owner, true],
    ['council', 'council_member', councillor, false],
    ['council', 'governor', admin, false],
  ] as const)('%s: start a %s election as %o -> %s', (type, position, actor, expected) => {
    expect(canStartElection(type, position, actor)).toBe(expected);
  });
  it('only an autocrat appoints the governor; a council republic has no governor office', () => {
    expect([canAppointGovernor('autocracy', owner), canAppointGovernor('autocracy', governor), canAppointGovernor('democracy', owner)]).toEqual([true, false, false]);
    expect([hasGovernorOffice('autocracy'), hasGovernorOffice('democracy'), hasGovernorOffice('council')]).toEqual([true, true, false]);
    expect([policyVotingBody('referendum'), policyVotingBody('owner_signature'), policyVotingBody('council')]).toEqual(['members', 'members', 'council']);
    expect(electedPositions('council')).toContain('council_member');
  });
});
