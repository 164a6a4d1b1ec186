import type { RegionActor } from '@sw/domain';
import type { GovernorRegionFragment } from '../../../graphql/generated/graphql';
import { enumLabel } from '../../../graphql/reshape';
import { changeRouteFor } from '../region-actor';
import { SettingsList } from './settings-list';

/** Governance type, thresholds, election frequency and the constitution, with who may change them. */
export function GovernanceTab({ region: r, actor }: { region: GovernorRegionFragment; actor: RegionActor }) {
  const g = r.governance;
  return (
    <>
      <SettingsList
        testId="governance-settings"
        route={changeRouteFor(g.governanceType, 'governance', actor)}
        rows={[
          ['Governance type', enumLabel(g.governanceType)],
          ['Voting threshold', `${Math.round(g.votingThreshold * 100)}%`],
          ['Quorum', `${Math.round(g.governanceQuorumPct * 100)}%`],
          ['Election every', `${g.electionFrequencyDays} days`],
        ]}
      />
      <section>
        <h3>Constitution</h3>
        <p style={{ whiteSpace: 'pre-wrap' }}>{g.constitutionalText ?? <span className="muted">No constitutional text yet.</span>}</p>
      </section>
    </>
  );
}
