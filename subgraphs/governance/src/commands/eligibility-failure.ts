import type { EligibilityVerdict } from '@sw/domain';
import { failed, type CommandFailure } from './outcome.ts';

/** The stable error of a refused franchise check (403 each; see docs/rules/governance.md "Errors"). */
export function eligibilityFailure(reason: Extract<EligibilityVerdict, { eligible: false }>['reason']): CommandFailure {
  switch (reason) {
    case 'not_a_member':
      return failed('ERR_NOT_A_MEMBER', 'you are not a member of this region');
    case 'no_vote':
      return failed('ERR_NOT_ELIGIBLE', 'only citizens and residents with voting power above 0 may vote');
    case 'account_too_new':
      return failed('ERR_ACCOUNT_TOO_NEW', 'your account must be at least 60 days old to vote');
  }
}
