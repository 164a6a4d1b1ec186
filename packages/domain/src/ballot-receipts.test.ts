import { describe, expect, it } from 'vitest';
import { ballotHash, merkleProof, merkleRoot, verifyMerkleProof, verifyTally, type StoredBallot } from './ballot-receipts.ts';
import { toWeightUnits } from './vote-weight.ts';

const ballot = (i: number, choice: string, weight: number): StoredBallot => {
  const f = { ballotId: `b${i}`, contestId: 'e1', choice, weight, salt: `s${i}` };
  return { ...f, receiptHash: ballotHash(f) };
};
const ballots = [ballot(1, 'alice', 1.5), ballot(2, 'bob', 1), ballot(3, 'alice', 0.25), ballot(4, 'bob', 2), ballot(5, 'carol', 1)];

describe('ballot receipts', () => {
  it('the hash commits to every field (weight in its canonical four-decimal form)', () => {
    const b = ballots[0]!;
    expect(ballotHash({ ...b, weight: 1.50001 })).toBe(b.receiptHash); // numeric(5,4) cannot store the extra digit
    for (const change of [{ choice: 'bob' }, { weight: 1.6 }, { salt: 'x' }, { ballotId: 'b9' }, { contestId: 'e2' }]) {
      expect(ballotHash({ ...b, ...change })).not.toBe(b.receiptHash);
    }
  });
  it('the root does not depend on casting order; every ballot has a proof', () => {
    const hashes = ballots.map((b) => b.receiptHash);
    const root = merkleRoot(hashes);
    expect(merkleRoot([...hashes].reverse())).toBe(root);
    for (const h of hashes) expect(verifyMerkleProof(h, merkleProof(hashes, h)!, root)).toBe(true);
    expect(merkleProof(hashes, 'f'.repeat(64))).toBeNull();
    expect(verifyMerkleProof(hashes[0]!, merkleProof(hashes, hashes[1]!)!, root)).toBe(false);
  });
  it('verifyTally passes on honest data and fails on a tampered stored vote', () => {
    const root = merkleRoot(ballots.map((b) => b.receiptHash));
    const tallies = { alice: toWeightUnits(1.75), bob: toWeightUnits(3), carol: toWeightUnits(1) };
    expect(verifyTally(ballots, { root, tallies }, toWeightUnits)).toMatchObject({ ok: true, rootMatches: true, talliesMatch: true });
    const tampered = ballots.map((b) => (b.ballotId === 'b2' ? { ...b, choice: 'alice' } : b));
    expect(verifyTally(tampered, { root, tallies }, toWeightUnits)).toMatchObject({ ok: false, mismatchedBallotIds: ['b2'], talliesMatch: false });
    const rehashed = tampered.map((b) => ({ ...b, receiptHash: ballotHash(b) }));
    expect(verifyTally(rehashed, { root, tallies }, toWeightUnits)).toMatchObject({ ok: false, mismatchedBallotIds: [], rootMatches: false });
    const removed = ballots.slice(1);
    expect(verifyTally(removed, { root, tallies }, toWeightUnits).ok).toBe(false);
  });
});
