import { channels, type EventBus } from '@sw/events';
import type { Logger } from '@sw/service-kit';

/** Kinds of `governanceEvents(regionId)`, in the order a region lives them. */
export const GOVERNANCE_EVENT_KINDS = [
  'policy_proposed', 'policy_closed', 'policy_enacted', 'policy_rejected', 'petition_signed',
  'election_scheduled', 'election_opened', 'election_cancelled', 'election_closed', 'elected',
  'treaty_proposed', 'treaty_accepted', 'treaty_rejected', 'treaty_terminated', 'treaty_expired',
  'governor_appointed', 'member_changed',
] as const;
export type GovernanceEventKind = (typeof GOVERNANCE_EVENT_KINDS)[number];

export interface GovernanceEventPayload {
  kind: GovernanceEventKind;
  regionId: string;
  policyId?: string | null;
  electionId?: string | null;
  treatyId?: string | null;
  playerId?: string | null;
  message: string;
  at: string;
}

/**
 * Publishes governance events AFTER the transaction that caused them committed. A failed publish is logged, never
 * thrown: the change is already durable and readers can always re-query it.
 */
export async function publishGovernanceEvents(bus: EventBus, log: Logger, events: readonly GovernanceEventPayload[]): Promise<void> {
  for (const e of events) {
    try {
      await bus.publish(channels.governanceEvents(e.regionId), e);
    } catch (err) {
      log.error({ err, event: e.kind, regionId: e.regionId }, 'governance event publish failed');
    }
  }
}

export function governanceEvent(
  kind: GovernanceEventKind,
  regionId: string,
  at: Date,
  message: string,
  refs: Pick<GovernanceEventPayload, 'policyId' | 'electionId' | 'treatyId' | 'playerId'> = {},
): GovernanceEventPayload {
  return { kind, regionId, message, at: at.toISOString(), ...refs };
}
