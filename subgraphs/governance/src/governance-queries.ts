import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';

/**
 * Read queries of the Governance subgraph against the hub database. Batch variants take many region or
 * election ids and are called once per batch by loaders.ts.
 */

export type PolicyRow = typeof hub.regionalPolicies.$inferSelect;
export type ElectionRow = typeof hub.regionalElections.$inferSelect;
export type TreatyRow = typeof hub.regionalTreaties.$inferSelect;
export type TreasuryEntryRow = typeof hub.regionalTreasuryEntries.$inferSelect;

export async function policyById(db: HubDb, id: string): Promise<PolicyRow | undefined> {
  return (await db.select().from(hub.regionalPolicies).where(eq(hub.regionalPolicies.id, id)).limit(1))[0];
}

export async function electionById(db: HubDb, id: string): Promise<ElectionRow | undefined> {
  return (await db.select().from(hub.regionalElections).where(eq(hub.regionalElections.id, id)).limit(1))[0];
}

/** Policies of several regions, optionally one status (database spelling), newest proposal first. */
export async function policiesByRegionIds(db: HubDb, regionIds: readonly string[], status: string | null): Promise<PolicyRow[]> {
  if (regionIds.length === 0) return [];
  const p = hub.regionalPolicies;
  const where: SQL[] = [inArray(p.regionId, [...regionIds])];
  if (status) where.push(eq(p.status, status));
  return db.select().from(p).where(and(...where)).orderBy(desc(p.proposedAt), desc(p.id));
}

/** Elections of several regions, optionally one status, newest voting window first. */
export async function electionsByRegionIds(db: HubDb, regionIds: readonly string[], status: string | null): Promise<ElectionRow[]> {
  if (regionIds.length === 0) return [];
  const e = hub.regionalElections;
  const where: SQL[] = [inArray(e.regionId, [...regionIds])];
  if (status) where.push(eq(e.status, status));
  return db.select().from(e).where(and(...where)).orderBy(desc(e.votingOpensAt), desc(e.id));
}

/** Treaties in which any of the regions is party A or B, newest proposal first. */
export async function treatiesByRegionIds(db: HubDb, regionIds: readonly string[]): Promise<TreatyRow[]> {
  if (regionIds.length === 0) return [];
  const t = hub.regionalTreaties;
  const ids = [...regionIds];
  return db
    .select()
    .from(t)
    .where(or(inArray(t.regionAId, ids), inArray(t.regionBId, ids)))
    .orderBy(desc(t.proposedAt), desc(t.id));
}

/** Summed ballot weight per (election, candidate), exact decimals, for a batch of elections. */
export async function candidateWeightsByElectionIds(
  db: HubDb,
  electionIds: readonly string[],
): Promise<{ electionId: string; candidateId: string; weight: number }[]> {
  if (electionIds.length === 0) return [];
  const v = hub.regionalVotes;
  const rows = await db
    .select({ electionId: v.electionId, candidateId: v.candidateId, weight: sql<string>`sum(${v.weight})` })
    .from(v)
    .where(inArray(v.electionId, [...electionIds]))
    .groupBy(v.electionId, v.candidateId);
  return rows.map((r) => ({ electionId: r.electionId, candidateId: r.candidateId, weight: Number(r.weight) }));
}

/** Owner ids of regions (null owner for platform regions); missing regions are absent from the result. */
export async function regionOwnersByIds(db: HubDb, ids: readonly string[]): Promise<{ id: string; ownerId: string | null }[]> {
  if (ids.length === 0) return [];
  const r = hub.regions;
  return db.select({ id: r.id, ownerId: r.ownerId }).from(r).where(inArray(r.id, [...ids]));
}

/** The newest `first` treasury ledger rows of one region (index region_id, at DESC). */
export async function treasuryEntries(db: HubDb, regionId: string, first: number): Promise<TreasuryEntryRow[]> {
  const t = hub.regionalTreasuryEntries;
  return db.select().from(t).where(eq(t.regionId, regionId)).orderBy(desc(t.at), desc(t.id)).limit(first);
}
