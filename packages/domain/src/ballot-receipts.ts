import { createHash } from 'node:crypto';
import { weightText } from './vote-weight.ts';

/**
 * Verifiable ballots (docs/rules/governance.md "Receipts and verification"). Each ballot's receipt hash commits to
 * (ballot id, election or policy id, choice, weight, salt); the voter keeps the receipt. A closed contest publishes
 * the Merkle root of its ballot hashes (sorted, so the root reveals nothing about casting order). Anyone can recompute
 * the root and the tally from the published (hash, choice, weight) list without learning who cast which ballot; a
 * stored ballot whose fields were changed no longer matches its hash.
 */
export interface BallotFields {
  ballotId: string;
  /** Election id or policy id. */
  contestId: string;
  /** Candidate player id, or 'for' / 'against'. */
  choice: string;
  weight: number;
  /** Random hex chosen at casting (keeps a hash from being guessed from the public choices). */
  salt: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function ballotHash(b: BallotFields): string {
  return sha256(`sw-ballot-v1|${b.ballotId}|${b.contestId}|${b.choice}|${weightText(b.weight)}|${b.salt}`);
}

function parent(a: string, b: string): string {
  return sha256(`sw-node-v1|${a}|${b}`);
}

/** Merkle root over the ballot hashes (sorted; an odd node is carried up). The empty set has a fixed root. */
export function merkleRoot(hashes: readonly string[]): string {
  let level = [...hashes].sort();
  if (level.length === 0) return sha256('sw-empty-v1');
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? parent(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}

export interface ProofStep {
  sibling: string;
  /** Where the sibling sits: the parent is hash(sibling, node) for 'left', hash(node, sibling) for 'right'. */
  side: 'left' | 'right';
}

/** The path proving `leaf` is in the tree of `hashes`, or null when it is not one of them. */
export function merkleProof(hashes: readonly string[], leaf: string): ProofStep[] | null {
  let level = [...hashes].sort();
  let index = level.indexOf(leaf);
  if (index < 0) return null;
  const proof: ProofStep[] = [];
  while (level.length > 1) {
    const isRight = index % 2 === 1;
    const siblingIndex = isRight ? index - 1 : index + 1;
    if (siblingIndex < level.length) proof.push({ sibling: level[siblingIndex]!, side: isRight ? 'left' : 'right' });
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? parent(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
    index = Math.floor(index / 2);
  }
  return proof;
}

export function verifyMerkleProof(leaf: string, proof: readonly ProofStep[], root: string): boolean {
  let node = leaf;
  for (const step of proof) node = step.side === 'left' ? parent(step.sibling, node) : parent(node, step.sibling);
  return node === root;
}

export interface StoredBallot extends BallotFields {
  /** The hash stored when the ballot was cast. */
  receiptHash: string;
}

export interface TallyVerification {
  ok: boolean;
  ballotCount: number;
  /** Ballots whose stored fields no longer produce their stored hash (tampered rows). */
  mismatchedBallotIds: string[];
  recomputedRoot: string;
  /** Null while no root has been published (contest not closed). */
  rootMatches: boolean | null;
  /** Weight units per choice, recomputed from the ballots. */
  recomputedTallies: Record<string, number>;
  talliesMatch: boolean | null;
}

/**
 * Recomputes every ballot hash, the Merkle root and the per-choice tally, and compares them with what was published
 * at close (root, tallies in weight units). `ok` needs every hash to match and, once published, root and tallies too.
 */
export function verifyTally(
  ballots: readonly StoredBallot[],
  published: { root: string | null; tallies: Readonly<Record<string, number>> | null },
  toUnits: (weight: number) => number,
): TallyVerification {
  const mismatched = ballots.filter((b) => ballotHash(b) !== b.receiptHash).map((b) => b.ballotId);
  const recomputedRoot = merkleRoot(ballots.map((b) => ballotHash(b)));
  const recomputedTallies: Record<string, number> = {};
  for (const b of ballots) recomputedTallies[b.choice] = (recomputedTallies[b.choice] ?? 0) + toUnits(b.weight);
  const rootMatches = published.root === null ? null : published.root === recomputedRoot;
  let talliesMatch: boolean | null = null;
  if (published.tallies !== null) {
    const keys = new Set([...Object.keys(published.tallies), ...Object.keys(recomputedTallies)]);
    talliesMatch = [...keys].every((k) => (published.tallies![k] ?? 0) === (recomputedTallies[k] ?? 0));
  }
  return {
    ok: mismatched.length === 0 && rootMatches !== false && talliesMatch !== false,
    ballotCount: ballots.length,
    mismatchedBallotIds: mismatched,
    recomputedRoot,
    rootMatches,
    recomputedTallies,
    talliesMatch,
  };
}
