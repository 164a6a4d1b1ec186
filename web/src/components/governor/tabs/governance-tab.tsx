'use client';

import type { RegionActor } from '@sw/domain/governance-authority';
import { useState } from 'react';
import { UpdateRegionGovernanceMutation } from '../../../graphql/operations/region-config';
import type { GovernanceType } from '../../../graphql/generated/graphql';
import { enumLabel } from '../../../graphql/reshape';
import { issueAt } from '../../../graphql/describe-error';
import { changeRouteFor } from '../region-actor';
import type { RegionConfigApi } from '../use-region-config';
import { NumberField, SelectField, TextAreaField } from '../../ui/field';
import { numberOrUndefined, SettingsForm } from './settings-form';

const TYPES: GovernanceType[] = ['AUTOCRACY', 'DEMOCRACY', 'COUNCIL'];

/** Governance type, voting threshold, quorum, election frequency and constitution. */
export function GovernanceTab({ api, actor }: { api: RegionConfigApi; actor: RegionActor }) {
  const g = api.config.governance;
  const [d, setD] = useState({
    governanceType: g.governanceType,
    votingThreshold: String(g.votingThreshold),
    governanceQuorumPct: String(g.governanceQuorumPct),
    electionFrequencyDays: String(g.electionFrequencyDays),
    constitutionalText: g.constitutionalText ?? '',
  });
  const set = (k: keyof typeof d) => (v: string) => setD((cur) => ({ ...cur, [k]: v }));
  return (
    <SettingsForm
      testId="governance-settings"
      route={changeRouteFor(g.governanceType, 'governance', actor)}
      api={api}
      onSave={() =>
        api.save(
          UpdateRegionGovernanceMutation,
          {
            input: {
              governanceType: d.governanceType,
              votingThreshold: numberOrUndefined(d.votingThreshold),
              governanceQuorumPct: numberOrUndefined(d.governanceQuorumPct),
              electionFrequencyDays: numberOrUndefined(d.electionFrequencyDays),
              constitutionalText: d.constitutionalText,
            },
          },
          (r) => r.updateRegionGovernance,
        )
      }
    >
      {(f) => (
        <>
          <SelectField id="gov-type" label="Governance type" value={d.governanceType} onChange={(v) => setD((c) => ({ ...c, governanceType: v as GovernanceType }))} options={TYPES.map((t) => ({ value: t, label: enumLabel(t) }))} error={issueAt(f, 'governanceType')} />
          <div className="grid-2">
            <NumberField id="gov-threshold" label="Voting threshold" value={d.votingThreshold} onChange={set('votingThreshold')} min={0.1} max={0.9} step={0.01} hint="Share of weighted votes a policy needs (0.10–0.90)." error={issueAt(f, 'votingThreshold')} />
            <NumberField id="gov-quorum" label="Quorum" value={d.governanceQuorumPct} onChange={set('governanceQuorumPct')} min={0.25} max={0.6} step={0.01} hint="Share of voters that must take part (0.25–0.60)." error={issueAt(f, 'governanceQuorumPct')} />
          </div>
          <NumberField id="gov-frequency" label="Election every (days)" value={d.electionFrequencyDays} onChange={set('electionFrequencyDays')} min={30} max={365} step={1} error={issueAt(f, 'electionFrequencyDays')} />
          <TextAreaField id="gov-constitution" label="Constitution" value={d.constitutionalText} onChange={set('constitutionalText')} rows={5} error={issueAt(f, 'constitutionalText')} />
        </>
      )}
    </SettingsForm>
  );
}
