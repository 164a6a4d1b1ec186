import { describe, expect, it } from 'vitest';
import { validatePolicyChanges, POLICY_CHANGE_SPECS } from '@sw/domain';
import { changeHint, emptyDraft, toProposedChanges, type ChangeSpec } from './policy-changes-form';

/** The specs as the API sends them (Query.policyChangeSchema maps the domain table this way). */
const specs: ChangeSpec[] = POLICY_CHANGE_SPECS.map((s) => ({ ...s, kind: s.kind.toUpperCase() as ChangeSpec['kind'], values: [...s.values], settingGroup: s.group }));
const spec = (key: string) => specs.find((s) => s.key === key)!;

describe('toProposedChanges', () => {
  it('turns the drafts into the JSON the domain validator accepts', () => {
    const changes = toProposedChanges(
      [
        { key: 'tax_rate', text: ' 0.12 ', perValue: {} },
        { key: 'governance_type', text: 'democracy', perValue: {} },
        { key: 'docking_fee_subsidy', text: 'false', perValue: {} },
        { key: 'trade_bonuses', text: '', perValue: { ore: '2', fuel: '', organics: '1.5' } },
        { key: 'treasury_adjustment', text: '-500', perValue: {} },
      ],
      specs,
    );
    expect(changes).toEqual({ tax_rate: 0.12, governance_type: 'democracy', docking_fee_subsidy: false, trade_bonuses: { ore: 2, organics: 1.5 }, treasury_adjustment: -500 });
    expect(validatePolicyChanges(changes)).toEqual({ ok: true, changes });
  });
  it('sends text that is not a number as typed, so the server names the problem at its field', () => {
    const changes = toProposedChanges([{ key: 'council_seats', text: 'five', perValue: {} }, { key: 'tax_rate', text: '', perValue: {} }], specs);
    expect(changes).toEqual({ council_seats: 'five', tax_rate: '' });
    const r = validatePolicyChanges(changes);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['proposedChanges.council_seats', 'proposedChanges.tax_rate']);
  });
  it('leaves out keys the server no longer offers', () => {
    expect(toProposedChanges([{ key: 'gone_key', text: '1', perValue: {} }], specs)).toEqual({});
  });
});

describe('drafts and hints', () => {
  it('starts an enum at its first value and a lever at on', () => {
    expect(emptyDraft(spec('governance_type')).text).toBe('autocracy');
    expect(emptyDraft(spec('arbitrage_stipend')).text).toBe('true');
    expect(emptyDraft(spec('tax_rate')).text).toBe('');
  });
  it('shows the server bounds and the constitutional flag', () => {
    expect(changeHint(spec('tax_rate'))).toBe('0.05–0.25');
    expect(changeHint(spec('council_seats'))).toBe('whole number 3–9 · constitutional: needs the supermajority');
    expect(changeHint(spec('governance_type'))).toBe('constitutional: needs the supermajority');
  });
});
