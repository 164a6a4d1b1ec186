'use client';

import type { RegionActor } from '@sw/domain/governance-authority';
import { useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import type { GovernorRegionFragment, GovernorTreatyFragment, TreatyType } from '../../../graphql/generated/graphql';
import { AcceptTreatyMutation, ProposeTreatyMutation, RejectTreatyMutation, TerminateTreatyMutation, TreatyPartnersQuery } from '../../../graphql/operations/governor';
import { describeMutationError, issueAt, type MutationFailure } from '../../../graphql/describe-error';
import { enumLabel } from '../../../graphql/reshape';
import { FormError, SelectField, TextAreaField, TextField } from '../../ui/field';
import { EmptyState } from '../../ui/states';

/**
 * The treaty types of the API's TreatyType enum. A Record over the generated type: codegen from the server's schema
 * fails the typecheck when a type is added or removed there, and the server validates the enum on every call.
 */
const TREATY_TYPES: Record<TreatyType, string> = {
  TRADE_AGREEMENT: 'Trade agreement',
  DEFENSE_PACT: 'Defense pact',
  NON_AGGRESSION: 'Non-aggression',
  CULTURAL_EXCHANGE: 'Cultural exchange',
  OPEN_BORDERS: 'Open borders',
};
const noAnswer: MutationFailure = { code: 'ERR_EMPTY_RESPONSE', message: 'No answer', issues: [] };

/** The region's treaties with the answers the owner can give, and (owner) a proposal form. */
export function DiplomacyTab({ region: r, actor }: { region: GovernorRegionFragment; actor: RegionActor }) {
  const client = useClient();
  const [treaties, setTreaties] = useState(r.treaties);
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const officer = actor.isOwner || actor.isAdmin;
  const upsert = (t: GovernorTreatyFragment) => setTreaties((cur) => (cur.some((c) => c.id === t.id) ? cur.map((c) => (c.id === t.id ? t : c)) : [t, ...cur]));

  async function answer(kind: 'accept' | 'reject' | 'terminate', id: string) {
    setBusy(id);
    const res =
      kind === 'accept'
        ? await client.mutation(AcceptTreatyMutation, { treatyId: id }).toPromise().then((x) => ({ error: x.error, t: x.data?.acceptTreaty }))
        : kind === 'reject'
          ? await client.mutation(RejectTreatyMutation, { treatyId: id }).toPromise().then((x) => ({ error: x.error, t: x.data?.rejectTreaty }))
          : await client.mutation(TerminateTreatyMutation, { treatyId: id }).toPromise().then((x) => ({ error: x.error, t: x.data?.terminateTreaty }));
    setBusy(null);
    if (res.error || !res.t) return setFailure(res.error ? describeMutationError(res.error) : noAnswer);
    setFailure(null);
    upsert(res.t);
  }

  return (
    <div className="stack">
      {officer && <ProposeTreatyForm region={r} onProposed={upsert} />}
      {failure && <FormError code={failure.code} message={failure.message} />}
      {treaties.length === 0 ? (
        <EmptyState title="No treaties yet">Treaties with other regions appear here.</EmptyState>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Treaties">
          <table className="table" data-testid="treaties-table">
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Type</th>
                <th scope="col">Accepted</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                {officer && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {treaties.map((t) => {
                const proposedByUs = t.regionA.id === r.id;
                const partner = proposedByUs ? t.regionB : t.regionA;
                return (
                  <tr key={t.id} data-testid="treaty-row" data-treaty-id={t.id} data-treaty-status={t.status} data-partner={partner.name}>
                    <td>{partner.displayName}</td>
                    <td>{enumLabel(t.treatyType)}</td>
                    <td>{t.acceptedAt?.slice(0, 10) ?? (t.status === 'proposed' ? (proposedByUs ? 'proposed by us' : 'proposed to us') : '—')}</td>
                    <td>{t.expiresAt?.slice(0, 10) ?? 'Permanent'}</td>
                    <td>
                      <span className={`badge badge--${t.status.toLowerCase()}`}>{enumLabel(t.status)}</span>
                    </td>
                    {officer && (
                      <td>
                        <div className="form-actions">
                          {t.status === 'proposed' && !proposedByUs && (
                            <>
                              <button type="button" className="button button--small button--primary" disabled={busy === t.id} onClick={() => void answer('accept', t.id)} aria-label={`Accept treaty with ${partner.displayName}`}>
                                Accept
                              </button>
                              <button type="button" className="button button--small" disabled={busy === t.id} onClick={() => void answer('reject', t.id)} aria-label={`Reject treaty with ${partner.displayName}`}>
                                Reject
                              </button>
                            </>
                          )}
                          {t.status === 'active' && (
                            <button type="button" className="button button--small button--danger" disabled={busy === t.id} onClick={() => void answer('terminate', t.id)} aria-label={`Terminate treaty with ${partner.displayName}`}>
                              Terminate
                            </button>
                          )}
                        </div>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ProposeTreatyForm({ region: r, onProposed }: { region: GovernorRegionFragment; onProposed: (t: GovernorTreatyFragment) => void }) {
  const client = useClient();
  const [{ data }] = useQuery({ query: TreatyPartnersQuery });
  const partners = (data?.regions ?? []).filter((p) => p.id !== r.id && p.regionType !== 'CENTRAL_NEXUS');
  const [partner, setPartner] = useState('');
  const [type, setType] = useState<TreatyType>('TRADE_AGREEMENT');
  const [expires, setExpires] = useState('');
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setDone(false);
    // A date means the end of that day (UTC); the server refuses one that is not in the future.
    const expiresAt = expires.trim() === '' ? null : /^\d{4}-\d{2}-\d{2}$/.test(expires.trim()) ? `${expires.trim()}T23:59:59Z` : expires;
    const res = await client
      .mutation(ProposeTreatyMutation, { input: { regionId: r.id, counterpartyRegionId: partner || (partners[0]?.id ?? ''), treatyType: type, expiresAt, terms: note.trim() === '' ? null : { note } } })
      .toPromise();
    setBusy(false);
    if (res.error || !res.data) return setFailure(res.error ? describeMutationError(res.error) : noAnswer);
    setFailure(null);
    setDone(true);
    setNote('');
    setExpires('');
    onProposed(res.data.proposeTreaty);
  }

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate data-testid="propose-treaty-form" aria-labelledby="propose-treaty-title">
      <h3 id="propose-treaty-title">Propose a treaty</h3>
      <p className="muted">The other region’s owner accepts or rejects it. Two regions have at most one live treaty.</p>
      {failure && failure.issues.length === 0 && <FormError code={failure.code} message={failure.message} />}
      <div className="grid-2">
        <SelectField id="treaty-partner" label="With region" value={partner || (partners[0]?.id ?? '')} onChange={setPartner} options={partners.map((p) => ({ value: p.id, label: p.displayName }))} error={issueAt(failure, 'counterpartyRegionId')} />
        <SelectField id="treaty-type" label="Treaty type" value={type} onChange={(v) => setType(v as TreatyType)} options={(Object.keys(TREATY_TYPES) as TreatyType[]).map((t) => ({ value: t, label: TREATY_TYPES[t] }))} error={issueAt(failure, 'treatyType')} />
      </div>
      <TextField id="treaty-expires" label="Expires (optional, YYYY-MM-DD)" value={expires} onChange={setExpires} placeholder="permanent when empty" error={issueAt(failure, 'expiresAt')} />
      <TextAreaField id="treaty-note" label="Terms (optional note)" value={note} onChange={setNote} rows={2} error={issueAt(failure, 'terms')} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || partners.length === 0}>
          Propose treaty
        </button>
        {done && (
          <span className="field__ok" role="status" data-testid="treaty-proposed">
            Proposed; waiting for the other owner.
          </span>
        )}
      </div>
    </form>
  );
}
