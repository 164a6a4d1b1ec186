/** A ballot receipt as the voter keeps it (the API's BallotReceipt). */
export interface StoredReceipt {
  ballotId: string;
  contestId: string;
  contestKind: 'ELECTION' | 'POLICY';
  choice: string;
  weight: number;
  salt: string;
  receiptHash: string;
  /** What the voter saw, for the list ("Lower taxes", "Governor election"). */
  label: string;
  castAt: string;
}

/** Minimal storage interface (window.localStorage in the browser, a Map in tests). */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const keyOf = (userId: string) => `sw.ballot-receipts.${userId}`;

/**
 * The voter's receipts, kept in this browser only: the server never links a ballot to its voter in public, so the
 * receipt (with its salt) is the voter's own proof. Malformed storage reads as empty.
 */
export function readReceipts(store: KeyValue, userId: string): StoredReceipt[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(keyOf(userId)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as StoredReceipt[]).filter((r) => typeof r?.receiptHash === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds (or replaces, by contest) a receipt; newest first. */
export function saveReceipt(store: KeyValue, userId: string, receipt: StoredReceipt): StoredReceipt[] {
  const next = [receipt, ...readReceipts(store, userId).filter((r) => r.contestId !== receipt.contestId)];
  store.setItem(keyOf(userId), JSON.stringify(next));
  return next;
}
