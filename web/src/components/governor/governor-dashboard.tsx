'use client';

import * as Tabs from '@radix-ui/react-tabs';
import { useEffect, useState } from 'react';
import type { GovernorRegionFragment, TravelEventFieldsFragment } from '../../graphql/generated/graphql';
import { useSession } from '../../auth/session-provider';
import { regionActorOf } from './region-actor';
import { useRegionConfig } from './use-region-config';
import { useLiveRegion } from './use-live-region';
import { ConfigHistory } from './config-history';
import { OverviewTab } from './tabs/overview-tab';
import { GovernanceTab } from './tabs/governance-tab';
import { EconomyTab } from './tabs/economy-tab';
import { PoliciesTab } from './tabs/policies-tab';
import { ElectionsTab } from './tabs/elections-tab';
import { MembersTab } from './tabs/members-tab';
import { DiplomacyTab } from './tabs/diplomacy-tab';
import { CultureTab } from './tabs/culture-tab';
import { EntryRequestsTab } from './tabs/entry-requests-tab';

export const GOVERNOR_TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'governance', label: 'Governance' },
  { id: 'economy', label: 'Economy' },
  { id: 'policies', label: 'Policies' },
  { id: 'elections', label: 'Elections' },
  { id: 'members', label: 'Members' },
  { id: 'entry', label: 'Entry requests' },
  { id: 'diplomacy', label: 'Diplomacy' },
  { id: 'culture', label: 'Culture' },
] as const;
export type GovernorTab = (typeof GOVERNOR_TABS)[number]['id'];

function tabFromHash(): GovernorTab {
  const hash = typeof window === 'undefined' ? '' : window.location.hash.slice(1);
  return (GOVERNOR_TABS.find((t) => t.id === hash)?.id ?? 'overview') as GovernorTab;
}

/**
 * The governor dashboard: nine tabs over one region (Radix Tabs: arrow keys move between tabs, the panel follows).
 * The open tab is kept in the URL hash, so a reload or a shared link opens the same tab.
 */
export function GovernorDashboard({ region, feed }: { region: GovernorRegionFragment; feed: TravelEventFieldsFragment[] | null }) {
  const { user } = useSession();
  const actor = regionActorOf(region, user);
  const api = useRegionConfig(region);
  // The Overview's counts follow the region's travel and governance feeds (use-live-region.ts).
  const live = useLiveRegion(region);
  const [tab, setTab] = useState<GovernorTab>('overview');
  useEffect(() => setTab(tabFromHash()), []);
  const select = (next: string) => {
    setTab(next as GovernorTab);
    window.history.replaceState(null, '', `#${next}`);
  };

  return (
    <Tabs.Root value={tab} onValueChange={select} className="card" data-testid="governor-dashboard" data-region-name={region.name}>
      <Tabs.List className="tabs__list" aria-label="Governor dashboard sections">
        {GOVERNOR_TABS.map((t) => (
          <Tabs.Trigger key={t.id} value={t.id} className="tabs__trigger" data-testid={`tab-${t.id}`}>
            {t.label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      <Tabs.Content value="overview" className="tabs__content">
        <OverviewTab region={live} feed={feed} onNavigate={select} />
      </Tabs.Content>
      <Tabs.Content value="governance" className="tabs__content">
        <GovernanceTab api={api} actor={actor} />
      </Tabs.Content>
      <Tabs.Content value="economy" className="tabs__content">
        <EconomyTab api={api} actor={actor} />
      </Tabs.Content>
      <Tabs.Content value="policies" className="tabs__content">
        <PoliciesTab region={region} actor={actor} />
      </Tabs.Content>
      <Tabs.Content value="elections" className="tabs__content">
        <ElectionsTab region={region} actor={actor} myPlayerId={user?.playerId ?? null} />
      </Tabs.Content>
      <Tabs.Content value="members" className="tabs__content">
        <MembersTab region={region} actor={actor} />
      </Tabs.Content>
      <Tabs.Content value="entry" className="tabs__content">
        <EntryRequestsTab regionId={region.id} actor={actor} policy={api.config.immigration.policy} />
      </Tabs.Content>
      <Tabs.Content value="diplomacy" className="tabs__content">
        <DiplomacyTab region={region} actor={actor} />
      </Tabs.Content>
      <Tabs.Content value="culture" className="tabs__content">
        <CultureTab name={region.displayName} api={api} actor={actor} governanceType={api.config.governance.governanceType} />
      </Tabs.Content>
      <ConfigHistory regionId={region.id} version={api.config.configVersion} />
    </Tabs.Root>
  );
}
