/**
 * Treasury arithmetic (docs/rules/governance.md "Treasury"). Every movement is one ledger row written in the same
 * transaction as its cause; the balance never goes below 0; the daily reconciliation compares SUM(delta) with the
 * stored balance and raises an alert when they differ (it never repairs).
 */
export interface TreasuryMove {
  before: number;
  delta: number;
  after: number;
}

/** The move a requested delta makes: withdrawals are capped at the balance. Null when nothing would move. */
export function treasuryMove(balance: number, requested: number): TreasuryMove | null {
  const delta = Math.max(-balance, Math.trunc(requested)) || 0;
  return delta === 0 ? null : { before: balance, delta, after: balance + delta };
}

export interface ReconciliationResult {
  ok: boolean;
  /** balance − SUM(delta): positive when credits appeared without a ledger row. */
  drift: number;
}

export function reconcileTreasury(balance: number, ledgerSum: number): ReconciliationResult {
  const drift = balance - ledgerSum;
  return { ok: drift === 0, drift };
}
