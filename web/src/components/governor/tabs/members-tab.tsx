'use client';

import type { RegionActor } from '@sw/domain/governance-authority';
import { INVITE_DEFAULT_TTL_DAYS, INVITE_MAX_TTL_DAYS } from '@sw/domain/invite-rules';
import { GOVERNANCE_BOUNDS, INVITE_MAX_USES_LIMIT } from '@sw/domain/vocabulary';
import { useEffect, useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import type { GovernorMembersQuery as MembersData, GovernorRegionFragment, RegionInviteFieldsFragment } from '../../../graphql/generated/graphql';
import { GovernorInvitesQuery, GovernorMembersQuery, MintInviteMutation, RevokeInviteMutation, SetMemberStandingMutation } from '../../../graphql/operations/governor';
import { describeError, describeMutationError, issueAt, type MutationFailure } from '../../../graphql/describe-error';
import { enumLabel } from '../../../graphql/reshape';
import { ErrorBanner } from '../../ui/error-banner';
import { FormError, NumberField, TextField } from '../../ui/field';
import { EmptyState } from '../../ui/states';

const PAGE_SIZE = 20;
const VP = GOVERNANCE_BOUNDS.votingPower;
const DAY_MS = 86_400_000;
const noAnswer: MutationFailure = { code: 'ERR_EMPTY_RESPONSE', message: 'No answer', issues: [] };
type MemberRow = MembersData['region']['members']['items'][number];

/** Member counts; for the owner (and admins) the paged member table with voting power / rank editing, and invites. */
export function MembersTab({ region: r, actor }: { region: GovernorRegionFragment; actor: RegionActor }) {
  const officer = actor.isOwner || actor.isAdmin;
  return (
    <div className="stack">
      <dl className="stats" data-testid="member-counts">
        <div className="stats__item">
          <dt>Members</dt>
          <dd>{r.counts.members}</dd>
        </div>
        <div className="stats__item">
          <dt>Citizens</dt>
          <dd>{r.counts.citizens}</dd>
        </div>
        <div className="stats__item">
          <dt>Residents</dt>
          <dd>{r.counts.residents}</dd>
        </div>
        <div className="stats__item">
          <dt>Visitors</dt>
          <dd>{r.counts.visitors}</dd>
        </div>
      </dl>
      {officer ? (
        <>
          <MembersTable regionId={r.id} canEdit={officer} />
          <Invites regionId={r.id} />
        </>
      ) : (
        <EmptyState title="The member list is the owner’s">Only the region’s owner (and platform administrators) see who the members are.</EmptyState>
      )}
    </div>
  );
}

function MembersTable({ regionId, canEdit }: { regionId: string; canEdit: boolean }) {
  const [offset, setOffset] = useState(0);
  const [{ data, error, fetching }, refetch] = useQuery({ query: GovernorMembersQuery, variables: { id: regionId, first: PAGE_SIZE, offset }, requestPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<string | null>(null);
  // After an edit, focus goes back to the row's Edit button once the re-read list is on screen, so a keyboard user
  // continues where they were.
  const [returnTo, setReturnTo] = useState<string | null>(null);
  useEffect(() => {
    if (!returnTo || fetching) return;
    const button = document.getElementById(`edit-${returnTo}`);
    if (button) {
      button.focus();
      setReturnTo(null);
    }
  }, [returnTo, fetching, data]);
  if (error) return <ErrorBanner title="Members unavailable" failure={describeError(error, 'the gateway')} />;
  if (!data) return <p className="muted">Loading members…</p>;
  const page = data.region.members;
  const last = Math.min(page.offset + page.items.length, page.total);
  return (
    <section className="card" aria-labelledby="members-title" data-testid="members">
      <header className="card__header">
        <h3 id="members-title">Members</h3>
        <span className="muted" data-testid="members-range">
          {page.total === 0 ? 'none' : `${page.offset + 1}–${last} of ${page.total}`}
        </span>
      </header>
      {page.items.length === 0 ? (
        <p className="muted">Nobody has joined yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Member list">
          <table className="table" data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">Player</th>
                <th scope="col">Membership</th>
                <th scope="col" className="num">Voting power</th>
                <th scope="col">Rank</th>
                <th scope="col" className="num">Reputation</th>
                {canEdit && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {page.items.map((m) =>
                editing === m.player.id ? (
                  <tr key={m.player.id} data-testid="member-row" data-player-id={m.player.id}>
                    <td colSpan={canEdit ? 6 : 5}>
                      <StandingForm
                        regionId={regionId}
                        member={m}
                        onDone={(saved) => {
                          setEditing(null);
                          if (saved) refetch({ requestPolicy: 'network-only' });
                          setReturnTo(m.player.id);
                        }}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr key={m.player.id} data-testid="member-row" data-player-id={m.player.id} data-player-name={m.player.name}>
                    <td>{m.player.name}</td>
                    <td>{enumLabel(m.membershipType)}</td>
                    <td className="num" data-testid="member-voting-power">{m.votingPower}</td>
                    <td data-testid="member-rank">{m.localRank ?? '—'}</td>
                    <td className="num">{m.reputationScore}</td>
                    {canEdit && (
                      <td>
                        <button type="button" id={`edit-${m.player.id}`} className="button button--small" onClick={() => setEditing(m.player.id)} aria-label={`Edit ${m.player.name}`}>
                          Edit
                        </button>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      <nav className="form-actions" aria-label="Member pages">
        <button type="button" className="button" disabled={fetching || page.offset === 0} onClick={() => setOffset(Math.max(0, page.offset - PAGE_SIZE))}>
          Previous page
        </button>
        <button type="button" className="button" disabled={fetching || last >= page.total} onClick={() => setOffset(page.offset + PAGE_SIZE)}>
          Next page
        </button>
      </nav>
    </section>
  );
}

/** The owner's edit of one member: voting power (0–5, 0 takes the vote away) and the local rank (empty clears it). */
function StandingForm({ regionId, member: m, onDone }: { regionId: string; member: MemberRow; onDone: (saved: boolean) => void }) {
  const client = useClient();
  const [power, setPower] = useState(String(m.votingPower));
  const [rank, setRank] = useState(m.localRank ?? '');
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [busy, setBusy] = useState(false);
  // The row turned into this form: focus its first field (the Edit button that had focus is gone).
  useEffect(() => document.getElementById('standing-voting-power')?.focus(), []);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const votingPower = power.trim() === '' ? null : Number(power);
    const res = await client.mutation(SetMemberStandingMutation, { input: { regionId, playerId: m.player.id, votingPower, localRank: rank } }).toPromise();
    setBusy(false);
    if (res.error || !res.data) return setFailure(res.error ? describeMutationError(res.error) : noAnswer);
    onDone(true);
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="standing-form" aria-label={`Standing of ${m.player.name}`}>
      <strong>{m.player.name}</strong>
      {failure && failure.issues.length === 0 && <FormError code={failure.code} message={failure.message} />}
      <div className="grid-2">
        <NumberField id="standing-voting-power" label="Voting power" value={power} onChange={setPower} min={VP.min} max={VP.max} step={0.5} hint={`${VP.min}–${VP.max}; 0 takes the vote away`} error={issueAt(failure, 'votingPower')} />
        <TextField id="standing-rank" label="Rank" value={rank} onChange={setRank} hint="At most 50 characters; empty clears it" error={issueAt(failure, 'localRank')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save standing
        </button>
        <button type="button" className="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Mint invite codes (max uses, lifetime), copy a code, revoke one; the active ones are listed. */
function Invites({ regionId }: { regionId: string }) {
  const client = useClient();
  const [{ data, error }, refetch] = useQuery({ query: GovernorInvitesQuery, variables: { id: regionId }, requestPolicy: 'cache-and-network' });
  const [maxUses, setMaxUses] = useState('1');
  const [ttlDays, setTtlDays] = useState(String(INVITE_DEFAULT_TTL_DAYS));
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [minted, setMinted] = useState<RegionInviteFieldsFragment | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  async function mint(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const days = Number(ttlDays);
    // The lifetime is sent as the instant it ends; the server checks it (future, at most 30 days ahead).
    const expiresAt = ttlDays.trim() === '' ? null : Number.isFinite(days) ? new Date(Date.now() + days * DAY_MS).toISOString() : ttlDays;
    const res = await client.mutation(MintInviteMutation, { regionId, maxUses: maxUses.trim() === '' ? null : Number(maxUses), expiresAt }).toPromise();
    setBusy(false);
    if (res.error || !res.data) return setFailure(res.error ? describeMutationError(res.error) : noAnswer);
    setFailure(null);
    setMinted(res.data.mintInvite);
    refetch({ requestPolicy: 'network-only' });
  }
  async function revoke(id: string) {
    const res = await client.mutation(RevokeInviteMutation, { inviteId: id }).toPromise();
    if (res.error) return setFailure(describeMutationError(res.error));
    setFailure(null);
    if (minted?.id === id) setMinted(null);
    refetch({ requestPolicy: 'network-only' });
  }
  async function copy(code: string) {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(code);
    } catch {
      setCopied(null);
      window.prompt('Copy the invite code:', code);
    }
  }

  const invites = data?.region.invites ?? [];
  return (
    <section className="card stack" aria-labelledby="invites-title" data-testid="invites">
      <h3 id="invites-title">Invites</h3>
      <p className="muted">Whoever creates an account with an invite code becomes a citizen of this region, placed at its capital.</p>
      <form className="form" onSubmit={(e) => void mint(e)} noValidate data-testid="mint-invite-form" aria-label="Mint an invite">
        {failure && failure.issues.length === 0 && <FormError code={failure.code} message={failure.message} />}
        <div className="grid-2">
          <NumberField id="invite-max-uses" label="Max uses" value={maxUses} onChange={setMaxUses} min={1} max={INVITE_MAX_USES_LIMIT} step={1} hint={`1–${INVITE_MAX_USES_LIMIT}`} error={issueAt(failure, 'maxUses')} />
          <NumberField id="invite-ttl" label="Valid for (days)" value={ttlDays} onChange={setTtlDays} min={1} max={INVITE_MAX_TTL_DAYS} step={1} hint={`At most ${INVITE_MAX_TTL_DAYS} days`} error={issueAt(failure, 'expiresAt')} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Mint invite
          </button>
        </div>
      </form>
      {minted && (
        <p className="notice notice--ok" role="status" data-testid="invite-minted">
          New code <code className="code-chip" data-testid="invite-minted-code">{minted.code}</code> — {minted.maxUses} use{minted.maxUses === 1 ? '' : 's'}, until {minted.expiresAt.slice(0, 10)}.
        </p>
      )}
      {error ? (
        <ErrorBanner title="Invites unavailable" failure={describeError(error, 'the gateway')} />
      ) : invites.length === 0 ? (
        <p className="muted" data-testid="invites-empty">No active invites.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Active invites">
          <table className="table" data-testid="invites-table">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col" className="num">Used</th>
                <th scope="col">Expires</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {invites.map((i) => (
                <tr key={i.id} data-testid="invite-row" data-invite-id={i.id} data-invite-code={i.code}>
                  <td>
                    <code className="code-chip">{i.code}</code>
                  </td>
                  <td className="num">
                    {i.uses}/{i.maxUses}
                  </td>
                  <td>{i.expiresAt.slice(0, 10)}</td>
                  <td>
                    <div className="form-actions">
                      <button type="button" className="button button--small" onClick={() => void copy(i.code)} aria-label={`${copied === i.code ? 'Copied' : 'Copy'} code ${i.code}`}>
                        {copied === i.code ? 'Copied' : 'Copy'}
                      </button>
                      <button type="button" className="button button--small button--danger" onClick={() => void revoke(i.id)} aria-label={`Revoke code ${i.code}`}>
                        Revoke
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {copied && (
        <p className="visually-hidden" role="status">
          Copied {copied}.
        </p>
      )}
    </section>
  );
}
