import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import type { ElectionPosition } from '@sw/domain';
import { hub, type HubDb } from '@sw/db';
import { insertRegion } from './hub-fixtures.ts';

/**
 * Fresh subjects of the governance entries of the permission grid (docs/decisions/permissions.md). Every factory
 * inserts a NEW subject when called, and the grid's builders call one per call (each role, each entry), so no call
 * can meet a subject an earlier call consumed: a cast ballot, a signed or vetoed petition, a cancelled election, an
 * accepted / rejected / terminated treaty, a started election. All subjects belong to the fixture region, an
 * autocracy; their windows lie days away from now, so no sweep acts on them during a run.
 */
export interface GridSubjects {
  /** A citizens' petition of the fixture region open for votes (members vote on it). */
  votingPolicy(): Promise<string>;
  /** A passed petition awaiting the owner's signature; signing it enacts the tax rate the grid's decree already set. */
  petitionAwaitingSignature(): Promise<string>;
  /**
   * The elected office the grid's elections use, made free: live elections of it that earlier calls left (started or
   * inserted) are withdrawn, so the region never holds two live elections for one office and `startElection` meets none.
   */
  openPosition(): Promise<ElectionPosition>;
  /** An election of the open office in candidate registration (pending, voting opens in a week). */
  electionInRegistration(): Promise<string>;
  /** An election of the open office open for votes, with the fixture citizen as its one candidate. */
  electionInVoting(): Promise<{ electionId: string; candidateId: string }>;
  /** A new region without an owner and without any treaty (a counterparty; the pair rule allows one live treaty). */
  partnerRegion(): Promise<string>;
  /** A treaty a new partner region proposed to the fixture region (the fixture region is side B). */
  treatyProposedToRegion(): Promise<string>;
  /** An active treaty between a new partner region (side A) and the fixture region (side B). */
  activeTreaty(): Promise<string>;
}

/** Autocracy elects its ambassador (governance-authority electedPositions); the grid's elections are all for it. */
const GRID_POSITION: ElectionPosition = 'ambassador';
const DAY = 86_400_000;

export function createGridSubjects(db: HubDb, sql: postgres.Sql, ids: { regionId: string; proposerId: string; candidateId: string; tag: string }): GridSubjects {
  const { regionId } = ids;
  let partners = 0;
  const at = (offsetMs: number) => new Date(Date.now() + offsetMs);

  const openPosition = async (): Promise<ElectionPosition> => {
    await sql`UPDATE regional_elections SET status = 'cancelled', cancel_reason = 'grid_reset', closed_at = now()
              WHERE region_id = ${regionId} AND position = ${GRID_POSITION} AND status IN ('pending', 'active', 'tallying')`;
    return GRID_POSITION;
  };

  const election = async (status: 'pending' | 'active', candidates: { player_id: string; platform: null }[]): Promise<string> => {
    const position = await openPosition();
    const window = status === 'pending' ? { votingOpensAt: at(7 * DAY), votingClosesAt: at(14 * DAY) } : { votingOpensAt: at(-DAY), votingClosesAt: at(6 * DAY) };
    const [row] = await db
      .insert(hub.regionalElections)
      .values({ regionId, position, status, candidates, ...window })
      .returning({ id: hub.regionalElections.id });
    return row!.id;
  };

  const policy = async (fields: Partial<typeof hub.regionalPolicies.$inferInsert>): Promise<string> => {
    const [row] = await db
      .insert(hub.regionalPolicies)
      .values({
        regionId,
        policyType: 'economy',
        title: 'grid petition',
        proposedChanges: { tax_rate: 0.1 },
        proposedBy: ids.proposerId,
        decisionKind: 'owner_signature',
        votingClosesAt: at(7 * DAY),
        ...fields,
      })
      .returning({ id: hub.regionalPolicies.id });
    return row!.id;
  };

  const partnerRegion = async (): Promise<string> => {
    const name = `grid-partner-${ids.tag}-${++partners}-${randomBytes(2).toString('hex')}`;
    return (await insertRegion(db, { name })).id;
  };

  const treaty = async (status: 'proposed' | 'active'): Promise<string> => {
    const [row] = await db
      .insert(hub.regionalTreaties)
      .values({ regionAId: await partnerRegion(), regionBId: regionId, treatyType: 'trade_agreement', status, ...(status === 'active' ? { acceptedAt: new Date() } : {}) })
      .returning({ id: hub.regionalTreaties.id });
    return row!.id;
  };

  return {
    votingPolicy: () => policy({ status: 'voting' }),
    petitionAwaitingSignature: () =>
      policy({ status: 'passed', proposedAt: at(-8 * DAY), votingClosesAt: at(-DAY), decidedAt: at(-DAY), signatureDeadlineAt: at(3 * DAY) }),
    openPosition,
    electionInRegistration: () => election('pending', []),
    async electionInVoting() {
      return { electionId: await election('active', [{ player_id: ids.candidateId, platform: null }]), candidateId: ids.candidateId };
    },
    partnerRegion,
    treatyProposedToRegion: () => treaty('proposed'),
    activeTreaty: () => treaty('active'),
  };
}
