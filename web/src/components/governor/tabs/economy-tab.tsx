'use client';

import type { RegionActor } from '@sw/domain/governance-authority';
import { useState } from 'react';
import { SetRegionTariffMutation, UpdateRegionEconomyMutation, UpdateRegionImmigrationMutation } from '../../../graphql/operations/region-config';
import type { Commodity, EconomicSpecialization, ImmigrationPolicy } from '../../../graphql/generated/graphql';
import { enumLabel } from '../../../graphql/reshape';
import { issueAt } from '../../../graphql/describe-error';
import { changeRouteFor } from '../region-actor';
import type { RegionConfigApi } from '../use-region-config';
import { NumberField, SelectField, TextField } from '../../ui/field';
import { numberOrUndefined, SettingsForm } from './settings-form';

const SPECIALIZATIONS: EconomicSpecialization[] = ['BALANCED', 'MINING', 'MANUFACTURING', 'AGRICULTURE', 'TRADE', 'RESEARCH', 'TOURISM', 'MILITARY'];
const POLICIES: ImmigrationPolicy[] = ['OPEN', 'APPROVAL', 'CLOSED'];
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
/** The API's Commodity enum, exhaustively (a Record over the generated type: the typecheck fails if the schema changes). */
const COMMODITY_LABELS: Record<Commodity, string> = {
  ORE: 'Ore', ORGANICS: 'Organics', EQUIPMENT: 'Equipment', FUEL: 'Fuel', GOURMET_FOOD: 'Gourmet food', EXOTIC_TECHNOLOGY: 'Exotic technology',
  LUXURY_GOODS: 'Luxury goods', PRECIOUS_METALS: 'Precious metals', QUANTUM_SHARDS: 'Quantum shards',
};
const COMMODITIES = Object.keys(COMMODITY_LABELS) as Commodity[];
/** Multiplier bounds of a trade bonus (region-config rules: 1.0 removes the bonus). */
const BONUS = { min: 1, max: 3 } as const;

/** Economy (tax, starting credits, specialization), the commerce tariff with its cap, and immigration. */
export function EconomyTab({ api, actor }: { api: RegionConfigApi; actor: RegionActor }) {
  const { economy: e, tariff: t, immigration: im, governance } = api.config;
  const economyRoute = changeRouteFor(governance.governanceType, 'economy', actor);
  const [eco, setEco] = useState({ taxRate: String(e.taxRate), startingCredits: String(e.startingCredits), specialization: e.specialization ?? '' });
  const [rate, setRate] = useState(String(t.requestedRate));
  const bonusOf = (c: Commodity) => e.tradeBonusList.find((b) => b.commodity === c)?.multiplier ?? 1;
  const [bonuses, setBonuses] = useState<Record<string, string>>(() => Object.fromEntries(COMMODITIES.map((c) => [c, String(bonusOf(c))])));
  // Only the commodities whose multiplier changed are sent (the server merges per commodity).
  const changedBonuses = () =>
    COMMODITIES.filter((c) => (bonuses[c]?.trim() ?? '') !== '' && Number(bonuses[c]) !== bonusOf(c)).map((c) => ({ commodity: c, multiplier: Number(bonuses[c]) }));
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
          </>
        )}
      </SettingsForm>
      <SettingsForm
        testId="trade-bonus-settings"
        route={economyRoute}
        api={api}
        onSave={() => api.save(UpdateRegionEconomyMutation, { input: { tradeBonuses: changedBonuses() } }, (r) => r.updateRegionEconomy)}
      >
        {(f) => (
          <fieldset className="fieldset">
            <legend>Trade bonuses</legend>
            <p className="field__hint">
              Price multiplier per commodity, {BONUS.min.toFixed(1)}–{BONUS.max.toFixed(1)}; {BONUS.min.toFixed(1)} means no bonus.
              {economyRoute.route === 'policy' && ' Propose the change on the Policies tab.'}
            </p>
            <div className="grid-3">
              {COMMODITIES.map((c) => (
                <NumberField
                  key={c}
                  id={`bonus-${c.toLowerCase()}`}
                  label={COMMODITY_LABELS[c]}
                  value={bonuses[c] ?? ''}
                  onChange={(v) => setBonuses((cur) => ({ ...cur, [c]: v }))}
                  min={BONUS.min}
                  max={BONUS.max}
                  step={0.1}
                  error={issueAt(f, `input.tradeBonuses.${c.toLowerCase()}`)}
                />
              ))}
            </div>
          </fieldset>
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
