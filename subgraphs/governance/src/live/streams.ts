/**
 * Streams behind the Governance subscriptions. Each subscribes to its channel FIRST, then yields the current state
 * (tallies) so a late subscriber starts from the truth, then live events. Tally streams drop an event older than what
 * they already sent (fewer ballots), since replicas may publish out of order; the gateway keeps only the newest
 * (latest-value mode). governanceEvents is FIFO: every event in publish order.
 */
import { channels, closingStream, type EventBus, type Subscription } from '@sw/events';
import type { HubDb } from '@sw/db';
import type { GovernanceEventPayload } from './governance-events.ts';
import { readElectionTally, readPolicyTally, type ElectionTallyEvent, type PolicyTallyEvent } from './tally-publisher.ts';

const FINAL = new Set(['completed', 'cancelled', 'implemented', 'rejected']);

/** Snapshot first, then live tallies, dropping one older than the last sent (fewer ballots, same status); ends at a final status. */
export async function* tallyEvents<T extends { ballots: number; status: string }>(
  live: Subscription<T>,
  snapshot: () => Promise<T | null>,
): AsyncGenerator<T> {
  try {
    await live.ready;
    let last = await snapshot();
    if (!last) return;
    yield last;
    for await (const event of live) {
      if (event.ballots < last.ballots && event.status === last.status) continue;
      last = event;
      yield event;
      if (FINAL.has(event.status)) return;
    }
  } finally {
    live.close();
  }
}

export function electionTallyStream(db: HubDb, bus: EventBus, electionId: string): AsyncGenerator<ElectionTallyEvent> {
  const live = bus.subscribe<ElectionTallyEvent>(channels.electionTally(electionId), { bufferSize: 16 });
  return closingStream(tallyEvents(live, () => readElectionTally(db, electionId)), () => live.close());
}

export function policyTallyStream(db: HubDb, bus: EventBus, policyId: string): AsyncGenerator<PolicyTallyEvent> {
  const live = bus.subscribe<PolicyTallyEvent>(channels.policyTally(policyId), { bufferSize: 16 });
  return closingStream(tallyEvents(live, () => readPolicyTally(db, policyId)), () => live.close());
}

async function* fifo(live: Subscription<GovernanceEventPayload>): AsyncGenerator<GovernanceEventPayload> {
  try {
    for await (const event of live) yield event;
  } finally {
    live.close();
  }
}

export function governanceEventStream(bus: EventBus, regionId: string): AsyncGenerator<GovernanceEventPayload> {
  const live = bus.subscribe<GovernanceEventPayload>(channels.governanceEvents(regionId));
  return closingStream(fifo(live), () => live.close());
}
