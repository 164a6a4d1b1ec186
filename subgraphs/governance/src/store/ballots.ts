import { randomBytes, randomUUID } from 'node:crypto';
import { ballotHash, weightText } from '@sw/domain';

/** What the voter keeps: enough to recompute the receipt hash and to find the ballot in the published set. */
export interface BallotReceipt {
  ballotId: string;
  contestId: string;
  contestKind: 'ELECTION' | 'POLICY';
  choice: string;
  weight: number;
  salt: string;
  receiptHash: string;
}

/** A new ballot's id, salt and receipt hash (the hash is computed here, in one place: @sw/domain ballotHash). */
export function newBallot(contestKind: BallotReceipt['contestKind'], contestId: string, choice: string, weight: number): BallotReceipt {
  const ballotId = randomUUID();
  const salt = randomBytes(16).toString('hex');
  const w = Number(weightText(weight));
  return { ballotId, contestId, contestKind, choice, weight: w, salt, receiptHash: ballotHash({ ballotId, contestId, choice, weight: w, salt }) };
}

/** The choice text of a policy ballot. */
export const policyChoice = (support: boolean): string => (support ? 'for' : 'against');
