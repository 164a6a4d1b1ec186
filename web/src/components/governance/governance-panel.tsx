'use client';

import { useEffect, useState } from 'react';
import { Link } from '../ui/link';
import type { GovernancePanelQuery } from '../../graphql/generated/graphql';
import { enumLabel } from '../../graphql/reshape';
import { EmptyState } from '../ui/states';
import { PolicyCard } from './policy-card';
import { ElectionCard } from './election-card';
import { ReceiptsList } from './receipts-list';
import { readReceipts, saveReceipt, type StoredReceipt } from './receipts';

type Me = GovernancePanelQuery['me'];

/**
 * Memberships with voting power, then each region's open policies and elections with live tallies and votes, and
 * my ballot receipts with "Verify". Receipts live in this browser (read after mount, so server and client agree).
 */
export function GovernancePanel({ me }: { me: Me }) {
  const memberships = me.player?.memberships ?? [];
  const [receipts, setReceipts] = useState<StoredReceipt[]>([]);
  useEffect(() => setReceipts(readReceipts(window.localStorage, me.userId)), [me.userId]);
  const keep = (r: StoredReceipt) => setReceipts(saveReceipt(window.localStorage, me.userId, r));
  const receiptFor = (contestId: string) => receipts.find((r) => r.contestId === contestId) ?? null;

  if (memberships.length === 0) {
    return (
      <EmptyState title="You are not a member of any region yet" testId="no-memberships">
        Become a resident of the region you are in, or a citizen through an invite, to vote there. <Link href="/regions">Browse regions</Link>
      </EmptyState>
    );
  }
  return (
    <>
      <section className="card" aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">My memberships</h2>
        <div className="table-wrap" tabIndex={0}>
          <table className="table" data-testid="memberships">
            <thead>
              <tr>
                <th scope="col">Region</th>
                <th scope="col">Membership</th>
                <th scope="col" className="num">Voting power</th>
                <th scope="col" className="num">Reputation</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {memberships.map((m) => (
                <tr key={m.region.id} data-testid="membership-row" data-region-name={m.region.name}>
                  <td>
                    <Link href={`/regions/${m.region.name}`}>{m.region.displayName}</Link>
                  </td>
                  <td>{enumLabel(m.membershipType)}</td>
                  <td className="num" data-testid="voting-power">
                    {m.votingPower}
                  </td>
                  <td className="num">{m.reputationScore}</td>
                  <td>{m.joinedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {memberships.map((m) => {
        const elections = m.region.elections.filter((e) => e.status === 'PENDING' || e.status === 'ACTIVE');
        return (
          <section key={m.region.id} className="card" aria-labelledby={`open-${m.region.id}`}>
            <h2 id={`open-${m.region.id}`}>Open in {m.region.displayName}</h2>
            {m.region.policies.length === 0 && elections.length === 0 ? (
              <EmptyState title="Nothing to vote on right now" />
            ) : (
              <div className="grid-2">
                {m.region.policies.map((p) => (
                  <PolicyCard key={p.id} policy={p} votingPower={m.votingPower} receipt={receiptFor(p.id)} onReceipt={keep} />
                ))}
                {elections.map((e) => (
                  <ElectionCard key={e.id} election={e} myPlayerId={me.player?.id ?? null} votingPower={m.votingPower} receipt={receiptFor(e.id)} onReceipt={keep} />
                ))}
              </div>
            )}
          </section>
        );
      })}
      <section className="card" aria-labelledby="receipts-heading">
        <h2 id="receipts-heading">My ballot receipts</h2>
        <ReceiptsList receipts={receipts} />
      </section>
    </>
  );
}
