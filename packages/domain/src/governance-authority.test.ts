import { describe, expect, it } from 'vitest';
import { canProposePolicy, policyDecider, settingChangeRoute, type RegionActor } from './governance-authority.ts';

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
