import type { HubDb } from '@sw/db';
import type { EventBus } from '@sw/events';
import type { Logger } from '@sw/service-kit';
import type { TallyPublisher } from './live/tally-publisher.ts';
import type { ElectionRolls } from './store/election-rolls.ts';

/** What commands, sweeps and streams of the Governance subgraph run against. `now` is injected so sweeps can be tested. */
export interface GovernanceDeps {
  db: HubDb;
  bus: EventBus;
  now: () => Date;
  tallies: TallyPublisher;
  log: Logger;
  /** Rolls held during ballot bursts (absent: every ballot reads its facts). */
  rolls?: ElectionRolls;
}

/** A drizzle transaction of the hub schema. */
export type HubTx = Parameters<Parameters<HubDb['transaction']>[0]>[0];
