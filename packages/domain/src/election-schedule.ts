import type { ElectionPosition, GovernanceType } from './vocabulary.ts';

/**
 * Automatic elections (docs/rules/governance.md "Elections"). A democracy elects its governor and a council republic
 * its council every `election_frequency_days`; an autocracy holds no automatic election (its governor is appointed).
 */
export const AUTO_ELECTION = { registrationDays: 7, votingDays: 7 } as const;
/** Days the owner has to sign a passed petition (autocracy) before it lapses. */
export const PETITION_SIGNATURE_DAYS = 7;

const DAY_MS = 86_400_000;

/** The office an automatic election fills under a governance type, or null (autocracy). */
export function autoElectionPosition(type: GovernanceType): ElectionPosition | null {
  switch (type) {
    case 'autocracy':
      return null;
    case 'democracy':
      return 'governor';
    case 'council':
      return 'council_member';
    default: {
      const never: never = type;
      throw new Error(`unknown governance type ${String(never)}`);
    }
  }
}

export interface ScheduleFacts {
  governanceType: GovernanceType;
  electionFrequencyDays: number;
  /** A pending / active / tallying election for the position exists. */
  hasLiveElection: boolean;
  /** When the last election of the position held under the current type ended (closed or cancelled), if any. */
  lastEndedAt: Date | null;
  /** When the current governance type began (or the region was created). */
  typeSince: Date;
  /** Nobody holds the office now (no governor / no council seats). */
  officeVacant: boolean;
}

/**
 * True when an automatic election is due at `now`: not under autocracy, none live, and either the frequency has passed
 * since the last one ended, or — when none has been held under this type — the office is vacant (so a region that just
 * became a democracy elects at once) or the frequency has passed since the type began.
 */
export function autoElectionDue(f: ScheduleFacts, now: Date): boolean {
  if (autoElectionPosition(f.governanceType) === null || f.hasLiveElection) return false;
  const every = f.electionFrequencyDays * DAY_MS;
  if (f.lastEndedAt) return now.getTime() - f.lastEndedAt.getTime() >= every;
  return f.officeVacant || now.getTime() - f.typeSince.getTime() >= every;
}

/** Windows of an election created at `now` with the given registration and voting days. */
export function electionWindows(now: Date, registrationDays: number, votingDays: number): { opensAt: Date; closesAt: Date } {
  const opensAt = new Date(now.getTime() + registrationDays * DAY_MS);
  return { opensAt, closesAt: new Date(opensAt.getTime() + votingDays * DAY_MS) };
}
