/**
 * Daily treasury reconciliation: for every region, SUM(ledger delta) must equal regions.treasury_balance (every credit
 * movement writes its ledger row in the same transaction as its cause). A mismatch is never repaired here: it raises
 * an alert event (`ops.alerts`, kind treasury_reconciliation_failed) and an error log for an operator.
 */
import { sql } from 'drizzle-orm';
import { channels } from '@sw/events';
import { reconcileTreasury } from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';

export interface TreasuryAlert {
  kind: 'treasury_reconciliation_failed';
  regionId: string;
  regionName: string;
  balance: number;
  ledgerSum: number;
  drift: number;
  at: string;
}

export async function reconcileTreasuries(deps: GovernanceDeps, now: Date = deps.now()): Promise<{ checked: number; alerts: TreasuryAlert[] }> {
  const rows = await deps.db.execute<{ id: string; name: string; balance: string; ledger: string }>(sql`
    SELECT r.id, r.name, r.treasury_balance AS balance, coalesce(l.total, 0) AS ledger
    FROM regions r
    LEFT JOIN (SELECT region_id, sum(delta) AS total FROM regional_treasury_entries GROUP BY region_id) l ON l.region_id = r.id
    WHERE r.status <> 'terminated'`);
  const alerts: TreasuryAlert[] = [];
  for (const r of rows) {
    const balance = Number(r.balance);
    const ledgerSum = Number(r.ledger);
    const result = reconcileTreasury(balance, ledgerSum);
    if (result.ok) continue;
    const alert: TreasuryAlert = { kind: 'treasury_reconciliation_failed', regionId: r.id, regionName: r.name, balance, ledgerSum, drift: result.drift, at: now.toISOString() };
    alerts.push(alert);
    deps.log.error(alert, 'treasury ledger does not sum to the balance');
    try {
      await deps.bus.publish(channels.alerts(), alert);
    } catch (err) {
      deps.log.error({ err, regionId: r.id }, 'treasury alert publish failed');
    }
  }
  return { checked: rows.length, alerts };
}
