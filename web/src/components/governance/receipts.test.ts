import { describe, expect, it } from 'vitest';
import { readReceipts, saveReceipt, type StoredReceipt } from './receipts';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}
const r = (contestId: string, choice: string): StoredReceipt => ({
  ballotId: `b-${contestId}-${choice}`,
  contestId,
  contestKind: 'POLICY',
  choice,
  weight: 1,
  salt: 's',
  receiptHash: 'h',
  label: contestId,
  castAt: '2026-01-01T00:00:00Z',
});

describe('ballot receipts', () => {
  it('keeps one receipt per contest, newest first, per user', () => {
    const store = memory();
    saveReceipt(store, 'u1', r('p1', 'for'));
    saveReceipt(store, 'u1', r('p2', 'against'));
    expect(readReceipts(store, 'u1').map((x) => x.contestId)).toEqual(['p2', 'p1']);
    expect(readReceipts(store, 'u2')).toEqual([]);
  });
  it('reads malformed storage as empty', () => {
    const store = memory();
    store.setItem('sw.ballot-receipts.u1', '{not json');
    expect(readReceipts(store, 'u1')).toEqual([]);
  });
});
