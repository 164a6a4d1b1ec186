import { settingChangeRoute, type ChangeRoute, type RegionActor, type SettingGroup } from '@sw/domain/governance-authority';
import type { GovernanceType, GovernorRegionFragment } from '../../graphql/generated/graphql';
import type { SessionUser } from '../../auth/session-claims';

/**
 * The viewer's standing in the region, from what the page knows: the admin role, ownership (the API's
 * viewerIsOwner), the governor office. Council seats and the franchise are not exposed yet, so they count as absent;
 * the server decides again on every change anyway.
 */
export function regionActorOf(region: Pick<GovernorRegionFragment, 'viewerIsOwner' | 'governor'>, user: SessionUser | null): RegionActor {
  return {
    isAdmin: user?.roles.includes('admin') ?? false,
    isOwner: region.viewerIsOwner,
    isGovernor: !!user?.playerId && region.governor?.id === user.playerId,
    isCouncillor: false,
    isVotingMember: false,
  };
}

const TYPE: Record<GovernanceType, 'autocracy' | 'democracy' | 'council'> = { AUTOCRACY: 'autocracy', DEMOCRACY: 'democracy', COUNCIL: 'council' };

/** How this viewer may change a settings group here: the platform's one decision table, asked with GraphQL's enum. */
export function changeRouteFor(type: GovernanceType, group: SettingGroup, actor: RegionActor): ChangeRoute {
  return settingChangeRoute(TYPE[type], group, actor);
}

/** One sentence for the route, shown next to the settings it governs. */
export function describeRoute(route: ChangeRoute): string {
  switch (route.route) {
    case 'direct':
      return route.via === 'admin' ? 'You can change these directly (recorded as an administrator change).' : route.via === 'decree' ? 'You can change these by decree, effective at once.' : 'You can change these directly.';
    case 'policy':
      return `Changing these needs a policy: ${route.reason}.`;
    case 'denied':
      return `You cannot change these: ${route.reason}.`;
  }
}
