/** terminateTreaty: either region's owner ends an active treaty (see transition-treaty.ts for the outcomes). */
import type { Claims } from '@sw/auth';
import type { GovernanceDeps } from '../deps.ts';
import { transitionTreaty } from './transition-treaty.ts';

export const terminateTreaty = (deps: GovernanceDeps, claims: Claims | null, treatyId: string) => transitionTreaty(deps, claims, treatyId, 'terminate');
