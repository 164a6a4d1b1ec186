/**
 * proposePolicy: puts typed changes to the region's deciders, or — when the decision table says the caller may change
 * them directly (an autocrat's decree, an admin) — enacts them at once, recorded as a decree / admin policy.
 * Outcomes: ok {policy id, enacted} | ERR_UNAUTHENTICATED | ERR_VALIDATION | ERR_INVALID_PROPOSED_CHANGES (every
 * problem) | ERR_REGION_NOT_FOUND | ERR_REGION_NOT_ACTIVE | ERR_GOVERNANCE_DENIED | ERR_CONFLICT (type changed meanwhile).
 */
import { randomUUID } from 'node:crypto';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import {
  GOVERNANCE_BOUNDS, POLICY_TEXT_BOUNDS, isConstitutional, proposalRoute, settingGroupsOf, validatePolicyChanges, type PolicyDecisionKind, type ValidationIssue,
} from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';
import { governanceEvent, publishGovernanceEvents, type GovernanceEventPayload } from '../live/governance-events.ts';
import { loadGovernedRegion, loadStanding } from '../store/region-standing.ts';
import { enactPolicy } from './enact-policy.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export interface ProposePolicyInput {
  regionId: string;
  title: string;
  description?: string | null;
  policyType?: string | null;
  proposedChanges: unknown;
  votingDays?: number | null;
}

const DAY_MS = 86_400_000;

export async function proposePolicy(
  deps: GovernanceDeps,
  claims: Claims | null,
  input: ProposePolicyInput,
): Promise<Outcome<{ policyId: string; enacted: boolean }>> {
  if (!claims?.playerId && !claims?.roles.includes('admin')) return failed('ERR_UNAUTHENTICATED', 'sign in with a player first');
  const issues: ValidationIssue[] = [];
  const title = input.title.trim();
  const tb = POLICY_TEXT_BOUNDS;
  if (title.length < tb.titleMin || title.length > tb.titleMax) issues.push({ path: 'title', message: `must be ${tb.titleMin}-${tb.titleMax} characters` });
  if ((input.description?.length ?? 0) > tb.descriptionMax) issues.push({ path: 'description', message: `must be at most ${tb.descriptionMax} characters` });
  if ((input.policyType?.length ?? 0) > tb.policyTypeMax) issues.push({ path: 'policyType', message: `must be at most ${tb.policyTypeMax} characters` });
  const days = input.votingDays ?? GOVERNANCE_BOUNDS.votingDays.default;
  const vb = GOVERNANCE_BOUNDS.votingDays;
  if (!Number.isInteger(days) || days < vb.min || days > vb.max) issues.push({ path: 'votingDays', message: `must be an integer from ${vb.min} to ${vb.max}` });
  if (issues.length) return failed('ERR_VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  const changes = validatePolicyChanges(input.proposedChanges);
  if (!changes.ok) return failed('ERR_INVALID_PROPOSED_CHANGES', changes.issues.map((i) => `${i.path}: ${i.message}`).join('; '), changes.issues);

  const standing = await loadStanding(deps.db, input.regionId, claims);
  if (!standing) return failed('ERR_REGION_NOT_FOUND', `region ${input.regionId} not found`);
  if (standing.region.status !== 'active') return failed('ERR_REGION_NOT_ACTIVE', 'the region is not active');
  const groups = settingGroupsOf(changes.changes);
  const route = proposalRoute(standing.region.governanceType, groups, standing.actor);
  if (route.route === 'denied') return failed('ERR_GOVERNANCE_DENIED', route.reason);

  const now = deps.now();
  const kind: PolicyDecisionKind = route.route === 'direct' ? (route.via === 'admin' ? 'admin' : 'decree') : route.decidedBy;
  const policyId = randomUUID();
  const events: GovernanceEventPayload[] = [];
  const written = await deps.db.transaction(async (tx) => {
    const region = route.route === 'direct' ? await loadGovernedRegion(tx, input.regionId, true) : standing.region;
    // A decree was allowed under the type read before the lock; if a policy changed the type meanwhile, refuse.
    if (!region || region.governanceType !== standing.region.governanceType) return false;
    await tx.insert(hub.regionalPolicies).values({
      id: policyId,
      regionId: input.regionId,
      policyType: input.policyType?.trim() || (groups.includes('governance') ? 'governance_change' : 'economy'),
      title,
      description: input.description ?? null,
      proposedChanges: changes.changes,
      proposedBy: standing.playerId,
      proposedAt: now,
      // A decree has no voting window; the CHECK still wants closes > proposed, so it closes 1 ms later.
      votingClosesAt: new Date(now.getTime() + (route.route === 'direct' ? 1 : days * DAY_MS)),
      decisionKind: kind,
      constitutional: isConstitutional(changes.changes),
    });
    events.push(governanceEvent('policy_proposed', input.regionId, now, `${kind === 'owner_signature' ? 'petition' : kind}: ${title}`, { policyId }));
    if (route.route === 'direct') {
      const enacted = await enactPolicy(tx, region, { id: policyId, title, proposedChanges: changes.changes, decisionKind: kind, proposedBy: standing.playerId }, now);
      events.push(...enacted.events);
    }
    return true;
  });
  if (!written) return failed('ERR_CONFLICT', 'the region\'s governance type changed while proposing; try again');
  await publishGovernanceEvents(deps.bus, deps.log, events);
  return ok({ policyId, enacted: route.route === 'direct' });
}
