/** acceptTreaty: region B's owner signs a proposed treaty (see transition-treaty.ts for the outcomes). */
import type { Claims } from '@sw/auth';
import type { GovernanceDeps } from '../deps.ts';
import { transitionTreaty } from './transition-treaty.ts';

export const acceptTreaty = (deps: GovernanceDeps, claims: Claims | null, treatyId: string) => transitionTreaty(deps, claims, treatyId, 'accept');
