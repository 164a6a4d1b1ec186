import type { ElectionPosition, GovernanceType } from './vocabulary.ts';

/**
 * Who decides what in a region, by governance type (docs/rules/governance.md "Governance types"). This is the ONE
 * table that config mutations, policy commands, sweeps and the web UI (to show or hide a control, with the reason)
 * ask; nothing else compares governance types to grant a power.
 *
 * - autocracy: the owner, or a governor the owner appointed, changes settings by decree, at once. Citizens may
 *   petition: a policy that, when passed, takes effect only once the owner signs it.
 * - democracy: economy, governance and immigration change only through a passed referendum; the owner edits culture
 *   directly; the elected governor may propose policies.
 * - council: the same groups change only through a policy the council passes (one vote per seat).
 * Admins acting on a region by id always change settings directly (recorded as an admin change).
 */

/** Groups of region settings that share one decision rule. */
export const SETTING_GROUPS = ['economy', 'governance', 'immigration', 'culture'] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** The caller's standing in the region the setting belongs to; derive it from the region touched, never from input. */
export interface RegionActor {
  isAdmin: boolean;
  isOwner: boolean;
  /** Holds the governor office (elected, or appointed by the owner under autocracy). */
  isGovernor: boolean;
  /** Holds a council seat (council republic). */
  isCouncillor: boolean;
  /** Citizen or resident with voting power > 0 (the franchise's age rule is checked where votes are cast). */
  isVotingMember: boolean;
}

/** How a requested change can happen. */
export type ChangeRoute =
  /** Applied at once by this caller (`via` is recorded in the config history). */
  | { route: 'direct'; via: 'decree' | 'owner' | 'admin' }
  /** Only a passed policy changes it; this caller may propose one, decided by `decidedBy`. */
  | { route: 'policy'; decidedBy: PolicyDecider; reason: string }
  /** This caller can neither change it nor propose the change. */
  | { route: 'denied'; reason: string };

/** Who decides a policy in a region: its voting members, its council, or (petitions under autocracy) the owner. */
export type PolicyDecider = 'referendum' | 'council' | 'owner_signature';

/** Who decides policies under each governance type. */
export function policyDecider(type: GovernanceType): PolicyDecider {
  switch (type) {
    case 'autocracy':
      return 'owner_signature';
    case 'democracy':
      return 'referendum';
    case 'council':
      return 'council';
    default: {
      const never: never = type;
      throw new Error(`unknown governance type ${String(never)}`);
    }
  }
}

/** True when the caller may put a policy to the region's deciders under this governance type. */
export function canProposePolicy(type: GovernanceType, actor: RegionActor): boolean {
  if (actor.isAdmin || actor.isOwner || actor.isGovernor) return true;
  switch (type) {
    case 'autocracy':
      return actor.isVotingMember; // a petition
    case 'democracy':
      return actor.isVotingMember;
    case 'council':
      return actor.isCouncillor;
    default: {
      const never: never = type;
      throw new Error(`unknown governance type ${String(never)}`);
    }
  }
}

/**
 * How a change to a setting group can happen for this caller in a region of this governance type.
 * Culture is always the owner's (or a decree-holding governor's under autocracy) to edit directly.
 */
export function settingChangeRoute(type: GovernanceType, group: SettingGroup, actor: RegionActor): ChangeRoute {
  if (actor.isAdmin) return { route: 'direct', via: 'admin' };
  if (group === 'culture') {
    if (actor.isOwner) return { route: 'direct', via: 'owner' };
    if (type === 'autocracy' && actor.isGovernor) return { route: 'direct', via: 'decree' };
    return { route: 'denied', reason: 'only the region owner edits its culture' };
  }
  const decider = policyDecider(type);
  if (type === 'autocracy' && (actor.isOwner || actor.isGovernor)) return { route: 'direct', via: 'decree' };
  if (canProposePolicy(type, actor)) {
    const reason =
      decider === 'referendum'
        ? `a democracy changes ${group} settings only through a passed referendum`
        : decider === 'council'
          ? `a council republic changes ${group} settings only through a policy the council passes`
          : `under autocracy a petition takes effect only when the owner signs it`;
    return { route: 'policy', decidedBy: decider, reason };
  }
  return { route: 'denied', reason: `you hold no office that may change or propose ${group} settings here` };
}

/**
 * How a proposal touching these setting groups goes ahead for this caller: `direct` (a decree or an admin change,
 * enacted at once), `policy` (put to the decider), or `denied`. The strictest group wins: one denied group denies the
 * whole proposal, and one group that needs a vote sends the whole proposal to a vote.
 */
export function proposalRoute(type: GovernanceType, groups: readonly SettingGroup[], actor: RegionActor): ChangeRoute {
  const routes = groups.map((g) => settingChangeRoute(type, g, actor));
  const denied = routes.find((r) => r.route === 'denied');
  if (denied) return denied;
  const policy = routes.find((r) => r.route === 'policy');
  if (policy) return policy;
  return routes[0] ?? { route: 'denied', reason: 'a proposal must change at least one setting' };
}

/** Who casts the ballots on a policy: the voting members (referendum, petition) or the council's seats. */
export function policyVotingBody(decider: PolicyDecider): 'members' | 'council' {
  return decider === 'council' ? 'council' : 'members';
}

/** Offices that exist and are filled by election under each governance type (an autocrat appoints the governor). */
export function electedPositions(type: GovernanceType): readonly ElectionPosition[] {
  switch (type) {
    case 'autocracy':
      return ['ambassador', 'trade_commissioner'];
    case 'democracy':
      return ['governor', 'ambassador', 'trade_commissioner'];
    case 'council':
      return ['council_member', 'ambassador', 'trade_commissioner'];
    default: {
      const never: never = type;
      throw new Error(`unknown governance type ${String(never)}`);
    }
  }
}

/** True when the governor office exists under the type (appointed under autocracy, elected under democracy). */
export function hasGovernorOffice(type: GovernanceType): boolean {
  return type !== 'council';
}

/**
 * Whether the caller may start an election for `position`: the position must be elected under the type; the owner
 * (and admins) may start any, and a democracy's elected governor may too.
 */
export function canStartElection(type: GovernanceType, position: ElectionPosition, actor: RegionActor): boolean {
  if (!electedPositions(type).includes(position)) return false;
  if (actor.isAdmin || actor.isOwner) return true;
  return type === 'democracy' && actor.isGovernor;
}

/** Only an autocracy's owner (or an admin) appoints the governor. */
export function canAppointGovernor(type: GovernanceType, actor: RegionActor): boolean {
  return type === 'autocracy' && (actor.isOwner || actor.isAdmin);
}
