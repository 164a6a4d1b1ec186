'use client';

import { canStartElection, electedPositions, type RegionActor } from '@sw/domain/governance-authority';
import { GOVERNANCE_BOUNDS } from '@sw/domain/vocabulary';
import { useCallback, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import type { ElectionPosition, GovernanceType, GovernorElectionFragment, GovernorEventsSubscription as GovernanceEventData, GovernorRegionFragment } from '../../../graphql/generated/graphql';
import {
  CancelElectionMutation,
  GovernorElectionQuery,
  GovernorElectionsQuery,
  GovernorEventsSubscription,
  GovernorRegisterCandidateMutation,
  StartElectionMutation,
} from '../../../graphql/operations/governor';
import { ElectionTallySubscription } from '../../../graphql/operations/governance';
import { useLiveSnapshot } from '../../../graphql/live/use-live-snapshot';
import { describeMutationError, issueAt, type MutationFailure } from '../../../graphql/describe-error';
import { enumLabel } from '../../../graphql/reshape';
import { FormError, NumberField, SelectField, TextAreaField } from '../../ui/field';
import { EmptyState } from '../../ui/states';
import { electionOutcome, foldElectionTally, isElected, type ElectionTally } from './election-outcome';

const TYPE: Record<GovernanceType, 'autocracy' | 'democracy' | 'council'> = { AUTOCRACY: 'autocracy', DEMOCRACY: 'democracy', COUNCIL: 'council' };
/** The platform's platform-length rule for candidates (registerCandidate refuses longer with ERR_VALIDATION). */
const PLATFORM_MAX = 500;
const VB = GOVERNANCE_BOUNDS.votingDays;

type Failure = MutationFailure | null;
type TallyEvent = { electionTallyChanged: ElectionTally };
const isFinal = (e: Pick<GovernorElectionFragment, 'status'>) => e.status === 'COMPLETED' || e.status === 'CANCELLED';
/**
 * Elections that get a live tally of their own: the newest open ones, at most this many, so the page stays well inside
 * the gateway's subscriptions-per-connection cap (100) next to the Policies tab's rows.
 */
const MAX_LIVE_ELECTIONS = 10;
const noAnswer: MutationFailure = { code: 'ERR_EMPTY_RESPONSE', message: 'No answer', issues: [] };

/**
 * Start an election (who may: the governance decision table), register as a candidate, cancel before voting opens.
 * The list follows the region's governanceEvents (any election event re-reads it: scheduled, opened, cancelled,
 * closed, elected), and each open election's results follow its own electionTallyChanged.
 */
export function ElectionsTab({ region: r, actor, myPlayerId }: { region: GovernorRegionFragment; actor: RegionActor; myPlayerId: string | null }) {
  const client = useClient();
  const refetch = useCallback(async () => (await client.query(GovernorElectionsQuery, { id: r.id }, { requestPolicy: 'network-only' }).toPromise()).data?.region.elections ?? null, [client, r.id]);
  const live = useLiveSnapshot<GovernorElectionFragment[], GovernanceEventData, { regionId: string }>({
    initial: r.elections,
    refetch,
    subscription: GovernorEventsSubscription,
    variables: { regionId: r.id },
    // Election events carry no tally: re-read the list; other governance events leave it as it is.
    apply: (cur, ev) => (ev.governanceEvents.election || ev.governanceEvents.kind.startsWith('ELECT') ? null : cur),
    mode: 'fifo',
  });
  const elections = live.data;
  const upsert = (e: GovernorElectionFragment) => live.replace(elections.some((c) => c.id === e.id) ? elections.map((c) => (c.id === e.id ? e : c)) : [e, ...elections]);
  const liveIds = new Set(elections.filter((e) => !isFinal(e)).slice(0, MAX_LIVE_ELECTIONS).map((e) => e.id));
  return (
    <div className="stack" data-testid="elections-tab">
      <StartElectionForm region={r} actor={actor} onStarted={upsert} />
      {elections.length === 0 ? (
        <EmptyState title="No elections yet">Elections for the region’s offices appear here with live results.</EmptyState>
      ) : (
        <div className="grid-2" data-testid="elections" data-live-status={live.status}>
          {elections.map((e) => (
            <ElectionPanel key={e.id} election={e} live={liveIds.has(e.id)} canCancel={actor.isOwner || actor.isAdmin} myPlayerId={myPlayerId} onChanged={upsert} />
          ))}
        </div>
      )}
    </div>
  );
}

function StartElectionForm({ region: r, actor, onStarted }: { region: GovernorRegionFragment; actor: RegionActor; onStarted: (e: GovernorElectionFragment) => void }) {
  const client = useClient();
  const type = TYPE[r.governance.governanceType];
  const positions = electedPositions(type).filter((p) => canStartElection(type, p, actor));
  const [position, setPosition] = useState<string>(positions[0] ?? '');
  const [registrationDays, setRegistrationDays] = useState(String(VB.default));
  const [votingDays, setVotingDays] = useState(String(VB.default));
  const [failure, setFailure] = useState<Failure>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (positions.length === 0) {
    return (
      <p className="notice" data-testid="start-election-route">
        {`Elections here are started by the region’s owner${type === 'democracy' ? ' or its elected governor' : ''}; elected offices under ${enumLabel(type)}: ${electedPositions(type).map(enumLabel).join(', ')}.`}
      </p>
    );
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setDone(false);
    const toInt = (t: string) => (t.trim() === '' ? null : Number(t));
    const res = await client.mutation(StartElectionMutation, { input: { regionId: r.id, position: position.toUpperCase() as ElectionPosition, registrationDays: toInt(registrationDays), votingDays: toInt(votingDays) } }).toPromise();
    setBusy(false);
    if (res.error || !res.data) return setFailure(res.error ? describeMutationError(res.error) : noAnswer);
    setFailure(null);
    setDone(true);
    onStarted(res.data.startElection);
  }

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate data-testid="start-election-form" aria-labelledby="start-election-title">
      <h3 id="start-election-title">Start an election</h3>
      <p className="muted">Candidates register first; voting opens when the registration window ends. It can be cancelled until then.</p>
      {failure && failure.issues.length === 0 && <FormError code={failure.code} message={failure.message} />}
      <SelectField id="election-position" label="Office" value={position} onChange={setPosition} options={positions.map((p) => ({ value: p, label: enumLabel(p) }))} error={issueAt(failure, 'position')} />
      <div className="grid-2">
        <NumberField id="election-registration-days" label="Registration (days)" value={registrationDays} onChange={setRegistrationDays} min={VB.min} max={VB.max} step={1} hint={`${VB.min}–${VB.max}`} error={issueAt(failure, 'registrationDays')} />
        <NumberField id="election-voting-days" label="Voting (days)" value={votingDays} onChange={setVotingDays} min={VB.min} max={VB.max} step={1} hint={`${VB.min}–${VB.max}`} error={issueAt(failure, 'votingDays')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Starting…' : 'Start election'}
        </button>
        {done && (
          <span className="field__ok" role="status" data-testid="election-started">
            Registration is open.
          </span>
        )}
      </div>
    </form>
  );
}

/**
 * One election: its window, candidates with their weight (live while `live`), how it ended, and the actions its state
 * allows. A tally whose status moved on (closed, cancelled) is not folded in: the election is re-read, so the winner
 * and the results arrive with the new status.
 */
function ElectionPanel({ election, live: isLive, canCancel, myPlayerId, onChanged }: { election: GovernorElectionFragment; live: boolean; canCancel: boolean; myPlayerId: string | null; onChanged: (e: GovernorElectionFragment) => void }) {
  const client = useClient();
  const refetch = useCallback(async () => (await client.query(GovernorElectionQuery, { id: election.id }, { requestPolicy: 'network-only' }).toPromise()).data?.election ?? null, [client, election.id]);
  const live = useLiveSnapshot<GovernorElectionFragment, TallyEvent, { electionId: string }>({
    initial: election,
    refetch,
    subscription: ElectionTallySubscription,
    variables: { electionId: election.id },
    apply: (cur, t) => foldElectionTally(cur, t.electionTallyChanged),
    mode: 'latest',
    pause: !isLive || isFinal(election),
  });
  const e = live.data;
  const [platform, setPlatform] = useState('');
  const [failure, setFailure] = useState<Failure>(null);
  const [busy, setBusy] = useState(false);
  const outcome = electionOutcome(e);
  const isCandidate = e.candidates.some((c) => c.player.id === myPlayerId);
  const pending = e.status === 'PENDING';

  async function act(run: () => Promise<{ error?: Parameters<typeof describeMutationError>[0] | undefined; election: GovernorElectionFragment | null }>) {
    setBusy(true);
    const r = await run();
    setBusy(false);
    if (r.error || !r.election) return setFailure(r.error ? describeMutationError(r.error) : noAnswer);
    setFailure(null);
    onChanged(r.election);
  }
  const register = (ev: FormEvent) => {
    ev.preventDefault();
    void act(async () => {
      const res = await client.mutation(GovernorRegisterCandidateMutation, { electionId: e.id, platform: platform.trim() === '' ? null : platform }).toPromise();
      if (!res.error) setPlatform('');
      return { error: res.error, election: res.data?.registerCandidate ?? null };
    });
  };
  const cancel = () =>
    void act(async () => {
      const res = await client.mutation(CancelElectionMutation, { electionId: e.id }).toPromise();
      return { error: res.error, election: res.data?.cancelElection ?? null };
    });

  const headingId = `election-${e.id}-title`;
  return (
    <section className="card" data-testid="election-card" data-election-id={e.id} data-election-status={e.status} data-outcome={outcome.kind} data-live={isLive && !isFinal(e) ? 'true' : 'false'} style={{ background: 'var(--bg-raised)' }} aria-labelledby={headingId}>
      <header className="card__header">
        <h3 id={headingId}>{enumLabel(e.position)}</h3>
        <span className={`badge badge--${e.status.toLowerCase()}`}>{enumLabel(e.status)}</span>
      </header>
      <p className="muted">
        {pending ? 'Registration until' : 'Voting'} {e.votingOpensAt.slice(0, 10)} → {e.votingClosesAt.slice(0, 10)} · total weight {e.totalWeight}
      </p>
      {outcome.kind !== 'open' && (
        <p className={outcome.kind === 'elected' ? 'notice notice--ok' : 'notice'} data-testid="election-outcome">
          {outcome.text}
        </p>
      )}
      {failure && failure.issues.length === 0 && <FormError code={failure.code} message={failure.message} />}
      {e.candidates.length === 0 ? (
        <p className="muted">No candidates have registered.</p>
      ) : (
        <ul data-testid="election-candidates">
          {e.candidates.map((c) => (
            <li key={c.player.id} data-testid="election-candidate">
              {c.player.name} — <strong data-testid="candidate-weight">{c.weight}</strong>
              {isElected(e, c.player.id) && (
                <>
                  {' '}
                  <span className="badge badge--passed" data-testid="election-winner">
                    winner
                  </span>
                </>
              )}
              {c.platform && <span className="table__sub">{c.platform}</span>}
            </li>
          ))}
        </ul>
      )}
      {pending && myPlayerId && !isCandidate && (
        <form className="form" onSubmit={register} noValidate data-testid="register-candidate-form">
          <TextAreaField id={`platform-${e.id}`} label="Your platform (optional)" value={platform} onChange={setPlatform} rows={3} hint={`${platform.length}/${PLATFORM_MAX} characters`} error={issueAt(failure, 'platform')} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              Register as a candidate
            </button>
          </div>
        </form>
      )}
      {pending && isCandidate && <p className="field__ok">You are a candidate.</p>}
      {pending && canCancel && (
        <div className="form-actions">
          <button type="button" className="button button--danger" disabled={busy} onClick={cancel}>
            Cancel election
          </button>
        </div>
      )}
    </section>
  );
}
