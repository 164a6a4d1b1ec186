'use client';

import { policyDecider, type RegionActor } from '@sw/domain/governance-authority';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import type { GovernanceType, GovernorPolicyRowFragment, GovernorRegionFragment } from '../../../graphql/generated/graphql';
import { GovernorPolicyRowQuery, PolicyChangeSchemaQuery, ProposePolicyMutation } from '../../../graphql/operations/governor';
import { PolicyTallySubscription } from '../../../graphql/operations/governance';
import { useLiveSnapshot } from '../../../graphql/live/use-live-snapshot';
import { describeMutationError, issueAt, type MutationFailure } from '../../../graphql/describe-error';
import { enumLabel } from '../../../graphql/reshape';
import { FormError, NumberField, SelectField, TextAreaField, TextField } from '../../ui/field';
import { EmptyState } from '../../ui/states';
import { changeHint, changeLabel, emptyDraft, toProposedChanges, type ChangeDraft, type ChangeSpec } from './policy-changes-form';

const DECIDED_BY = { referendum: 'a referendum of the voting members', council: 'the council', owner_signature: 'a petition: the members vote, then the owner signs or vetoes' } as const;
const TYPE: Record<GovernanceType, 'autocracy' | 'democracy' | 'council'> = { AUTOCRACY: 'autocracy', DEMOCRACY: 'democracy', COUNCIL: 'council' };

/**
 * Rows that get a live tally: the newest undecided ones, at most this many, so one page stays well inside the
 * gateway's subscriptions-per-connection cap (100); older rows show the tally read with the page.
 */
const MAX_LIVE_ROWS = 25;
const isDecided = (p: GovernorPolicyRowFragment) => p.status === 'IMPLEMENTED' || p.status === 'REJECTED';

/** Propose a policy (fields from the server's change table), then every policy with its live tally. */
export function PoliciesTab({ region: r, actor }: { region: GovernorRegionFragment; actor: RegionActor }) {
  const [policies, setPolicies] = useState(r.policies);
  const live = new Set(policies.filter((p) => !isDecided(p)).slice(0, MAX_LIVE_ROWS).map((p) => p.id));
  return (
    <div className="stack">
      <ProposePolicyForm region={r} actor={actor} onProposed={(p) => setPolicies((cur) => [p, ...cur.filter((c) => c.id !== p.id)])} />
      {policies.length === 0 ? (
        <EmptyState title="No policies yet">Policies proposed in this region appear here with their live tallies.</EmptyState>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Policies">
          <table className="table" data-testid="policies-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Decided by</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">For</th>
                <th scope="col" className="num">Against</th>
                <th scope="col" className="num">Approval</th>
                <th scope="col">Closes</th>
              </tr>
            </thead>
            <tbody>
              {policies.map((p) => (
                <PolicyRow key={p.id} policy={p} live={live.has(p.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

type TallyEvent = { policyTallyChanged: { status: GovernorPolicyRowFragment['status']; votesFor: number; votesAgainst: number; approvalPercentage?: number | null } };

/** One policy row, its tally kept current by policyTallyChanged while `live` (never once decided). */
function PolicyRow({ policy, live: isLive }: { policy: GovernorPolicyRowFragment; live: boolean }) {
  const client = useClient();
  const refetch = useCallback(async () => (await client.query(GovernorPolicyRowQuery, { id: policy.id }, { requestPolicy: 'network-only' }).toPromise()).data?.policy ?? null, [client, policy.id]);
  const live = useLiveSnapshot<GovernorPolicyRowFragment, TallyEvent, { policyId: string }>({
    initial: policy,
    refetch,
    subscription: PolicyTallySubscription,
    variables: { policyId: policy.id },
    apply: (p, e) => ({ ...p, status: e.policyTallyChanged.status, votesFor: e.policyTallyChanged.votesFor, votesAgainst: e.policyTallyChanged.votesAgainst, approvalPercentage: e.policyTallyChanged.approvalPercentage ?? null }),
    mode: 'latest',
    pause: !isLive || isDecided(policy),
  });
  const p = live.data;
  return (
    <tr data-testid="policy-row" data-policy-id={p.id} data-policy-status={p.status} data-live={isLive && !isDecided(p) ? 'true' : 'false'}>
      <td>
        {p.title}
        {p.constitutional && <span className="table__sub">constitutional</span>}
      </td>
      <td>{enumLabel(p.decisionKind)}</td>
      <td>
        <span className={`badge badge--${p.status.toLowerCase()}`}>{enumLabel(p.status)}</span>
        {p.outcomeReason && <span className="table__sub">{p.outcomeReason.replace(/_/g, ' ')}</span>}
      </td>
      <td className="num" data-testid="policy-votes-for">{p.votesFor}</td>
      <td className="num" data-testid="policy-votes-against">{p.votesAgainst}</td>
      <td className="num">{p.approvalPercentage === null || p.approvalPercentage === undefined ? '—' : `${Math.round(p.approvalPercentage)}%`}</td>
      <td>{p.votingClosesAt.slice(0, 10)}</td>
    </tr>
  );
}

/**
 * The proposal form. Which changes can be proposed, and their bounds, come from the server (policyChangeSchema);
 * the server validates again and its problems land at their fields. Nothing is written when it refuses.
 */
function ProposePolicyForm({ region: r, actor, onProposed }: { region: GovernorRegionFragment; actor: RegionActor; onProposed: (p: GovernorPolicyRowFragment) => void }) {
  const client = useClient();
  const [{ data, error }] = useQuery({ query: PolicyChangeSchemaQuery });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [votingDays, setVotingDays] = useState('');
  const [drafts, setDrafts] = useState<ChangeDraft[]>([]);
  const [adding, setAdding] = useState('');
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  // A change just added gets the focus (its first input), so the keyboard flow goes on from "Add change".
  useEffect(() => {
    if (!focusKey) return;
    const el = document.querySelector<HTMLElement>(`[data-change-key="${focusKey}"] input, [data-change-key="${focusKey}"] select`);
    el?.focus();
    setFocusKey(null);
  }, [focusKey]);

  if (error) return <FormError code="ERR_UPSTREAM_UNAVAILABLE" message={error.message} />;
  if (!data) return <p className="muted">Loading what can be proposed…</p>;
  const schema = data.policyChangeSchema;
  const specs = schema.changes;
  const available = specs.filter((s) => !drafts.some((d) => d.key === s.key));
  const type = TYPE[r.governance.governanceType];
  const decree = type === 'autocracy' && (actor.isOwner || actor.isGovernor || actor.isAdmin);
  const setDraft = (key: string, patch: Partial<ChangeDraft>) => setDrafts((cur) => cur.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setDone(null);
    const days = votingDays.trim() === '' ? null : Number(votingDays);
    const res = await client
      .mutation(ProposePolicyMutation, {
        input: { regionId: r.id, title, description: description.trim() === '' ? null : description, votingDays: days, proposedChanges: toProposedChanges(drafts, specs) },
      })
      .toPromise();
    setBusy(false);
    if (res.error || !res.data) {
      setFailure(res.error ? describeMutationError(res.error) : { code: 'ERR_EMPTY_RESPONSE', message: 'No answer', issues: [] });
      return;
    }
    setFailure(null);
    const { policy, enacted } = res.data.proposePolicy;
    onProposed(policy);
    setDone(enacted ? `“${policy.title}” was enacted at once.` : `“${policy.title}” is open for voting until ${policy.votingClosesAt.slice(0, 10)}.`);
    setTitle('');
    setDescription('');
    setVotingDays('');
    setDrafts([]);
  }

  // Problems the form has no field for (region, standing, conflicts) show on top; field problems at their field.
  const unplaced = failure && (failure.issues.length === 0 || failure.issues.every((i) => i.path === 'input')) ? failure : null;
  const changesIssue = failure?.issues.find((i) => i.path === 'proposedChanges')?.message;
  const unknownKeyIssues = failure?.issues.filter((i) => i.path.startsWith('proposedChanges.') && !drafts.some((d) => i.path === `proposedChanges.${d.key}` || i.path.startsWith(`proposedChanges.${d.key}.`))) ?? [];

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate data-testid="propose-policy-form" aria-labelledby="propose-policy-title">
      <h3 id="propose-policy-title">Propose a policy</h3>
      <p className={decree ? 'notice notice--ok' : 'notice'} data-testid="propose-policy-route">
        {decree ? 'As the region’s autocrat you decree: the changes take effect at once.' : `Decided by ${DECIDED_BY[policyDecider(type)]}. The server checks your standing when you propose.`}
      </p>
      {unplaced && <FormError code={unplaced.code} message={unplaced.message} />}
      <TextField id="policy-title" label="Title" value={title} onChange={setTitle} maxLength={schema.titleMaxLength} hint={`${schema.titleMinLength}–${schema.titleMaxLength} characters`} error={issueAt(failure, 'title')} />
      <TextAreaField id="policy-description" label="Description (optional)" value={description} onChange={setDescription} rows={3} maxLength={schema.descriptionMaxLength} error={issueAt(failure, 'description')} />
      {!decree && (
        <NumberField id="policy-voting-days" label="Voting window (days)" value={votingDays} onChange={setVotingDays} min={schema.votingDaysMin} max={schema.votingDaysMax} step={1} hint={`${schema.votingDaysMin}–${schema.votingDaysMax}; empty: ${schema.votingDaysDefault}`} error={issueAt(failure, 'votingDays')} />
      )}
      <fieldset className="fieldset" data-testid="policy-changes">
        <legend>Proposed changes</legend>
        {drafts.length === 0 && <p className="muted">Add at least one change.</p>}
        {drafts.map((d) => {
          const spec = specs.find((s) => s.key === d.key)!;
          return <ChangeField key={d.key} spec={spec} draft={d} failure={failure} onChange={(patch) => setDraft(d.key, patch)} onRemove={() => setDrafts((cur) => cur.filter((c) => c.key !== d.key))} />;
        })}
        {changesIssue && (
          <p className="field__error" role="alert" data-testid="policy-changes-error">
            {changesIssue}
          </p>
        )}
        {unknownKeyIssues.map((i) => (
          <p key={i.path} className="field__error" role="alert">
            {i.path}: {i.message}
          </p>
        ))}
        {available.length > 0 && (
          <div className="form-actions" style={{ alignItems: 'flex-end' }}>
            <SelectField id="policy-add-change" label="Change to add" value={adding || available[0]!.key} onChange={setAdding} options={available.map((s) => ({ value: s.key, label: changeLabel(s.key) }))} />
            <button
              type="button"
              className="button"
              onClick={() => {
                const spec = available.find((s) => s.key === (adding || available[0]!.key)) ?? available[0]!;
                setDrafts((cur) => [...cur, emptyDraft(spec)]);
                setAdding('');
                setFocusKey(spec.key);
              }}
            >
              Add change
            </button>
          </div>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Proposing…' : decree ? 'Decree' : 'Propose'}
        </button>
        {done && (
          <span className="field__ok" role="status" data-testid="policy-proposed">
            {done}
          </span>
        )}
      </div>
    </form>
  );
}

/** The input for one chosen change, by the kind the server gives it. */
function ChangeField({ spec, draft, failure, onChange, onRemove }: { spec: ChangeSpec; draft: ChangeDraft; failure: MutationFailure | null; onChange: (p: Partial<ChangeDraft>) => void; onRemove: () => void }) {
  const id = `policy-change-${spec.key}`;
  const path = `proposedChanges.${spec.key}`;
  const error = failure?.issues.find((i) => i.path === path)?.message;
  const label = changeLabel(spec.key);
  const hint = changeHint(spec);
  let control;
  switch (spec.kind) {
    case 'ENUM':
      control = <SelectField id={id} label={label} value={draft.text} onChange={(v) => onChange({ text: v })} options={spec.values.map((v) => ({ value: v, label: enumLabel(v) }))} hint={hint || undefined} error={error} />;
      break;
    case 'BOOLEAN':
      control = <SelectField id={id} label={label} value={draft.text} onChange={(v) => onChange({ text: v })} options={[{ value: 'true', label: 'On' }, { value: 'false', label: 'Off' }]} hint={hint || undefined} error={error} />;
      break;
    case 'COMMODITY_MULTIPLIERS':
      control = (
        <fieldset className="fieldset" aria-describedby={`${id}-hint`} data-testid={id}>
          <legend>{label}</legend>
          <p id={`${id}-hint`} className="field__hint">
            {hint}
          </p>
          {error && (
            <p className="field__error" role="alert" data-testid={`${id}-error`}>
              {error}
            </p>
          )}
          <div className="grid-3">
            {spec.values.map((c) => (
              <NumberField
                key={c}
                id={`${id}-${c}`}
                label={enumLabel(c)}
                value={draft.perValue[c] ?? ''}
                onChange={(v) => onChange({ perValue: { ...draft.perValue, [c]: v } })}
                min={spec.min ?? undefined}
                max={spec.max ?? undefined}
                step={0.1}
                error={failure?.issues.find((i) => i.path === `${path}.${c}`)?.message}
              />
            ))}
          </div>
        </fieldset>
      );
      break;
    default:
      control = (
        <NumberField id={id} label={label} value={draft.text} onChange={(v) => onChange({ text: v })} min={spec.min ?? undefined} max={spec.max ?? undefined} step={spec.kind === 'NUMBER' ? 0.01 : 1} hint={hint} error={error} />
      );
  }
  return (
    <div className="change-field" data-testid="policy-change" data-change-key={spec.key}>
      {control}
      <button type="button" className="button button--small" onClick={onRemove} aria-label={`Remove ${label}`}>
        Remove
      </button>
    </div>
  );
}
