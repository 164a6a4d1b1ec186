import { eq, sql } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import {
  ballotHash, merkleProof, merkleRoot, toWeightUnits, verifyMerkleProof, verifyTally, type ProofStep, type StoredBallot, type TallyVerification,
} from '@sw/domain';
import type { BallotReceipt } from './ballots.ts';

/**
 * Public verification of ballots and tallies (docs/rules/governance.md "Receipts and verification"): anyone may call
 * these; they read only receipt hashes, choices, weights and salts — never who cast a ballot.
 */
export interface BallotVerification {
  /** The receipt's fields produce its hash. */
  receiptValid: boolean;
  /** A stored ballot with exactly the receipt's fields exists, and its stored fields still produce its hash. */
  recorded: boolean;
  /** Root published at close (null while open). */
  publishedRoot: string | null;
  /** The receipt hash is a leaf of the published root (null while open). */
  includedInPublishedRoot: boolean | null;
  proof: ProofStep[];
}

type Contest = { kind: 'ELECTION' | 'POLICY'; id: string };

async function storedBallots(db: HubDb, c: Contest): Promise<{ ballots: StoredBallot[]; root: string | null; tallies: Record<string, number> | null }> {
  if (c.kind === 'ELECTION') {
    const v = hub.regionalVotes;
    const [e] = await db.select({ root: hub.regionalElections.ballotRoot, results: hub.regionalElections.results }).from(hub.regionalElections).where(eq(hub.regionalElections.id, c.id));
    const rows = await db.select({ ballotId: v.id, choice: v.candidateId, weight: v.weight, salt: v.salt, receiptHash: v.receiptHash }).from(v).where(eq(v.electionId, c.id));
    const results = (e?.results ?? null) as { tallies?: Record<string, number> } | null;
    return { ballots: rows.map((r) => ({ ...r, contestId: c.id, salt: r.salt ?? '', receiptHash: r.receiptHash ?? '' })), root: e?.root ?? null, tallies: results?.tallies ?? null };
  }
  const v = hub.regionalPolicyVotes;
  const [p] = await db.select({ root: hub.regionalPolicies.ballotRoot, votesFor: hub.regionalPolicies.votesFor, votesAgainst: hub.regionalPolicies.votesAgainst })
    .from(hub.regionalPolicies).where(eq(hub.regionalPolicies.id, c.id));
  const rows = await db.select({ ballotId: v.id, support: v.support, weight: v.weight, salt: v.salt, receiptHash: v.receiptHash }).from(v).where(eq(v.policyId, c.id));
  return {
    ballots: rows.map((r) => ({ ballotId: r.ballotId, contestId: c.id, choice: r.support ? 'for' : 'against', weight: r.weight, salt: r.salt ?? '', receiptHash: r.receiptHash ?? '' })),
    root: p?.root ?? null,
    // The policy row's running decimal tallies are the published tally.
    tallies: p ? { for: toWeightUnits(p.votesFor), against: toWeightUnits(p.votesAgainst) } : null,
  };
}

/** Recomputes every ballot hash, the root and the tally of a contest; null when the contest does not exist. */
export async function verifyContestTally(db: HubDb, c: Contest): Promise<(TallyVerification & { publishedRoot: string | null }) | null> {
  const exists = await db.execute<{ n: number }>(
    c.kind === 'ELECTION' ? sql`SELECT 1 AS n FROM regional_elections WHERE id = ${c.id}` : sql`SELECT 1 AS n FROM regional_policies WHERE id = ${c.id}`,
  );
  if (exists.length === 0) return null;
  const { ballots, root, tallies } = await storedBallots(db, c);
  return { ...verifyTally(ballots, { root, tallies }, toWeightUnits), publishedRoot: root };
}

export async function verifyReceipt(db: HubDb, r: BallotReceipt): Promise<BallotVerification> {
  const receiptValid = ballotHash({ ballotId: r.ballotId, contestId: r.contestId, choice: r.choice, weight: r.weight, salt: r.salt }) === r.receiptHash;
  const { ballots, root } = await storedBallots(db, { kind: r.contestKind, id: r.contestId });
  const stored = ballots.find((b) => b.ballotId === r.ballotId);
  const recorded =
    stored !== undefined && stored.receiptHash === r.receiptHash && stored.choice === r.choice && stored.salt === r.salt &&
    toWeightUnits(stored.weight) === toWeightUnits(r.weight) && ballotHash(stored) === stored.receiptHash;
  const hashes = ballots.map((b) => b.receiptHash);
  const proof = merkleProof(hashes, r.receiptHash) ?? [];
  const includedInPublishedRoot = root === null ? null : hashes.includes(r.receiptHash) && merkleRoot(hashes) === root && verifyMerkleProof(r.receiptHash, proof, root);
  return { receiptValid, recorded, publishedRoot: root, includedInPublishedRoot, proof };
}
