import type { RegionActor } from '@sw/domain';
import type { GovernorRegionFragment } from '../../../graphql/generated/graphql';
import { changeRouteFor } from '../region-actor';
import { SettingsList } from './settings-list';

function bonuses(value: unknown): Array<[string, string]> {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => [`Trade bonus: ${k}`, typeof v === 'number' ? `×${v}` : String(v)]);
}

/** Tax, starting credits and ship, specialization, trade bonuses and the treasury, with who may change them. */
export function EconomyTab({ region: r, actor }: { region: GovernorRegionFragment; actor: RegionActor }) {
  const e = r.economy;
  return (
    <SettingsList
      testId="economy-settings"
      route={changeRouteFor(r.governance.governanceType, 'economy', actor)}
      rows={[
        ['Tax rate', `${(e.taxRate * 100).toFixed(1)}%`],
        ['Starting credits', e.startingCredits.toLocaleString('en-US')],
        ['Starting ship', e.startingShip],
        ['Specialization', e.economicSpecialization ?? 'none'],
        ['Treasury', e.treasuryBalance.toLocaleString('en-US')],
        ['Trade volume', e.totalTradeVolume.toLocaleString('en-US')],
        ...bonuses(e.tradeBonuses),
      ]}
    />
  );
}
