'use client';

import type { RegionActor } from '@sw/domain/governance-authority';
import { useState } from 'react';
import { SetRegionTariffMutation, UpdateRegionEconomyMutation, UpdateRegionImmigrationMutation } from '../../../graphql/operations/region-config';
import type { EconomicSpecialization, ImmigrationPolicy } from '../../../graphql/generated/graphql';
import { enumLabel } from '../../../graphql/reshape';
import { issueAt } from '../../../graphql/describe-error';
import { changeRouteFor } from '../region-actor';
import type { RegionConfigApi } from '../use-region-config';
import { NumberField, SelectField, TextField } from '../../ui/field';
import { numberOrUndefined, SettingsForm } from './settings-form';

const SPECIALIZATIONS: EconomicSpecialization[] = ['BALANCED', 'MINING', 'MANUFACTURING', 'AGRICULTURE', 'TRADE', 'RESEARCH', 'TOURISM', 'MILITARY'];
const POLICIES: ImmigrationPolicy[] = ['OPEN', 'APPROVAL', 'CLOSED'];
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Economy (tax, starting credits, specialization), the commerce tariff with its cap, and immigration. */
export function EconomyTab({ api, actor }: { api: RegionConfigApi; actor: RegionActor }) {
  const { economy: e, tariff: t, immigration: im, governance } = api.config;
  const economyRoute = changeRouteFor(governance.governanceType, 'economy', actor);
  const [eco, setEco] = useState({ taxRate: String(e.taxRate), startingCredits: String(e.startingCredits), specialization: e.specialization ?? '' });
  const [rate, setRate] = useState(String(t.requestedRate));
  const [imm, setImm] = useState({ policy: im.policy, maxVisitors: im.maxVisitors === null || im.maxVisitors === undefined ? '' : String(im.maxVisitors), visitorEntryFee: String(im.visitorEntryFee) });

  return (
    <>
      <SettingsForm
        testId="economy-settings"
        route={economyRoute}
        api={api}
        onSave={() =>
          api.save(
            UpdateRegionEconomyMutation,
            {
              input: {
                taxRate: numberOrUndefined(eco.taxRate),
                startingCredits: numberOrUndefined(eco.startingCredits),
                ...(eco.specialization ? { economicSpecialization: eco.specialization as EconomicSpecialization } : { clearSpecialization: true }),
              },
            },
            (r) => r.updateRegionEconomy,
          )
        }
      >
        {(f) => (
          <>
            <div className="grid-2">
              <NumberField id="eco-tax" label="Tax rate" value={eco.taxRate} onChange={(v) => setEco((c) => ({ ...c, taxRate: v }))} min={0.05} max={0.25} step={0.01} hint="0.05–0.25" error={issueAt(f, 'taxRate')} />
              <NumberField id="eco-credits" label="Starting credits" value={eco.startingCredits} onChange={(v) => setEco((c) => ({ ...c, startingCredits: v }))} min={100} max={10000} step={100} hint="100–10,000" error={issueAt(f, 'startingCredits')} />
            </div>
            <SelectField id="eco-specialization" label="Specialization" value={eco.specialization} onChange={(v) => setEco((c) => ({ ...c, specialization: v }))} options={[{ value: '', label: 'None' }, ...SPECIALIZATIONS.map((s) => ({ value: s, label: enumLabel(s) }))]} error={issueAt(f, 'economicSpecialization')} />
            <p className="muted">Trade bonuses: {e.tradeBonusList.length === 0 ? 'none' : e.tradeBonusList.map((b) => `${enumLabel(b.commodity)} ×${b.multiplier}`).join(', ')}</p>
          </>
        )}
      </SettingsForm>
      <SettingsForm testId="tariff-settings" route={economyRoute} api={api} onSave={() => api.save(SetRegionTariffMutation, { rate: Number(rate) }, (r) => r.setRegionTariff)}>
        {(f) => (
          <>
            <p data-testid="tariff-cap">
              Applies now: <strong>{pct(t.effectiveRate)}</strong> — the cap is {pct(t.cap)} with {t.stationCount} stations (fewer than 3: 5%, 3–5: 15%, 6 or more: 25%).
            </p>
            <NumberField id="tariff-rate" label="Requested tariff" value={rate} onChange={setRate} min={0} max={0.25} step={0.01} hint={`0–0.25; anything above the cap (${t.cap}) is clamped to it.`} error={issueAt(f, 'rate')} />
          </>
        )}
      </SettingsForm>
      <SettingsForm
        testId="immigration-settings"
        route={changeRouteFor(governance.governanceType, 'immigration', actor)}
        api={api}
        onSave={() =>
          api.save(
            UpdateRegionImmigrationMutation,
            {
              input: {
                policy: imm.policy,
                ...(imm.maxVisitors.trim() === '' ? { clearMaxVisitors: true } : { maxVisitors: Number(imm.maxVisitors) }),
                visitorEntryFee: numberOrUndefined(imm.visitorEntryFee),
              },
            },
            (r) => r.updateRegionImmigration,
          )
        }
      >
        {(f) => (
          <>
            <SelectField id="imm-policy" label="Immigration" value={imm.policy} onChange={(v) => setImm((c) => ({ ...c, policy: v as ImmigrationPolicy }))} options={POLICIES.map((p) => ({ value: p, label: enumLabel(p) }))} error={issueAt(f, 'policy')} />
            <div className="grid-2">
              <TextField id="imm-max" label="Visitor limit (empty: none)" value={imm.maxVisitors} onChange={(v) => setImm((c) => ({ ...c, maxVisitors: v }))} error={issueAt(f, 'maxVisitors')} />
              <NumberField id="imm-fee" label="Entry fee (credits)" value={imm.visitorEntryFee} onChange={(v) => setImm((c) => ({ ...c, visitorEntryFee: v }))} min={0} max={10000} step={1} error={issueAt(f, 'visitorEntryFee')} />
            </div>
          </>
        )}
      </SettingsForm>
    </>
  );
}
