'use client';

import { useState } from 'react';
import { useClient } from 'urql';
import { VerifyBallotQuery } from '../../graphql/operations/governance';
import { EmptyState } from '../ui/states';
import type { StoredReceipt } from './receipts';

type Verdict = { receiptValid: boolean; recorded: boolean; includedInPublishedRoot?: boolean | null } | { error: string };

/** My ballot receipts (kept in this browser) with "Verify": the server checks the receipt and that it was counted. */
export function ReceiptsList({ receipts }: { receipts: StoredReceipt[] }) {
  const client = useClient();
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});

  async function verify(r: StoredReceipt) {
    // Exactly the input's fields (a stored receipt also carries its label, time and urql's __typename).
    const receipt = { ballotId: r.ballotId, contestId: r.contestId, contestKind: r.contestKind, choice: r.choice, weight: r.weight, salt: r.salt, receiptHash: r.receiptHash };
    const res = await client.query(VerifyBallotQuery, { receipt }, { requestPolicy: 'network-only' }).toPromise();
    setVerdicts((v) => ({ ...v, [r.ballotId]: res.data ? res.data.verifyBallot : { error: res.error?.message ?? 'could not verify' } }));
  }

  if (receipts.length === 0) return <EmptyState title="No ballots cast from this browser yet" testId="no-receipts" />;
  return (
    <ul className="conditions" data-testid="receipts">
      {receipts.map((r) => {
        const v = verdicts[r.ballotId];
        return (
          <li key={r.ballotId} style={{ gridTemplateColumns: '1fr auto' }} data-testid="receipt">
            <span>
              <strong>{r.label}</strong> — {r.choice} (weight {r.weight})
              <span className="table__sub">receipt {r.receiptHash.slice(0, 16)}…</span>
              {v && (
                <span className={'error' in v ? 'field__error' : v.receiptValid && v.recorded ? 'field__ok' : 'field__error'} data-testid="receipt-verdict" role="status">
                  {'error' in v ? v.error : v.receiptValid && v.recorded ? `Verified: your ballot is counted${v.includedInPublishedRoot ? ' and in the published root' : ''}.` : 'Not verified: this receipt does not match a counted ballot.'}
                </span>
              )}
            </span>
            <button type="button" className="button" onClick={() => void verify(r)}>
              Verify
            </button>
          </li>
        );
      })}
    </ul>
  );
}
