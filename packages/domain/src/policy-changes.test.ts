import { describe, expect, it } from 'vitest';
import { POLICY_CHANGE_KEYS, POLICY_CHANGE_SPECS, isConstitutional, planEnactment, settingGroupsOf, validatePolicyChanges, type EnactableSettings } from './policy-changes.ts';

describe('validatePolicyChanges', () => {
  it.each([
    [{ tax_rate: 0.05 }],
    [{ tax_rate: 0.25, voting_threshold: 0.9 }],
    [{ election_frequency_days: 30, governance_quorum_pct: 0.6 }],
    [{ governance_type: 'council', council_seats: 7 }],
    [{ trade_bonuses: { ore: 1, exotic_technology: 3 } }],
    [{ docking_fee_subsidy: true, arbitrage_stipend: false }],
    [{ treasury_adjustment: -500 }],
  ])('accepts %j', (raw) => {
    expect(validatePolicyChanges(raw)).toEqual({ ok: true, changes: raw });
  });

  it.each([
    [{ tax_rate: 0.3 }, 'proposedChanges.tax_rate'],
    [{ tax_rate: '0.1' }, 'proposedChanges.tax_rate'],
    [{ voting_threshold: 0.05 }, 'proposedChanges.voting_threshold'],
    [{ election_frequency_days: 29 }, 'proposedChanges.election_frequency_days'],
    [{ election_frequency_days: 45.5 }, 'proposedChanges.election_frequency_days'],
    [{ governance_quorum_pct: 0.61 }, 'proposedChanges.governance_quorum_pct'],
    [{ governance_type: 'monarchy' }, 'proposedChanges.governance_type'],
    [{ council_seats: 10 }, 'proposedChanges.council_seats'],
    [{ trade_bonuses: { food: 1.5 } }, 'proposedChanges.trade_bonuses.food'],
    [{ trade_bonuses: { ore: 3.5 } }, 'proposedChanges.trade_bonuses.ore'],
    [{ trade_bonuses: {} }, 'proposedChanges.trade_bonuses'],
    [{ docking_fee_subsidy: 'yes' }, 'proposedChanges.docking_fee_subsidy'],
    [{ treasury_adjustment: 1.5 }, 'proposedChanges.treasury_adjustment'],
    [{ treasury_adjustment: 0 }, 'proposedChanges.treasury_adjustment'],
    [{ tariff_rate: 0.1 }, 'proposedChanges.tariff_rate'],
    [{}, 'proposedChanges'],
    [[], 'proposedChanges'],
  ])('refuses %j at %s', (raw, path) => {
    const r = validatePolicyChanges(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain(path);
  });

  it('reports every problem at once', () => {
    const r = validatePolicyChanges({ tax_rate: 1, governance_type: 'x', nope: 1 });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['proposedChanges.tax_rate', 'proposedChanges.governance_type', 'proposedChanges.nope']);
  });
});

describe('isConstitutional (by changed keys, never by a policy type)', () => {
  it.each([
    [{ tax_rate: 0.1 }, false],
    [{ trade_bonuses: { ore: 2 } }, false],
    [{ treasury_adjustment: 10 }, false],
    [{ governance_type: 'democracy' }, true],
    [{ voting_threshold: 0.6 }, true],
    [{ governance_quorum_pct: 0.4 }, true],
    [{ election_frequency_days: 60 }, true],
    [{ council_seats: 5 }, true],
    [{ tax_rate: 0.1, governance_type: 'council' }, true],
  ] as const)('%j -> %s', (changes, expected) => {
    expect(isConstitutional(changes)).toBe(expected);
    expect(settingGroupsOf(changes)).toContain(expected ? 'governance' : 'economy');
  });
});

describe('planEnactment', () => {
  const region: EnactableSettings = {
    taxRate: 0.1, votingThreshold: 0.51, electionFrequencyDays: 90, governanceType: 'democracy', governanceQuorumPct: 0.33,
    councilSeats: 5, tradeBonuses: { tariff_rate: 0.05, ore: 1.2 }, treasuryBalance: 1000,
  };
  it('merges trade bonuses per commodity, keeps reserved keys, stores levers', () => {
    const p = planEnactment(region, { trade_bonuses: { fuel: 2 }, docking_fee_subsidy: true });
    expect(p.patch.tradeBonuses).toEqual({ tariff_rate: 0.05, ore: 1.2, fuel: 2, docking_fee_subsidy: true });
    expect(p.treasuryDelta).toBe(0);
  });
  it('clamps values to the CHECK ranges again', () => {
    expect(planEnactment(region, { tax_rate: 0.4, council_seats: 12.4 }).patch).toEqual({ taxRate: 0.25, councilSeats: 9 });
  });
  it('never takes the treasury below zero', () => {
    expect(planEnactment(region, { treasury_adjustment: -5000 })).toMatchObject({ treasuryDelta: -1000, patch: { treasuryBalance: 0 } });
    expect(planEnactment({ ...region, treasuryBalance: 0 }, { treasury_adjustment: -1 })).toMatchObject({ treasuryDelta: 0, patch: {} });
    expect(planEnactment(region, { treasury_adjustment: 250 })).toMatchObject({ treasuryDelta: 250, patch: { treasuryBalance: 1250 } });
  });
  it('does not patch an unchanged governance type', () => {
    expect(planEnactment(region, { governance_type: 'democracy' }).patch).toEqual({});
  });
});

describe('POLICY_CHANGE_SPECS (the published table is the one the validator checks)', () => {
  it('lists every key once, with its group and constitutional flag', () => {
    expect(POLICY_CHANGE_SPECS.map((s) => s.key)).toEqual([...POLICY_CHANGE_KEYS]);
    for (const s of POLICY_CHANGE_SPECS) {
      expect(s.constitutional).toBe(isConstitutional({ [s.key]: 1 } as never));
    }
  });
  it.each(POLICY_CHANGE_SPECS.filter((s) => s.kind === 'number' || s.kind === 'integer').map((s) => [s.key, s] as const))(
    '%s: accepts its bounds, refuses just outside them',
    (key, s) => {
      const step = s.kind === 'integer' ? 1 : 0.001;
      expect(validatePolicyChanges({ [key]: s.min }).ok).toBe(true);
      expect(validatePolicyChanges({ [key]: s.max }).ok).toBe(true);
      expect(validatePolicyChanges({ [key]: s.min! - step }).ok).toBe(false);
      expect(validatePolicyChanges({ [key]: s.max! + step }).ok).toBe(false);
    },
  );
  it('enum and commodity values are exactly what the validator takes', () => {
    const type = POLICY_CHANGE_SPECS.find((s) => s.key === 'governance_type')!;
    expect(type.kind).toBe('enum');
    for (const v of type.values) expect(validatePolicyChanges({ governance_type: v }).ok).toBe(true);
    const bonuses = POLICY_CHANGE_SPECS.find((s) => s.key === 'trade_bonuses')!;
    expect(bonuses.kind).toBe('commodity_multipliers');
    expect(validatePolicyChanges({ trade_bonuses: Object.fromEntries(bonuses.values.map((c) => [c, bonuses.max])) }).ok).toBe(true);
    expect(validatePolicyChanges({ trade_bonuses: { [bonuses.values[0]!]: bonuses.max! + 0.1 } }).ok).toBe(false);
    const credits = POLICY_CHANGE_SPECS.find((s) => s.key === 'treasury_adjustment')!;
    expect(validatePolicyChanges({ treasury_adjustment: credits.max }).ok).toBe(true);
    expect(validatePolicyChanges({ treasury_adjustment: credits.max! + 1 }).ok).toBe(false);
  });
});
